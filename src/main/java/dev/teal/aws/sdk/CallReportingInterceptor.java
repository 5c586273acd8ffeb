package dev.teal.aws.sdk;

import dev.teal.aws.AwsCallListener;
import java.time.Duration;
import java.util.UUID;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Reports each API call to an {@link AwsCallListener} once, when the SDK is done with it.
 *
 * <p>{@code beforeExecution}, {@code afterExecution} and {@code onExecutionFailure} run once per API
 * call, outside the retry loop, so a call throttled twice and then answered is one "ok" whose latency
 * includes both backoffs. Per-attempt outcomes are deliberately not reported: the daemon's question is
 * "which operations fail, and how", and the SDK already backs off the throttled attempts.
 */
final class CallReportingInterceptor implements ExecutionInterceptor {

  /**
   * The SDK wants attribute names unique in the JVM and keeps every one it has seen. Quarkus loads this
   * class afresh in a new class loader (dev mode's live reload, a test application restarted with other
   * resources) while the SDK stays loaded once, so a fixed name would be refused the second time.
   */
  private static final ExecutionAttribute<Long> STARTED_NANOS =
      new ExecutionAttribute<>("teal.callStartedNanos." + UUID.randomUUID());
  private static final System.Logger LOG = System.getLogger(CallReportingInterceptor.class.getName());

  private final String servicePrefix;
  private final AwsCallListener listener;

  CallReportingInterceptor(String servicePrefix, AwsCallListener listener) {
    this.servicePrefix = servicePrefix;
    this.listener = listener;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    attributes.putAttribute(STARTED_NANOS, System.nanoTime());
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    report(attributes, AwsCallListener.OK);
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    report(attributes, AwsErrors.errorCode(context.exception()));
  }

  private void report(ExecutionAttributes attributes, String outcome) {
    Long started = attributes.getAttribute(STARTED_NANOS);
    Duration latency = started == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - started);
    String operation = servicePrefix + ":" + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    try {
      listener.onCall(operation, outcome, latency);
    } catch (RuntimeException e) {
      // A broken metrics hook must not fail (or hide the outcome of) the AWS call it observes.
      LOG.log(System.Logger.Level.WARNING, "AwsCallListener failed for " + operation, e);
    }
  }
}
