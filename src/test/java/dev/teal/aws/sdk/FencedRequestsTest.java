package dev.teal.aws.sdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.teal.aws.sdk.AwsWireMock.ECS_CONTENT_TYPE;
import static dev.teal.aws.sdk.AwsWireMock.ecs;
import static dev.teal.aws.sdk.AwsWireMock.ecsError;
import static dev.teal.aws.sdk.AwsWireMock.ecsOk;
import static dev.teal.aws.sdk.AwsWireMock.ecsRequests;
import static dev.teal.aws.sdk.AwsWireMock.ecsReturns;
import static dev.teal.aws.sdk.AwsWireMock.elb;
import static dev.teal.aws.sdk.AwsWireMock.elbOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.teal.aws.ApplicationAutoScaling.ScalableTarget;
import dev.teal.aws.ApplicationAutoScaling.SuspendedState;
import dev.teal.aws.AwsCallListener;
import dev.teal.aws.AwsTransientException;
import dev.teal.aws.CallBudget;
import dev.teal.aws.EcsGateway.RunTask;
import dev.teal.aws.MutatingCallFence;
import dev.teal.aws.NotFencedException;
import dev.teal.aws.Placement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The gateways ask the lease fence inside the SDK's pipeline: when a mutating call starts and before each
 * of its attempts is sent (retries included), never for a read; a refusal sends nothing further, is not
 * retried, and reaches the caller untranslated; and the fence's budget is the request's own timeout,
 * whatever the client was built with.
 */
class FencedRequestsTest {

  @RegisterExtension
  static WireMockExtension wm = AwsWireMock.server();

  private static final CallBudget BUDGET = new CallBudget(Duration.ofSeconds(3), Duration.ofMillis(1_500));

  /** Records what it was asked; refuses calls from the n-th on, attempts from the m-th on. */
  private static final class RecordingFence implements MutatingCallFence {
    final List<String> asked = new ArrayList<>();
    int refuseCallsFrom = Integer.MAX_VALUE;
    int refuseAttemptsFrom = Integer.MAX_VALUE;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();

    @Override
    public Optional<CallBudget> budget() {
      return Optional.of(BUDGET);
    }

    @Override
    public synchronized void admitCall(String operation) {
      asked.add("call " + operation);
      if (calls.incrementAndGet() >= refuseCallsFrom) {
        throw new NotFencedException(operation, "refused by the test");
      }
    }

    @Override
    public synchronized void admitAttempt(String operation) {
      asked.add("attempt " + operation);
      if (attempts.incrementAndGet() >= refuseAttemptsFrom) {
        throw new NotFencedException(operation, "refused by the test");
      }
    }
  }

  private static final String AUTO_SCALING_TARGET_PREFIX = "AnyScaleFrontendService.";
  private static final String INVOCATIONS = "/2015-03-31/functions/.*/invocations";
  private static final ScalableTarget TARGET = new ScalableTarget("service/prod/web", 2, 10,
      new SuspendedState(false, false, false));
  private static final RunTask RUN_TASK = new RunTask("prod", "web-tests:3", 1, "teal", "web-7-hook-test", "tests",
      Map.of(), Placement.NONE, Map.of());

  private final RecordingFence fence = new RecordingFence();
  private EcsClient ecsClient;
  private ElasticLoadBalancingV2Client elbClient;
  private ApplicationAutoScalingClient autoScalingClient;
  private LambdaClient lambdaClient;
  private SdkEcsGateway ecs;
  private SdkElbGateway elb;
  private SdkApplicationAutoScaling autoScaling;
  private SdkFunctionGateway lambda;

