package dev.teal.reconcile.cycle;

import static dev.teal.reconcile.cycle.HooksCycleTest.adopted;
import static dev.teal.reconcile.cycle.HooksCycleTest.hooked;
import static dev.teal.reconcile.cycle.HooksCycleTest.previewReady;
import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.HookSpec;
import dev.teal.model.HookStatus;
import dev.teal.model.HooksSpec;
import dev.teal.model.Phase;
import dev.teal.reconcile.HookUrlPolicy;
import dev.teal.reconcile.Reasons;
import dev.teal.testing.SandboxExtension;
import dev.teal.testing.WebhookReceiver;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Webhook hooks on the sandbox, against a receiver on 127.0.0.1 that the operator's configuration allows (as
 * {@code teal.hooks.allowed-urls} would); without that, the operator's host rules refuse a loopback or metadata
 * address and send nothing.
 *
 * <p>Fault planted once and seen failing: a new idempotency key for every call (the key made from the call's
 * attempt count) fails {@link #aRestartMidWebhookSendsTheSameIdempotencyKeyAgain}.
 */
class WebhookHooksCycleTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  final WebhookReceiver receiver = new WebhookReceiver();

  @AfterEach
  void stop() {
    receiver.close();
  }

  CycleHarness allowingReceiver() {
    CycleHarness h = adopted(sandbox);
    h.hookUrls = new HookUrlPolicy(List.of(receiver.url("/hooks/")), InetAddress::getAllByName);
    h.reconciler = h.newReconciler();
    return h;
  }

  static HookSpec webhook(String name, URI url, int retries) {
    return new HookSpec(name, new HookSpec.Webhook(url.toString(), Duration.ofSeconds(30), retries), null, null);
  }

  @Test
  void aWebhookThatAnswers2xxPassesWithTheDeploymentInItsBodyAndAnIdempotencyKey() {
    CycleHarness h = allowingReceiver();
    h.apply(hooked(h, "nginx:1.27", DesiredPhase.PREVIEW, new HooksSpec(null,
        List.of(webhook("smoke", receiver.url("/hooks/smoke"), 0)), null, null)));

    DeploymentStatus previewed = previewReady(h);

    assertThat(previewed.phase()).isEqualTo(Phase.PREVIEWING);
    HookStatus hook = previewed.hooks().get(0);
    assertThat(hook.state()).isEqualTo(HookStatus.PASSED);
    assertThat(receiver.requests()).hasSize(1);
    WebhookReceiver.Request sent = receiver.requests().get(0);
    assertThat(sent.header("Idempotency-Key")).isEqualTo(hook.idempotencyKey());
    assertThat(sent.body().path("deployment").asText()).isEqualTo("web");
    assertThat(sent.body().path("revision").asText()).isEqualTo(previewed.preview().revision());
    assertThat(sent.body().path("images").path("web").asText()).isEqualTo("nginx:1.27");
    assertThat(sent.body().path("phase").asText()).isEqualTo(HooksSpec.AFTER_TEST_TRAFFIC);
    assertThat(sent.body().path("stage").asText()).isEqualTo("preview");
    assertThat(sent.body().path("idempotencyKey").asText()).isEqualTo(hook.idempotencyKey());
    h.assertInvariantsHeld();
  }

  @Test
  void aWebhookThatKeepsFailingIsRetriedWithinItsBudgetThenAbortsGreen() {
    CycleHarness h = allowingReceiver();
    receiver.mode(WebhookReceiver.Mode.FAIL);
    h.apply(hooked(h, "nginx:1.27", DesiredPhase.PROMOTE, new HooksSpec(null, null,
        List.of(webhook("approve", receiver.url("/hooks/approve"), 2)), null)));

    DeploymentStatus degraded = h.runUntilPhase(Phase.DEGRADED);

    assertThat(receiver.refused()).as("one call and two retries").isEqualTo(3);
    assertThat(degraded.aborted().reason()).isEqualTo(Reasons.HOOK_FAILED);
    assertThat(degraded.message()).contains("approve", "spec.strategy.hooks.beforeProductionTraffic[0]", "HTTP 500");
    assertThat(degraded.hooks().get(0).attempts()).isEqualTo(3);
    assertThat(h.weights(h.demo.productionRuleArn())).containsOnlyKeys(h.demo.targetGroupArn());
    h.assertInvariantsHeld();
  }

  @Test
  void aFailingHookOnceProductionIsAllGreenFlipsProductionBackToTheStillPrimaryBlue() {
    CycleHarness h = allowingReceiver();
    h.apply(hooked(h, "nginx:1.27", DesiredPhase.PROMOTE, new HooksSpec(null, null, null,
        List.of(webhook("post-traffic", receiver.url("/hooks/post"), 0)))));
    receiver.mode(WebhookReceiver.Mode.FAIL);

    DeploymentStatus degraded = h.runUntilPhase(Phase.DEGRADED);

    assertThat(receiver.refused()).isEqualTo(1);
    assertThat(degraded.message()).contains("post-traffic", "spec.strategy.hooks.afterProductionTraffic[0]");
    assertThat(degraded.hooks().get(0).stage()).isEqualTo("promoted");
    assertThat(h.weights(h.demo.productionRuleArn())).containsOnlyKeys(h.demo.targetGroupArn());
    assertThat(h.servedImage(h.demo.productionListenerArn())).isEqualTo("nginx:1.26");
    assertThat(degraded.stable().image()).as("green was never made stable").isEqualTo("nginx:1.26");
    h.assertInvariantsHeld();
  }

  @Test
  void theHostRulesRefuseLoopbackAndMetadataAddressesUnlessTheOperatorAllowsThemAndNothingIsSent() {
    CycleHarness h = adopted(sandbox); // no allowed URLs
    URI loopback = URI.create(receiver.url("/hooks/smoke").toString().replace("127.0.0.1", "localhost"));
    h.apply(hooked(h, "nginx:1.27", DesiredPhase.PREVIEW, new HooksSpec(List.of(webhook("smoke", loopback, 0)),
        null, null, null)));

    DeploymentStatus degraded = h.runUntilPhase(Phase.DEGRADED);

    assertThat(degraded.message()).contains("spec.strategy.hooks.beforeTestTraffic[0].webhook.url", "loopback",
        "teal.hooks.allowed-urls");
    assertThat(receiver.requests()).isEmpty();
    assertThat(receiver.refused()).isZero();

    CycleHarness again = h;
    again.apply(hooked(h, "nginx:1.28", DesiredPhase.PREVIEW, new HooksSpec(List.of(webhook("smoke",
        URI.create("http://169.254.169.254/latest/meta-data/iam/security-credentials/"), 0)), null, null, null)));
    DeploymentStatus metadata = again.runUntil(s -> s.phase() == Phase.DEGRADED && s.message().contains("1.28"),
        Duration.ofHours(1));
    assertThat(metadata.message()).contains("link-local", "169.254.169.254");
    h.assertInvariantsHeld();
  }

  @Test
  void aRestartMidWebhookSendsTheSameIdempotencyKeyAgain() {
    CycleHarness h = allowingReceiver();
    boolean[] died = {false};
    // The call goes out and is answered, but the operator dies before the verdict is recorded.
    h.hookExecutor = call -> {
      call.run();
      if (!died[0]) {
        died[0] = true;
        throw new Stops.Stopped("stopped after the webhook call");
      }
    };
    h.reconciler = h.newReconciler();
    h.apply(hooked(h, "nginx:1.27", DesiredPhase.PREVIEW, new HooksSpec(List.of(webhook("smoke",
        receiver.url("/hooks/smoke"), 0)), null, null, null)));

    DeploymentStatus previewed = previewReady(h);

    assertThat(h.stoppedAt).contains("webhook");
    HookStatus hook = previewed.hooks().get(0);
    assertThat(hook.state()).isEqualTo(HookStatus.PASSED);
    assertThat(receiver.requests()).as("sent, then sent again after the restart").hasSize(2);
    assertThat(receiver.requests()).extracting(r -> r.header("Idempotency-Key"))
        .containsOnly(hook.idempotencyKey());
    h.assertInvariantsHeld();
  }
}
