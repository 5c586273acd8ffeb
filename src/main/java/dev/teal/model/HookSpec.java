package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;

/**
 * One lifecycle hook: a name and exactly one kind.
 *
 * @param name unique among the hooks of its point; part of the hook's idempotency key and of its status
 * @param webhook an HTTP POST; passes on a 2xx answer
 * @param ecsTask a standalone ECS task (RunTask); passes when every essential container exits 0
 * @param lambda a Lambda function (Invoke, RequestResponse); passes on a success payload
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "webhook", "ecsTask", "lambda"})
public record HookSpec(String name, Webhook webhook, EcsTask ecsTask, Lambda lambda) {

  /** How long a hook may take when its spec does not say. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
  /** How often a webhook is sent again after a failed attempt, when its spec does not say. */
  public static final int DEFAULT_RETRIES = 2;

  public static final String WEBHOOK = "webhook";
  public static final String ECS_TASK = "ecsTask";
  public static final String LAMBDA = "lambda";

  /** Which kind this hook is ({@link #WEBHOOK}, {@link #ECS_TASK} or {@link #LAMBDA}); null when none is set. */
  @JsonIgnore
  public String kind() {
    return webhook != null ? WEBHOOK : ecsTask != null ? ECS_TASK : lambda != null ? LAMBDA : null;
  }

  /** The hook's own timeout, or {@link #DEFAULT_TIMEOUT}. */
  @JsonIgnore
  public Duration timeoutOrDefault() {
    Duration t = webhook != null ? webhook.timeout() : ecsTask != null ? ecsTask.timeout()
        : lambda != null ? lambda.timeout() : null;
    return t == null ? DEFAULT_TIMEOUT : t;
  }

  /**
   * An HTTP POST of the hook's JSON body with an {@code Idempotency-Key} header.
   *
   * @param url http or https; the operator's host rules apply (no loopback, link-local, private or metadata
   *     addresses unless {@code teal.hooks.allowed-urls} allows it)
   * @param timeout the whole hook's budget, every attempt included
   * @param retries how often a failed attempt (not 2xx, or no answer) is sent again within the budget
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"url", "timeout", "retries"})
  public record Webhook(String url, Duration timeout, Integer retries) {

    @JsonIgnore
    public int retriesOrDefault() {
      return retries == null ? DEFAULT_RETRIES : retries;
    }
  }

  /**
   * A standalone task of {@code taskDefinition}, run on the service's cluster with green's placement.
   *
   * @param taskDefinition family, family:revision or ARN
   * @param container the container that gets teal's environment (TEAL_TEST_URL and the rest); null: the first
   * @param timeout how long the task may run before the hook fails
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"taskDefinition", "container", "timeout"})
  public record EcsTask(String taskDefinition, String container, Duration timeout) {}

  /**
   * A Lambda function invoked synchronously with the hook's JSON body.
   *
   * @param function name, ARN or partial ARN (with an optional version or alias)
   * @param timeout how long the invocation may take before the hook fails
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"function", "timeout"})
  public record Lambda(String function, Duration timeout) {}
}
