package dev.teal.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teal.aws.AwsException;
import dev.teal.aws.EcsGateway;
import dev.teal.aws.EcsTask;
import dev.teal.aws.FunctionGateway;
import dev.teal.aws.ListenerEndpoints;
import dev.teal.aws.NotFencedException;
import dev.teal.aws.Placement;
import dev.teal.aws.TaskDefinitionInfo;
import dev.teal.model.HookSpec;
import dev.teal.model.HookStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Runs the three kinds of lifecycle hook.
 *
 * <p><b>ECS task.</b> RunTask of the hook's task definition on the service's cluster, with green's placement, one
 * task, {@code startedBy} and {@code clientToken} made from the hook's idempotency key, and teal's environment
 * on the hook's container ({@link #environment}). Before it starts a task it looks for one already started for
 * the key (ListTasks by {@code startedBy}, running and stopped): the status records the key before the call, so an
 * operator that died between RunTask and recording the task's ARN finds that task instead of starting a second.
 * The task is then only described (DescribeTasks), once per poll; it passes when it stopped and every essential
 * container exited 0 (ECS's own rule for a task's success). These calls are as short as the planner's other AWS
 * calls and run in the poll.
 *
 * <p><b>Webhook and Lambda.</b> Their calls may take as long as their timeout, so they run off the reconcile on
 * {@code executor} (a virtual thread each in the daemon), keyed by the idempotency key; a poll starts the call or
 * reports on it, and {@code finished} wakes the deployment when the verdict is in. A restarted operator has no
 * call in memory and sends the same key again. A webhook is a POST of the hook's JSON body ({@link #body}) with an
 * {@code Idempotency-Key} header, passing on 2xx, sent again after a failure while its retries and timeout allow;
 * redirects are never followed and {@link HookUrlPolicy} decides where it may go. A Lambda function is invoked
 * (RequestResponse) with the same body and must answer as ECS's own lifecycle hooks do (Amazon ECS developer guide,
 * "Lambda hooks for Amazon ECS service deployments"): {@code {"hookStatus": "SUCCEEDED"}} passes, {@code FAILED},
 * a function error or no valid hookStatus fails, and {@code IN_PROGRESS} invokes it again after {@code
 * callBackDelay} seconds (30 by default).
 */
public final class HookCalls implements HookRunner, AutoCloseable {

  /** How long ECS's Lambda hooks wait before invoking a function that answered IN_PROGRESS, by default. */
  static final Duration DEFAULT_CALLBACK_DELAY = Duration.ofSeconds(30);
  /** ECS: startedBy is "up to 36 letters (uppercase and lowercase), numbers, hyphens (-), forward slash (/), and
   *  underscores (_)" (RunTask API reference). */
  static final int STARTED_BY_MAX = 36;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EcsGateway ecs;
  private final FunctionGateway functions;
  private final ListenerEndpoints endpoints;
  private final HookUrlPolicy urls;
  private final Clock clock;
  private final Executor executor;
  private final Consumer<String> finished;
  private final Duration retryPause;
  private final HttpClient http;
  private final ConcurrentMap<String, Call> calls = new ConcurrentHashMap<>();

