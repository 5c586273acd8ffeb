package dev.teal.sandbox.ecs;

/** One entry of a capacity provider strategy. */
record CapacityProviderItem(String capacityProvider, int weight, int base) {

  /** FARGATE and FARGATE_SPOT run Fargate tasks; any other (Auto Scaling group) provider runs EC2 tasks. */
  boolean isFargate() {
    return "FARGATE".equals(capacityProvider) || "FARGATE_SPOT".equals(capacityProvider);
  }
}
