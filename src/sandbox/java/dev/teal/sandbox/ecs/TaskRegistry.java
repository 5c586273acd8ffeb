package dev.teal.sandbox.ecs;

import static dev.teal.sandbox.ecs.EcsErrors.invalidParameter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teal.sandbox.SimulatorConfig;
import dev.teal.sandbox.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every task of every cluster, for DescribeTasks and ListTasks: those of task sets and standalone ones
 * (RunTask), running or recently stopped. Callers hold the world lock.
 *
 * <ul>
 *   <li>A stopped task stays visible for an hour, then is gone: "stopped tasks appear in the returned results for
 *       at least one hour" (ListTasks reference); the stricter reading for a caller is that they may vanish right
 *       after.</li>
 *   <li>Stop codes and reasons are ECS's (API reference, Task {@code stopCode}; developer guide, "Amazon ECS
 *       stopped tasks error codes"): an essential container that exits gives {@code EssentialContainerExited}
 *       and "Essential container in task exited" with each container's {@code exitCode}; an image that cannot
 *       be pulled gives {@code TaskFailedToStart} and a container {@code reason} starting
 *       "CannotPullContainerError:" (developer guide, "CannotPullContainer task errors"); a task the service
 *       scheduler stops when scaling in gives {@code ServiceSchedulerInitiated}.</li>
 * </ul>
 */
final class TaskRegistry {

  static final Duration STOPPED_VISIBLE_FOR = Duration.ofHours(1);
  static final String ESSENTIAL_EXITED = "Essential container in task exited";

  private final Scheduler scheduler;
  private final SimulatorConfig config;
  private final Map<String, Task> tasks = new LinkedHashMap<>();

  TaskRegistry(Scheduler scheduler, SimulatorConfig config) {
    this.scheduler = scheduler;
    this.config = config;
  }

  /** A new task: PENDING, desired RUNNING. */
  void track(Task task, Cluster cluster, TaskDefinition td, String group, String startedBy, String launchType) {
    task.clusterArn = cluster.arn;
    task.taskDefinition = td;
    task.group = group;
    task.startedBy = startedBy;
    task.launchType = launchType;
    tasks.put(task.arn, task);
  }

  void running(Task task) {
    task.state = Task.State.RUNNING;
    task.startedAt = scheduler.now();
  }

  /** Its essential container exited: every container with the exit code its image has. */
  void exited(Task task) {
    for (JsonNode c : task.taskDefinition.body.path("containerDefinitions")) {
      task.exitCodes.put(c.path("name").asText(), config.exitCodeOf(c.path("image").asText()));
    }
    stopped(task, "EssentialContainerExited", ESSENTIAL_EXITED);
  }

  /** The image could not be pulled: the task never ran. */
  void failedToPull(Task task) {
    for (JsonNode c : task.taskDefinition.body.path("containerDefinitions")) {
      String image = c.path("image").asText();
      task.containerReasons.put(c.path("name").asText(), "CannotPullContainerError: pull image manifest has been"
          + " retried 5 time(s): failed to resolve ref " + image + ": not found");
    }
    String first = task.containerReasons.values().iterator().next();
    stopped(task, "TaskFailedToStart", first);
  }

  /** The service scheduler stopped it (scale-in, a draining task set). */
  void scaledIn(Task task, String deploymentId) {
    if (task.state == Task.State.RUNNING) {
      for (JsonNode c : task.taskDefinition.body.path("containerDefinitions")) {
        task.exitCodes.put(c.path("name").asText(), 0);
      }
    }
    stopped(task, "ServiceSchedulerInitiated", "Scaling activity initiated by (deployment " + deploymentId + ")");
  }

  private void stopped(Task task, String code, String reason) {
    task.state = Task.State.STOPPED;
    task.desiredStatus = "STOPPED";
    task.stoppedAt = scheduler.now();
    task.stopCode = code;
    task.stoppedReason = reason;
    scheduler.at(scheduler.now().plus(STOPPED_VISIBLE_FOR), at -> tasks.remove(task.arn));
  }

  Optional<Task> find(Cluster cluster, String ref) {
    Task byArn = tasks.get(ref);
    if (byArn != null) {
      return byArn.clusterArn.equals(cluster.arn) ? Optional.of(byArn) : Optional.empty();
    }
    return tasks.values().stream().filter(t -> t.clusterArn.equals(cluster.arn))
        .filter(t -> t.arn.endsWith("/" + ref)).findFirst();
  }

  record Page(List<String> arns, String nextToken) {
  }

  /**
   * ListTasks (API reference): filters by family, startedBy (alone), serviceName, launchType and desiredStatus
   * (RUNNING by default; "Although you can filter results based on a desired status of PENDING, this doesn't return
   * any results"); at most 100 per page.
   */
  Page list(Cluster cluster, String family, String startedBy, String serviceName, String desiredStatus,
      String launchType, int maxResults, String nextToken) {
    if (maxResults < 1 || maxResults > 100) {
      throw invalidParameter("maxResults must be between 1 and 100.");
    }
    if (!List.of("RUNNING", "PENDING", "STOPPED").contains(desiredStatus)) {
      throw invalidParameter("desiredStatus must be RUNNING, PENDING or STOPPED.");
    }
    // "When you specify startedBy as the filter, it must be the only filter that you use." desiredStatus always
    // applies (RUNNING by default), so it is read as a status selector, not a filter; the others are refused.
    if (startedBy != null && (family != null || serviceName != null || launchType != null)) {
      throw invalidParameter("When you specify startedBy as the filter, it must be the only filter that you use.");
    }
    List<String> all = new ArrayList<>();
    for (Task t : tasks.values()) {
      boolean match = t.clusterArn.equals(cluster.arn)
          && t.desiredStatus.equals(desiredStatus)
          && (family == null || family.equals(t.taskDefinition.family))
          && (startedBy == null || startedBy.equals(t.startedBy))
          && (serviceName == null || ("service:" + serviceName).equals(t.group))
          && (launchType == null || launchType.equals(t.launchType));
      if (match) {
        all.add(t.arn);
      }
    }
    int start = 0;
    if (nextToken != null) {
      try {
        start = Integer.parseInt(new String(Base64.getDecoder().decode(nextToken)));
      } catch (IllegalArgumentException e) {
        throw invalidParameter("Invalid nextToken.");
      }
    }
    int end = Math.min(all.size(), start + maxResults);
    String next = end < all.size() ? Base64.getEncoder().encodeToString(Integer.toString(end).getBytes()) : null;
    return new Page(all.subList(Math.min(start, end), end), next);
  }

  Instant now() {
    return scheduler.now();
  }
}
