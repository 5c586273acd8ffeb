package dev.teal.aws.sdk;

import dev.teal.aws.CallBudget;
import dev.teal.aws.MutatingCallFence;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The request configuration every mutating call of a gateway carries: the fence's call and attempt
 * budget as the request's {@code apiCallTimeout} and {@code apiCallAttemptTimeout} (so the budget is the
 * call's worst case whatever the client was built with), and an interceptor, added to this request only,
 * that asks the fence in {@code beforeExecution} (the call starts) and {@code beforeTransmission} (each
 * attempt is about to be sent, retries included).
 *
 * <p>A refusal is a {@link dev.teal.aws.NotFencedException}, which is not an SDK exception: the SDK
 * neither retries nor wraps it, and {@link AwsErrors} lets it through untranslated. The interceptor is
 * per request rather than per client so that one client can serve several operators with several
 * leases (a fail-over test's two instances share their clients).
 */
final class FencedRequests {

  private final MutatingCallFence fence;

  FencedRequests(MutatingCallFence fence) {
    this.fence = fence;
  }

  /** The configuration for one mutating call of {@code operation} (e.g. {@code ecs:CreateTaskSet}). */
  Consumer<AwsRequestOverrideConfiguration.Builder> mutating(String operation) {
    if (fence == MutatingCallFence.NONE) {
      return o -> { };
    }
    return o -> {
      fence.budget().ifPresent(b -> budget(o, b));
      o.addPlugin(plugin(operation));
    };
  }

  private static void budget(AwsRequestOverrideConfiguration.Builder o, CallBudget budget) {
    o.apiCallTimeout(budget.call()).apiCallAttemptTimeout(budget.attempt());
  }

  private SdkPlugin plugin(String operation) {
    ExecutionInterceptor check = new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        fence.admitCall(operation);
      }

      @Override
      public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        fence.admitAttempt(operation);
      }
    };
    return config -> config.overrideConfiguration(
        config.overrideConfiguration().toBuilder().addExecutionInterceptor(check).build());
  }
}
