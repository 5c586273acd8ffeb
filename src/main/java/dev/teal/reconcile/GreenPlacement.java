package dev.teal.reconcile;

import dev.teal.aws.EcsService;
import dev.teal.aws.EcsTaskSet;
import dev.teal.aws.Placement;
import dev.teal.model.NetworkSpec;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What green's CreateTaskSet carries besides its task definition and target group: the capacity provider
 * strategy or launch type, platform version, network configuration and Cloud Map registries of the stable
 * task set, so green runs where blue runs. Pure.
 *
 * <p>Sending them matters: a CreateTaskSet with neither a launch type nor a capacity provider strategy
 * runs on the cluster's default strategy, not the service's (CreateTaskSet API reference), so a
 * FARGATE_SPOT or Auto Scaling group service would get green on other capacity.
 */
final class GreenPlacement {

  /** The launch type of a first deployment that names none anywhere (spec.network's documented default). */
  static final String DEFAULT_LAUNCH_TYPE = "FARGATE";

  private GreenPlacement() {}

  /**
   * @param stable the stable revision's live task set, if any
   * @param network spec.network, or null
   * @param networkMode the network mode of green's task definition: awsvpc tasks need subnets, bridge
   *     and host ones must not be given any (ECS refuses both mistakes)
   * @return empty when green's tasks need awsvpc settings and none are known
   */
  static Optional<Placement> choose(EcsService service, Optional<EcsTaskSet> stable, NetworkSpec network,
      String networkMode) {
    boolean awsvpc = "awsvpc".equals(networkMode);
    Placement placement = stable.or(() -> anyLiveTaskSet(service)).map(EcsTaskSet::placement)
        .filter(p -> !p.isEmpty())
        .orElseGet(() -> fromServiceAndSpec(service, network));
    if (!awsvpc) {
      return Optional.of(placement.withAwsvpc(null));
    }
    boolean subnetsKnown = placement.awsvpc() != null && !placement.awsvpc().subnets().isEmpty();
    return subnetsKnown ? Optional.of(placement) : Optional.empty();
  }

  /** The primary first, then the newest: they run where the service's tasks run today. */
  private static Optional<EcsTaskSet> anyLiveTaskSet(EcsService service) {
    return service.taskSets().stream().filter(t -> !EcsTaskSet.DRAINING.equals(t.status()))
        .min(Comparator.comparing((EcsTaskSet t) -> !t.isPrimary())
            .thenComparing(EcsTaskSet::createdAt, Comparator.nullsLast(Comparator.reverseOrder())));
  }

  /**
   * A first deployment: the service's own settings (as created, e.g. with a capacity provider strategy),
   * with spec.network's launch type winning where given and its subnets filling in missing awsvpc settings.
   */
  private static Placement fromServiceAndSpec(EcsService service, NetworkSpec network) {
    Placement placement = Objects.requireNonNullElse(service.placement(), Placement.NONE);
    if (network != null && network.launchType() != null) {
      placement = placement.withCapacity(network.launchType(), List.of(), null);
    }
    if (!placement.namesCapacity()) {
      placement = placement.withCapacity(DEFAULT_LAUNCH_TYPE, List.of(), placement.platformVersion());
    }
    boolean hasSubnets = placement.awsvpc() != null && !placement.awsvpc().subnets().isEmpty();
    if (!hasSubnets && network != null && network.subnets() != null && !network.subnets().isEmpty()) {
      placement = placement.withAwsvpc(new Placement.AwsVpc(network.subnets(),
          Objects.requireNonNullElse(network.securityGroups(), List.of()), Boolean.TRUE.equals(network.assignPublicIp())));
    }
    return placement;
  }
}
