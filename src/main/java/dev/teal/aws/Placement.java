package dev.teal.aws;

import java.util.List;

/**
 * Where a task set's tasks run and how they are reached, as CreateTaskSet takes it and DescribeTaskSets
 * reports it. Green copies the stable task set's (or the service's), so it runs on the same capacity,
 * in the same network and registers in the same Cloud Map services.
 *
 * <p>ECS takes a launch type or a capacity provider strategy, never both; with neither, CreateTaskSet
 * uses the cluster's default capacity provider strategy, not the service's (CreateTaskSet API reference).
 *
 * @param launchType FARGATE, EC2 or EXTERNAL; null when a capacity provider strategy applies (or neither is known)
 * @param capacityProviderStrategy empty when a launch type applies
 * @param platformVersion null for ECS's default (Fargate) or none (EC2)
 * @param awsvpc subnets, security groups and public IP of tasks in the awsvpc network mode; null for
 *     bridge and host networking, or when not known
 * @param serviceRegistries the Cloud Map registries the tasks register in
 */
public record Placement(
    String launchType,
    List<CapacityProvider> capacityProviderStrategy,
    String platformVersion,
    AwsVpc awsvpc,
    List<ServiceRegistry> serviceRegistries) {

  /** Nothing known. */
  public static final Placement NONE = new Placement(null, List.of(), null, null, List.of());

  public Placement {
    capacityProviderStrategy = capacityProviderStrategy == null ? List.of() : List.copyOf(capacityProviderStrategy);
    serviceRegistries = serviceRegistries == null ? List.of() : List.copyOf(serviceRegistries);
  }

  /** One entry of a capacity provider strategy. */
  public record CapacityProvider(String name, int weight, int base) {}

  /** awsvpc network settings. */
  public record AwsVpc(List<String> subnets, List<String> securityGroups, boolean assignPublicIp) {
    public AwsVpc {
      subnets = subnets == null ? List.of() : List.copyOf(subnets);
      securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
    }
  }

  /** A Cloud Map service the tasks register in; the numbers are null when not set. */
  public record ServiceRegistry(String registryArn, Integer port, String containerName, Integer containerPort) {}

  /** Whether it says which capacity to run on (a launch type or a strategy). */
  public boolean namesCapacity() {
    return launchType != null || !capacityProviderStrategy.isEmpty();
  }

  /** Whether anything is known at all. */
  public boolean isEmpty() {
    return !namesCapacity() && platformVersion == null && awsvpc == null && serviceRegistries.isEmpty();
  }

  public Placement withAwsvpc(AwsVpc newAwsvpc) {
    return new Placement(launchType, capacityProviderStrategy, platformVersion, newAwsvpc, serviceRegistries);
  }

  public Placement withCapacity(String newLaunchType, List<CapacityProvider> newStrategy, String newPlatformVersion) {
    return new Placement(newLaunchType, newStrategy, newPlatformVersion, awsvpc, serviceRegistries);
  }
}
