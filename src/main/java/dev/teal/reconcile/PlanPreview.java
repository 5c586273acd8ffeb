package dev.teal.reconcile;

import dev.teal.aws.ApplicationAutoScaling;
import dev.teal.aws.EcsGateway;
import dev.teal.aws.ElbGateway;
import dev.teal.aws.TaskDefinitionInfo;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.Phase;
import dev.teal.store.StoredDeployment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code teal plan}: what the operator would do next for a deployment, computed by the same pure
 * {@link Planner} from the same {@link Observer} the operator uses, and nothing else. It only reads
 * (Describe* calls), never acts, and runs no analysis.
 *
 * <p>The answer has two parts, told apart in what it says:
 * <ul>
 *   <li><b>observed</b>: the actions the operator would take right now, in order, as the reconciler
 *       takes them (each action's effect folded into the observation, as the executor does, then planned
 *       again), up to the first wait, and what the status would say then;</li>
 *   <li><b>predicted</b>: the rest of the way, planned against a hypothetical world in which every wait
 *       ends well (green's tasks run and are healthy, timers run out, analyses pass), until the
 *       deployment settles, waits for a person, or is held.</li>
 * </ul>
 * This class is the one part of {@code dev.teal.reconcile} the CLI may use (see ArchitectureTest).
 */
public final class PlanPreview {

  /** As many actions as one reconcile takes by default; more follow on an immediate requeue. */
  static final int OBSERVED_ACTIONS = 20;
  static final int MAX_PASSES = 200;
  static final Duration MAX_PREDICTED = Duration.ofDays(8);

  private final EcsGateway ecs;
  private final ElbGateway elb;
  private final ApplicationAutoScaling autoScaling;
  private final Duration pollInterval;
  private final Function<String, Optional<StoredDeployment>> documents;

  /**
   * @param autoScaling read only: the service's scalable target, looked up when the operator would
   * @param pollInterval the operator's poll interval while it waits for tasks or health ({@code
   *     teal.requeue.poll-interval}, 5s by default)
   * @param documents the stored documents by name, to tell whether another deployment's claim still holds
   *     ({@link LiveClaimants}), as the operator does
   */
  public PlanPreview(EcsGateway ecs, ElbGateway elb, ApplicationAutoScaling autoScaling, Duration pollInterval,
      Function<String, Optional<StoredDeployment>> documents) {
    this.ecs = ecs;
    this.elb = elb;
    this.autoScaling = autoScaling;
    this.pollInterval = pollInterval;
    this.documents = documents;
  }

  /**
   * Observes AWS for {@code spec} (with defaults applied) and plans from it.
   *
   * @param status the status as the operator last wrote it ({@link DeploymentStatus#empty()} for a new
   *     deployment)
   */
  public Result preview(String name, long generation, String specHash, DeploymentSpec spec, DeploymentStatus status,
      Instant now) {
    Observed observed;
    try {
      observed = new Observer(ecs, elb, autoScaling).observe(name, spec, status);
      observed = observed.withLiveClaimants(LiveClaimants.of(name, observed, documents));
    } catch (dev.teal.aws.AwsException e) {
      if (e.isRetryable() || !e.errorCode().contains("NotFound")) {
        throw e;
      }
      // What the operator would record too: AWS refuses to describe what the spec names (a missing cluster).
      StatusLine failed = new StatusLine(Phase.FAILED.wireName(), "AWS rejected " + e.getMessage(),
          Reasons.AWS_REJECTED);
      return new Result(name, generation, specHash, now, List.of(), List.of(new Wait(false, now, now,
          "then nothing: the operator cannot act (" + e.getMessage() + ")", true)), failed, failed);
    }
    TaskDefinitionInfo template = observed.template();
    if (template == null && observed.service() != null) {
      template = ecs.describeTaskDefinition(spec.taskDefinition()).orElse(null);
    }
    TaskDefinitionInfo running = status.stable() == null || status.stable().taskDefinition() == null ? null
        : ecs.describeTaskDefinition(status.stable().taskDefinition()).orElse(null);
    return fromObservation(name, generation, specHash, spec, status, observed, now, pollInterval, template, running);
  }

  /**
   * Plans from a given observation; pure.
   *
   * @param template the task definition green would be copied from, for the container changes (may be null)
   * @param running the task definition production runs, for the container changes (may be null)
   */
  public static Result fromObservation(String name, long generation, String specHash, DeploymentSpec spec,
      DeploymentStatus status, Observed observed, Instant now, Duration pollInterval, TaskDefinitionInfo template,
      TaskDefinitionInfo running) {
    Planner planner = new Planner(pollInterval, Duration.ofMinutes(1));
    List<Entry> entries = new ArrayList<>();
    DeploymentStatus written = status;
    Observed world = observed;
    Instant at = now;
    boolean predicted = false;
    StatusLine statusNow = null;
    int actions = 0;
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      Decision d = planner.plan(new PlanContext(name, generation, specHash, spec, written, world, at));
      boolean changed = !d.status().equals(written);
      written = d.status();
      if (d.action() != null && (predicted || actions < OBSERVED_ACTIONS)) {
        entries.add(new Step(entries.stream().filter(e -> e instanceof Step).count() + 1, predicted, at,
            PlanText.call(d.action()), PlanText.target(d.action(), world, spec)));
        world = PredictedEffects.after(d.action(), world, template, at);
        actions += d.action().mutating() ? 1 : 0;
        continue;
      }
      if (d.action() == null && changed) {
        continue; // a status-only step (recording an abort, say) may enable the next action, as in a reconcile
      }
      if (!predicted) {
        statusNow = StatusLine.of(written);
      }
      boolean end = d.action() == null && (d.requeueAfter() == null || settles(written.phase()));
      Wait wait = new Wait(predicted, at, at, d.action() != null ? "the operator stops after " + OBSERVED_ACTIONS
          + " actions in one reconcile and goes on at once" : PlanText.waitText(written, d.requeueAfter(), end), end);
      Entry last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
      if (last instanceof Wait previous && previous.predicted() == predicted && previous.text().equals(wait.text())) {
        wait = new Wait(predicted, previous.at(), at, wait.text(), end); // polling with nothing new: one line
        entries.set(entries.size() - 1, wait);
      } else {
        entries.add(wait);
      }
      if (end || Duration.between(now, at).compareTo(MAX_PREDICTED) > 0) {
        break;
      }
      predicted = true;
      if (d.action() == null) {
        at = at.plus(d.requeueAfter());
        world = PredictedEffects.waitsEndWell(world);
      }
    }
    return new Result(name, generation, specHash, now, containerChanges(spec, template, running),
        List.copyOf(entries), statusNow == null ? StatusLine.of(written) : statusNow, StatusLine.of(written));
  }

  /** The container changes as {@code teal plan} shows them (empty text when there are none). */
  public static String renderContainers(List<ContainerChange> containers) {
    return PlanText.containers(containers);
  }

  /** Phases the prediction stops at: nothing more happens on its own. */
  private static boolean settles(Phase phase) {
    return phase == Phase.PAUSED || phase == Phase.DEGRADED || phase == Phase.FAILED;
  }

  /** What changes, container by container, between what production runs and what green would run. */
  static List<ContainerChange> containerChanges(DeploymentSpec spec, TaskDefinitionInfo template,
      TaskDefinitionInfo running) {
    if (template == null || spec.phase() == dev.teal.model.DesiredPhase.ROLLBACK) {
      return List.of(); // a rollback runs what ran before, not the spec's containers
    }
    Map<String, String> green = new LinkedHashMap<>(template.containerImages());
    green.putAll(spec.containerImages());
    Map<String, String> now = running == null ? Map.of() : running.containerImages();
    Set<String> containers = new LinkedHashSet<>(now.keySet());
    containers.addAll(green.keySet());
    List<ContainerChange> out = new ArrayList<>();
    List<String> task = changedSettings(TaskDefinitionInfo.TASK, template, running);
    if (running != null && !task.isEmpty()) {
      out.add(new ContainerChange(TaskDefinitionInfo.TASK, null, null, task));
    }
    for (String c : containers) {
      out.add(new ContainerChange(c, now.get(c), green.get(c), changedSettings(c, template, running)));
    }
    return List.copyOf(out);
  }

  private static List<String> changedSettings(String key, TaskDefinitionInfo template, TaskDefinitionInfo running) {
    if (running == null || template.settings().isEmpty() || running.settings().isEmpty()
        || !template.settings().containsKey(key) || !running.settings().containsKey(key)) {
      return List.of();
    }
    Map<String, String> before = running.settings().get(key);
    Map<String, String> after = template.settings().get(key);
    Set<String> names = new java.util.TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    return names.stream().filter(n -> !Objects.equals(before.get(n), after.get(n))).toList();
  }

  /** What {@code teal plan} shows. */
  public record Result(String name, long generation, String specHash, Instant at, List<ContainerChange> containers,
      List<Entry> entries, StatusLine statusNow, StatusLine statusAtEnd) {

    /** The actions the operator would take now, from the live state (not predicted). */
    public List<Step> observedSteps() {
      return entries.stream().filter(e -> e instanceof Step s && !s.predicted()).map(Step.class::cast).toList();
    }

    /** The plan as text: containers, the actions now, then the prediction, each marked. */
    public String render() {
      return PlanText.render(this);
    }
  }

  /** One line of the plan: an action or a wait. */
  public sealed interface Entry permits Step, Wait {
    boolean predicted();
  }

  /**
   * An action, as the AWS call and its target.
   *
   * @param call e.g. {@code ecs:CreateTaskSet}, {@code elbv2:ModifyRule}; {@code http:GET} for analysis
   * @param at when it would happen (now, or the predicted time)
   */
  public record Step(long number, boolean predicted, Instant at, String call, String target) implements Entry {}

  /**
   * A wait between actions, or the end of the plan.
   *
   * @param at when the wait begins
   * @param until when the operator last looks with nothing new to do (polling); {@code at} when it looks once
   */
  public record Wait(boolean predicted, Instant at, Instant until, String text, boolean end) implements Entry {}

  /** What the status would say. */
  public record StatusLine(String phase, String message, String progressing) {
    static StatusLine of(DeploymentStatus s) {
      var condition = s.condition(Reasons.PROGRESSING);
      return new StatusLine(s.phase() == null ? "-" : s.phase().wireName(), s.message(),
          condition == null ? null : condition.reason());
    }
  }

  /**
   * A container's change from production to green: image before and after (null: absent), and the names
   * of its other settings that differ. {@code container} is {@link TaskDefinitionInfo#TASK} for the
   * task's own settings.
   */
  public record ContainerChange(String container, String imageNow, String imageThen, List<String> settings) {
    public boolean unchanged() {
      return Objects.equals(imageNow, imageThen) && settings.isEmpty();
    }
  }
}
