package dev.teal.reconcile;

import dev.teal.aws.EcsGateway;
import dev.teal.aws.EcsService;
import dev.teal.aws.EcsTaskSet;
import dev.teal.aws.ElbGateway;
import dev.teal.aws.RouteRef;
import dev.teal.aws.RouteState;
import dev.teal.model.Condition;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.Phase;
import dev.teal.model.RevisionStatus;
import dev.teal.model.RouteWeight;
import dev.teal.store.StoredDeployment;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Decides, for a whole fleet at once, which deployments need a reconcile: those whose status is not
 * settled for their current spec, and those whose AWS state no longer matches what their status says.
 *
 * <p>It is what lets a thousand converged deployments cost almost nothing: their services are described
 * ten to a call and their listener rules twenty to a call, and no target health is read; only a
 * deployment whose task sets or route weights differ from its status (drift, an orphan, something gone)
 * is handed to the full reconcile.
 */
public final class FleetCheck {

  /** Phases that are never a resting state: something is under way, whatever the conditions say. */
  static final Set<Phase> IN_FLIGHT = Set.of(Phase.PENDING, Phase.PROGRESSING, Phase.PROMOTING, Phase.ROLLING_BACK);

  private final EcsGateway ecs;
  private final ElbGateway elb;

  public FleetCheck(EcsGateway ecs, ElbGateway elb) {
    this.ecs = ecs;
    this.elb = elb;
  }

  /** The names among {@code documents} that need a reconcile now, each with the reason. */
  public Map<String, String> needingReconcile(Collection<StoredDeployment> documents) {
    return needingReconcile(documents, d -> true);
  }

  /**
   * Like {@link #needingReconcile(Collection)}, but only the settled documents {@code toDescribe} accepts
   * are checked against AWS (the unsettled ones cost no call and are always due).
   */
  public Map<String, String> needingReconcile(Collection<StoredDeployment> documents,
      Predicate<StoredDeployment> toDescribe) {
    Map<String, String> due = new LinkedHashMap<>();
    List<StoredDeployment> settled = new ArrayList<>();
    for (StoredDeployment document : documents) {
      Optional<String> unsettled = unsettled(document);
      if (unsettled.isPresent()) {
        due.put(document.name(), unsettled.get());
      } else if (toDescribe.test(document)) {
        settled.add(document);
      }
    }
    if (settled.isEmpty()) {
      return due;
    }
    Map<String, Map<String, EcsService>> services = describeServices(settled);
    Map<RouteRef, RouteState> routes = elb.describeRoutes(settled.stream()
        .flatMap(d -> routesOf(d.effectiveSpec()).stream()).collect(Collectors.toCollection(LinkedHashSet::new)));
    for (StoredDeployment document : settled) {
      DeploymentSpec spec = document.effectiveSpec();
      EcsService service = services.getOrDefault(spec.cluster(), Map.of()).get(spec.service());
      drift(spec, document.status(), service, routes).ifPresent(reason -> due.put(document.name(), reason));
    }
    return due;
  }

  /** Why a document's status is not a settled account of its current spec, if it is not. */
  static Optional<String> unsettled(StoredDeployment document) {
    DeploymentStatus status = document.status();
    if (!document.specValid()) {
      return Optional.of("the spec does not validate");
    }
    if (status == null || status.phase() == null) {
      return Optional.of("never reconciled");
    }
    if (!document.specHash().equals(status.observedSpecHash())
        || !Objects.equals(document.generation(), status.observedGeneration())) {
      return Optional.of("the spec changed");
    }
    if (status.phase() == Phase.FAILED) {
      return Optional.of("failed: " + status.message());
    }
    Condition progressing = status.condition(Reasons.PROGRESSING);
    if (progressing == null || progressing.isTrue() || IN_FLIGHT.contains(status.phase())) {
      // The phase too: a status written with an action by an operator before Progressing always said so.
      return Optional.of("work in flight: " + status.message());
    }
    return Optional.empty();
  }

  /** How the observed service and routes differ from a settled status, if they do. */
  static Optional<String> drift(DeploymentSpec spec, DeploymentStatus status, EcsService service,
      Map<RouteRef, RouteState> routes) {
    if (service == null) {
      return Optional.of("the service is gone");
    }
    Set<String> recorded = Stream.of(status.stable(), status.preview(), status.previous())
        .filter(Objects::nonNull).map(RevisionStatus::taskSet).filter(Objects::nonNull).collect(Collectors.toSet());
    Set<String> live = service.taskSets().stream().filter(t -> !EcsTaskSet.DRAINING.equals(t.status()))
        .map(EcsTaskSet::arn).collect(Collectors.toSet());
    if (!live.equals(recorded)) {
      return Optional.of("task sets differ from the status");
    }
    if (status.stable() != null && status.stable().taskSet() != null
        && !service.primaryTaskSet().map(EcsTaskSet::arn).equals(Optional.of(status.stable().taskSet()))) {
      return Optional.of("the primary task set is not the stable one");
    }
    List<RouteRef> refs = routesOf(spec);
    List<List<RouteWeight>> intents = status.traffic() == null ? List.of(List.of(), List.of())
        : List.of(orEmpty(status.traffic().production()), orEmpty(status.traffic().test()));
    for (int i = 0; i < refs.size(); i++) {
      RouteState state = routes.get(refs.get(i));
      if (state == null) {
        return Optional.of("a managed route is gone");
      }
      List<RouteWeight> intent = intents.get(i);
      if (!intent.isEmpty() && !Routes.shares(state.weights()).equals(Routes.shares(weightsOf(intent)))) {
        return Optional.of("a route's weights differ from the status");
      }
    }
    return Optional.empty();
  }

  private Map<String, Map<String, EcsService>> describeServices(List<StoredDeployment> documents) {
    Map<String, List<String>> byCluster = new LinkedHashMap<>();
    for (StoredDeployment d : documents) {
      DeploymentSpec spec = d.effectiveSpec();
      byCluster.computeIfAbsent(spec.cluster(), c -> new ArrayList<>()).add(spec.service());
    }
    Map<String, Map<String, EcsService>> services = new HashMap<>();
    byCluster.forEach((cluster, names) -> services.put(cluster, ecs.describeServices(cluster, names.stream()
        .distinct().toList())));
    return services;
  }

  private static List<RouteRef> routesOf(DeploymentSpec spec) {
    return List.of(Observer.productionRoute(spec), RouteRef.rule(spec.traffic().testRule()));
  }

  private static Map<String, Integer> weightsOf(List<RouteWeight> intent) {
    Map<String, Integer> weights = new LinkedHashMap<>();
    intent.forEach(w -> weights.merge(w.targetGroup(), w.weight(), Integer::sum));
    return weights;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