  @BeforeEach
  void setUp() {
    AwsClients clients = new AwsClients(AwsWireMock.settings(wm, AwsCallListener.NONE)
        .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(10))); // the budget must win over these
    ecsClient = clients.newEcsClient();
    elbClient = clients.newElbClient();
    autoScalingClient = clients.newApplicationAutoScalingClient();
    lambdaClient = clients.newLambdaClient();
    ecs = new SdkEcsGateway(ecsClient, fence);
    elb = new SdkElbGateway(elbClient, fence);
    autoScaling = new SdkApplicationAutoScaling(autoScalingClient, fence);
    lambda = new SdkFunctionGateway(lambdaClient, fence);
  }

  @AfterEach
  void tearDown() {
    ecsClient.close();
    elbClient.close();
    autoScalingClient.close();
    lambdaClient.close();
  }

  @Test
  void aMutatingCallIsAskedForWhenItStartsAndForEachAttemptReadsNever() {
    throttledOnceThen("UpdateTaskSet", "{}");
    ecsReturns(wm, "DescribeServices", "{\"services\": [], \"failures\": []}");
    wm.stubFor(elb("DeleteTargetGroup").willReturn(elbOk("DeleteTargetGroup", "")));

    ecs.updateTaskSetScale("prod", "web", "arn:aws:ecs:us-east-1:123456789012:task-set/prod/web/ecs-svc/1", 50);
    ecs.describeService("prod", "web");
    elb.deleteTargetGroup("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/teal-web-1/abc");

    assertThat(fence.asked).containsExactly("call ecs:UpdateTaskSet", "attempt ecs:UpdateTaskSet",
        "attempt ecs:UpdateTaskSet", "call elb:DeleteTargetGroup", "attempt elb:DeleteTargetGroup");
  }

  @Test
  void aCallRefusedWhenItStartsSendsNothing() {
    fence.refuseCallsFrom = 1;
    ecsReturns(wm, "DeleteTaskSet", "{}");

    assertThatThrownBy(() -> ecs.deleteTaskSet("prod", "web", "arn:aws:ecs:us-east-1:123456789012:task-set/x"))
        .isInstanceOf(NotFencedException.class).hasMessageContaining("ecs:DeleteTaskSet not started");
    assertThat(ecsRequests(wm, "DeleteTaskSet")).isEmpty();
  }

  /** The first attempt was throttled; the retry would start after the lease can cover it: it is not sent. */
  @Test
  void theRetriedAttemptOfAThrottledCallIsRefusedAndOnlyTheFirstWasSent() {
    fence.refuseAttemptsFrom = 2;
    throttledOnceThen("UpdateTaskSet", "{}");

    assertThatThrownBy(() -> ecs.updateTaskSetScale("prod", "web", "arn:ts", 100))
        .isInstanceOf(NotFencedException.class).hasMessageContaining("ecs:UpdateTaskSet");
    assertThat(ecsRequests(wm, "UpdateTaskSet")).hasSize(1);
    assertThat(fence.asked).containsExactly("call ecs:UpdateTaskSet", "attempt ecs:UpdateTaskSet",
        "attempt ecs:UpdateTaskSet");
  }

  /**
   * The client allows 10 s per attempt and 30 s per call; a mutating request carries the fence's budget
   * instead, so an answer slower than it is abandoned within the budget, and the budget really is the
   * call's worst case.
   */
  @Test
  void theBudgetIsTheMutatingRequestsOwnTimeout() {
    wm.stubFor(ecs("UpdateTaskSet").willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", ECS_CONTENT_TYPE).withBody("{}").withFixedDelay(9_000)));

    long started = System.nanoTime();
    assertThatThrownBy(() -> ecs.updateTaskSetScale("prod", "web", "arn:ts", 100))
        .isInstanceOf(AwsTransientException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(9));
  }

  /**
   * The calls that came with main's scale-in hold and the gates' gateways: RegisterScalableTarget, RunTask
   * and Lambda Invoke act on the world and are fenced like the rest; DescribeScalableTargets only reads.
   */
  @Test
  void theScaleInHoldRunTaskAndInvokeAreFencedAndDescribeScalableTargetsIsNot() {
    autoScalingReturns("DescribeScalableTargets", "{\"ScalableTargets\": []}");
    autoScalingReturns("RegisterScalableTarget", "{}");
    ecsReturns(wm, "RunTask", "{\"tasks\": [], \"failures\": []}");
    wm.stubFor(post(urlPathMatching(INVOCATIONS)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{}")));

    autoScaling.describeServiceTarget("prod", "web");
    autoScaling.setSuspendedState(TARGET, new SuspendedState(true, false, false));
    ecs.runTask(RUN_TASK);
    lambda.invoke("web-smoke", "{}");

    assertThat(fence.asked).containsExactly(
        "call application-autoscaling:RegisterScalableTarget", "attempt application-autoscaling:RegisterScalableTarget",
        "call ecs:RunTask", "attempt ecs:RunTask", "call lambda:Invoke", "attempt lambda:Invoke");
  }

  @Test
  void theScaleInHoldRunTaskAndInvokeRefusedWhenTheyStartSendNothing() {
    fence.refuseCallsFrom = 1;
    autoScalingReturns("RegisterScalableTarget", "{}");
    ecsReturns(wm, "RunTask", "{\"tasks\": [], \"failures\": []}");
    wm.stubFor(post(urlPathMatching(INVOCATIONS)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{}")));

    assertThatThrownBy(() -> autoScaling.setSuspendedState(TARGET, new SuspendedState(true, false, false)))
        .isInstanceOf(NotFencedException.class)
        .hasMessageContaining("application-autoscaling:RegisterScalableTarget not started");
    assertThatThrownBy(() -> ecs.runTask(RUN_TASK)).isInstanceOf(NotFencedException.class)
        .hasMessageContaining("ecs:RunTask not started");
    assertThatThrownBy(() -> lambda.invoke("web-smoke", "{}")).isInstanceOf(NotFencedException.class)
        .hasMessageContaining("lambda:Invoke not started");
    assertThat(wm.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
        equalTo(AUTO_SCALING_TARGET_PREFIX + "RegisterScalableTarget")))).isEmpty();
    assertThat(ecsRequests(wm, "RunTask")).isEmpty();
    assertThat(wm.findAll(postRequestedFor(urlPathMatching(INVOCATIONS)))).isEmpty();
  }

  private static void autoScalingReturns(String operation, String json) {
    wm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(AUTO_SCALING_TARGET_PREFIX + operation))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", ECS_CONTENT_TYPE).withBody(json)));
  }

  private static void throttledOnceThen(String operation, String json) {
    wm.stubFor(ecs(operation).inScenario(operation).whenScenarioStateIs(STARTED)
        .willReturn(ecsError(400, "ThrottlingException", "Rate exceeded")).willSetStateTo("answered"));
    wm.stubFor(ecs(operation).inScenario(operation).whenScenarioStateIs("answered").willReturn(ecsOk(json)));
  }
}