  /**
   * @param functions null when the operator has no Lambda client (a Lambda hook then fails saying so)
   * @param executor where webhook and Lambda calls run ({@link HttpAnalysisRunner#ON_THE_CALLER} runs them in the
   *     poll, for single-reconciler tests and tools)
   * @param finished told the deployment's name when a webhook or Lambda verdict is in
   * @param retryPause how long a failed webhook attempt waits before the next
   */
  public HookCalls(EcsGateway ecs, FunctionGateway functions, ListenerEndpoints endpoints, HookUrlPolicy urls,
      Clock clock, Executor executor, Consumer<String> finished, Duration retryPause) {
    this.ecs = ecs;
    this.functions = functions;
    this.endpoints = endpoints;
    this.urls = urls;
    this.clock = clock;
    this.executor = executor;
    this.finished = finished;
    this.retryPause = retryPause;
    this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  @Override
  public HookStatus poll(Request request) {
    return switch (request.spec().kind()) {
      case HookSpec.ECS_TASK -> ecsTask(request);
      case HookSpec.WEBHOOK, HookSpec.LAMBDA -> offTheReconcile(request);
      default -> failed(request.onRecord(), request.onRecord().attempts(), request.field() + " has no kind");
    };
  }

  @Override
  public void close() {
    calls.clear();
  }

  // ---- ECS task --------------------------------------------------------------------------------------

  /** {@code teal-} and the first 31 characters of the key: within ECS's 36, and unique to the hook and attempt. */
  static String startedBy(String idempotencyKey) {
    String value = "teal-" + idempotencyKey;
    return value.length() > STARTED_BY_MAX ? value.substring(0, STARTED_BY_MAX) : value;
  }

  private HookStatus ecsTask(Request r) {
    HookStatus record = r.onRecord();
    HookSpec.EcsTask spec = r.spec().ecsTask();
    String field = r.field() + ".ecsTask";
    try {
      String taskArn = record.taskArn();
      int attempts = record.attempts() == null ? 0 : record.attempts();
      if (taskArn == null) {
        taskArn = startedEarlier(r.cluster(), startedBy(record.idempotencyKey())).orElse(null);
        if (taskArn != null) {
          return running(record, attempts, taskArn, "found task " + shortId(taskArn)
              + " started for this hook before the operator restarted");
        }
        Optional<TaskDefinitionInfo> definition = ecs.describeTaskDefinition(spec.taskDefinition());
        if (definition.isEmpty()) {
          return failed(record, attempts, field + ".taskDefinition: ECS has no task definition "
              + Rules.quote(spec.taskDefinition()) + " (family, family:revision or ARN) in this account and region;"
              + " no task was started");
        }
        TaskDefinitionInfo td = definition.get();
        String container = spec.container() != null ? spec.container()
            : td.containerImages().keySet().stream().findFirst().orElse(null);
        if (container == null || !td.containerImages().containsKey(container)) {
          return failed(record, attempts, field + ".container: task definition " + td.family() + ":" + td.revision()
              + " has no container " + Rules.quote(container) + " (it has " + td.containerImages().keySet() + ")");
        }
        Placement placement = r.placement() == null ? Placement.NONE : r.placement();
        if (!"awsvpc".equals(td.networkMode())) {
          placement = placement.withAwsvpc(null); // bridge and host tasks take no network configuration
        }
        List<EcsTask> started = ecs.runTask(new EcsGateway.RunTask(r.cluster(), td.arn(), 1,
            startedBy(record.idempotencyKey()), record.idempotencyKey(), container, environment(r), placement,
            Map.of()));
        taskArn = started.get(0).arn();
        return running(record, attempts + 1, taskArn, "started task " + shortId(taskArn) + " of " + td.family() + ":"
            + td.revision());
      }
      List<EcsTask> described = ecs.describeTasks(r.cluster(), List.of(taskArn));
      if (described.isEmpty()) {
        return failed(record, attempts, "task " + shortId(taskArn) + " is not known to ECS any more; its outcome"
            + " cannot be read");
      }
      EcsTask task = described.get(0);
      if (!task.stopped()) {
        return running(record, attempts, taskArn, "task " + shortId(taskArn) + " is " + task.lastStatus());
      }
      return verdict(record, attempts, task);
    } catch (AwsException e) {
      if (e.isRetryable()) {
        throw e; // throttling, 5xx: the reconcile backs off and asks again
      }
      return failed(record, record.attempts(), field + ": " + e.operation() + " was refused: " + e.errorCode() + ": "
          + e.getMessage());
    }
  }

  private Optional<String> startedEarlier(String cluster, String startedBy) {
    List<String> found = new ArrayList<>(ecs.listTasks(cluster, startedBy, "RUNNING"));
    if (found.isEmpty()) {
      found.addAll(ecs.listTasks(cluster, startedBy, "STOPPED"));
    }
    return found.stream().findFirst();
  }

  /** Passed when every essential container exited 0; ECS's stopped reason goes into the record either way. */
  private HookStatus verdict(HookStatus record, int attempts, EcsTask task) {
    TaskDefinitionInfo definition = ecs.describeTaskDefinition(task.taskDefinitionArn()).orElse(null);
    List<String> failures = new ArrayList<>();
    for (EcsTask.Container c : task.containers()) {
      boolean essential = definition == null || definition.essential(c.name());
      if (essential && !Integer.valueOf(0).equals(c.exitCode())) {
        failures.add("essential container " + c.name() + (c.exitCode() == null
            ? " did not exit" + (c.reason() == null ? "" : " (" + c.reason() + ")") : " exited " + c.exitCode()));
      }
    }
    String stopped = "task " + shortId(task.arn()) + " stopped (" + task.stoppedReason() + ")";
    boolean passed = failures.isEmpty() && !task.containers().isEmpty();
    String message = passed ? stopped + "; every essential container exited 0"
        : stopped + "; " + (failures.isEmpty() ? "no container reported" : String.join(", ", failures));
    return record.with(passed ? HookStatus.PASSED : HookStatus.FAILED, attempts, task.arn(), task.stoppedReason(),
        message, clock.instant());
  }

  /** The environment the hook's container gets: where green is reachable, and what it is. */
  Map<String, String> environment(Request r) {
    Map<String, String> env = new LinkedHashMap<>();
    testUrl(r).ifPresent(url -> env.put("TEAL_TEST_URL", url));
    env.put("TEAL_DEPLOYMENT", r.deployment());
    env.put("TEAL_REVISION", r.revision());
    env.put("TEAL_HOOK", r.spec().name());
    env.put("TEAL_HOOK_POINT", r.onRecord().point());
    env.put("TEAL_STAGE", r.onRecord().stage());
    env.put("TEAL_IDEMPOTENCY_KEY", r.onRecord().idempotencyKey());
    return env;
  }

  private Optional<String> testUrl(Request r) {
    return r.testListenerArn() == null ? Optional.empty()
        : endpoints.urlOf(r.testListenerArn()).map(URI::toString);
  }

  // ---- webhook and Lambda ----------------------------------------------------------------------------

  /** The JSON both a webhook and a Lambda function get. */
  String body(Request r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("deployment", r.deployment());
    o.put("revision", r.revision());
    ObjectNode images = o.putObject("images");
    r.images().forEach(images::put);
    o.put("phase", r.onRecord().point());
    o.put("stage", r.onRecord().stage());
    o.put("hook", r.spec().name());
    o.put("idempotencyKey", r.onRecord().idempotencyKey());
    testUrl(r).ifPresent(url -> o.put("testUrl", url));
    return o.toString();
  }

  private HookStatus offTheReconcile(Request r) {
    String key = r.onRecord().idempotencyKey();
    calls.entrySet().removeIf(e -> e.getValue().deployment.equals(r.deployment()) && !e.getKey().equals(key)
        && e.getValue().done());
    Call call = calls.get(key);
    if (call != null && call.againAt != null && !clock.instant().isBefore(call.againAt)) {
      calls.remove(key, call); // a function answered IN_PROGRESS, or a webhook attempt failed: call it again
      call = new Call(r, call.attempts);
    }
    if (call == null || !calls.containsKey(key)) {
      Call fresh = call != null ? call : new Call(r, r.onRecord().attempts() == null ? 0 : r.onRecord().attempts());
      Call existing = calls.putIfAbsent(key, fresh);
      call = existing != null ? existing : fresh;
      if (existing == null) {
        try {
          executor.execute(fresh);
        } catch (RejectedExecutionException e) {
          calls.remove(key, fresh); // shutting down; the next holder sends the same key again
        }
      }
    }
    return call.snapshot();
  }

  /** One webhook or Lambda hook's calls, and what they found so far. */
  private final class Call implements Runnable {
    private final Request request;
    private final String deployment;
    private int attempts;
    private String message = "calling";
    private String state = HookStatus.RUNNING;
    private Instant againAt;

    Call(Request request, int attemptsBefore) {
      this.request = request;
      this.deployment = request.deployment();
      this.attempts = attemptsBefore;
    }

    synchronized boolean done() {
      return !HookStatus.RUNNING.equals(state);
    }

    synchronized HookStatus snapshot() {
      return request.onRecord().with(state, attempts, null, null, message, clock.instant());
    }

    private synchronized void record(String newState, String newMessage) {
      state = newState;
      message = newMessage;
    }

    @Override
    public void run() {
      try {
        if (request.spec().webhook() != null) {
          webhook();
        } else {
          lambda();
        }
      } catch (NotFencedException e) {
        // The lease could not cover the invocation: nothing was sent. Whoever acts next sends the same key.
        calls.remove(request.onRecord().idempotencyKey(), this);
        record(HookStatus.RUNNING, "not sent: " + e.getMessage());
        return;
      } catch (RuntimeException e) {
        record(HookStatus.FAILED, "the call failed: " + e);
      }
      finished.accept(deployment);
    }

    private void webhook() {
      HookSpec.Webhook spec = request.spec().webhook();
      String field = request.field() + ".webhook.url";
      Optional<String> refused = urls.refusal(spec.url());
      if (refused.isPresent()) {
        record(HookStatus.FAILED, field + " " + refused.get() + "; nothing was sent");
        return;
      }
      int tries = spec.retriesOrDefault() + 1;
      Duration perTry = request.spec().timeoutOrDefault().dividedBy(tries);
      int attempt;
      synchronized (this) {
        attempt = ++attempts;
      }
      String outcome;
      try {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(spec.url()))
            .timeout(perTry.isZero() ? Duration.ofMillis(1) : perTry)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", request.onRecord().idempotencyKey())
            .header("User-Agent", "teal-hooks")
            .POST(HttpRequest.BodyPublishers.ofString(body(request))).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 == 2) {
          record(HookStatus.PASSED, "HTTP " + response.statusCode() + " from " + host(spec.url()) + " (attempt "
              + attempt + " of " + tries + ")");
          return;
        }
        outcome = "HTTP " + response.statusCode();
      } catch (IOException e) {
        outcome = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        record(HookStatus.RUNNING, "interrupted; the next holder sends the same key again");
        return;
      }
      if (attempt >= tries) {
        record(HookStatus.FAILED, outcome + " from " + host(spec.url()) + " after " + tries + " attempts");
        return;
      }
      // Retried like a function that answered IN_PROGRESS: the next poll at or after againAt sends it again.
      synchronized (this) {
        againAt = clock.instant().plus(retryPause);
      }
      record(HookStatus.RUNNING, outcome + " from " + host(spec.url()) + " (attempt " + attempt + " of " + tries
          + "); sending it again in " + retryPause.toSeconds() + "s");
    }

