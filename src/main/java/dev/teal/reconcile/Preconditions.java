package dev.teal.reconcile;

import dev.teal.aws.EcsService;

/**
 * Preconditions: what must exist before teal may act at all (the ECS service, driven by the EXTERNAL
 * deployment controller, and both routes on one load balancer). When one is missing the pass ends in
 * phase Failed.
 */
final class Preconditions {

  private Preconditions() {}

  /** Never acts; throws {@link CannotAct} when teal cannot drive this deployment. */
  static Action check(PlanningPass p) {
    EcsService service = p.observed.service();
    if (service == null) {
      throw new CannotAct(Reasons.SERVICE_NOT_FOUND,
          "ECS service " + p.spec.service() + " was not found in cluster " + p.spec.cluster());
    }
    if (!service.isExternallyControlled()) {
      throw new CannotAct(Reasons.SERVICE_NOT_EXTERNAL, "ECS service " + p.spec.service()
          + " uses the " + service.deploymentController() + " deployment controller; teal drives only EXTERNAL");
    }
    if (p.observed.route(p.production).isEmpty()) {
      throw new CannotAct(Reasons.PRODUCTION_ROUTE_NOT_FOUND,
          "production " + p.describe(p.production) + " was not found");
    }
    if (p.observed.route(p.test).isEmpty()) {
      throw new CannotAct(Reasons.TEST_ROUTE_NOT_FOUND, "test " + p.describe(p.test) + " was not found");
    }
    // A target group can be used by one load balancer only (ELB quota "Load balancers per target group: 1";
    // ELB refuses a second with TargetGroupAssociationLimit). Green joins the test route first, so with the
    // routes on two load balancers promotion would fail half-way: refuse before anything is created.
    if (!p.production.loadBalancerArn().equals(p.test.loadBalancerArn())) {
      throw new CannotAct(Reasons.ROUTES_ON_DIFFERENT_LOAD_BALANCERS, "production " + p.describe(p.production)
          + " is on load balancer " + p.production.loadBalancerArn() + " and test " + p.describe(p.test) + " on "
          + p.test.loadBalancerArn() + "; a target group can be used by only one load balancer, so green cannot"
          + " serve both: put the test listener on the production listener's load balancer");
    }
    return null;
  }
}