    private void lambda() {
      String function = request.spec().lambda().function();
      if (functions == null) {
        record(HookStatus.FAILED, request.field() + ".lambda: this operator has no Lambda client configured");
        return;
      }
      synchronized (this) {
        attempts++;
      }
      FunctionGateway.InvokeResult result;
      try {
        result = functions.invoke(function, body(request));
      } catch (AwsException e) {
        record(e.isRetryable() ? HookStatus.RUNNING : HookStatus.FAILED, request.field() + ".lambda.function: Invoke"
            + " of " + function + " was refused: " + e.errorCode() + ": " + e.getMessage());
        if (e.isRetryable()) {
          synchronized (this) {
            againAt = clock.instant().plus(DEFAULT_CALLBACK_DELAY);
          }
        }
        return;
      }
      if (result.functionError() != null) {
        record(HookStatus.FAILED, "function " + function + " failed (" + result.functionError() + "): "
            + StatusLimits.truncate(result.payload()));
        return;
      }
      JsonNode answer;
      try {
        answer = JSON.readTree(result.payload());
      } catch (IOException e) {
        answer = null;
      }
      String hookStatus = answer == null ? "" : answer.path("hookStatus").asText("");
      switch (hookStatus) {
        case "SUCCEEDED" -> record(HookStatus.PASSED, "function " + function + " answered hookStatus SUCCEEDED");
        case "FAILED" -> record(HookStatus.FAILED, "function " + function + " answered hookStatus FAILED");
        case "IN_PROGRESS" -> {
          long delay = answer.path("callBackDelay").asLong(DEFAULT_CALLBACK_DELAY.toSeconds());
          synchronized (this) {
            againAt = clock.instant().plusSeconds(Math.max(1, delay));
          }
          record(HookStatus.RUNNING, "function " + function + " answered hookStatus IN_PROGRESS; invoking it again"
              + " in " + Math.max(1, delay) + "s");
        }
        default -> record(HookStatus.FAILED, "function " + function + " answered without a valid hookStatus"
            + " (SUCCEEDED, FAILED or IN_PROGRESS): " + StatusLimits.truncate(result.payload()));
      }
    }
  }

  // ---- small helpers ---------------------------------------------------------------------------------

  private HookStatus running(HookStatus record, int attempts, String taskArn, String message) {
    return record.with(HookStatus.RUNNING, attempts, taskArn, null, message, clock.instant());
  }

  private HookStatus failed(HookStatus record, Integer attempts, String message) {
    return record.with(HookStatus.FAILED, attempts, record.taskArn(), null, message, clock.instant());
  }

  private static String host(String url) {
    try {
      return URI.create(url).getHost();
    } catch (IllegalArgumentException e) {
      return "?";
    }
  }

  private static String shortId(String arn) {
    return arn == null ? null : arn.substring(arn.lastIndexOf('/') + 1);
  }

  /** Quotes a value for a message, as the validator does. */
  private static final class Rules {
    static String quote(String value) {
      return value == null ? "null" : "'" + value + "'";
    }
  }
}
