package dev.teal.operator.notify;

import static dev.teal.operator.notify.NotificationRig.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.teal.model.DesiredPhase;
import dev.teal.model.Phase;
import dev.teal.model.StrategySpec;
import dev.teal.reconcile.cycle.CycleHarness;
import dev.teal.sandbox.faults.FaultKind;
import dev.teal.testing.SandboxExtension;
import dev.teal.testing.WebhookReceiver.Mode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Notifications end to end: the real reconciler drives the demo service through whole cycles on the
 * sandbox, the store records each transition with its status write, and the notifier delivers them to
 * the simulator's EventBridge and to a local webhook.
 *
 * <p>Planted faults, each seen to fail here: the notifier moving a cursor before the sink took the event
 * (a failing minute then loses the events it was trying); the notifier ignoring the stored cursor (a
 * restarted notifier sends what was delivered again); one permit pool shared by all sinks (the hanging
 * webhook then starves EventBridge).
 */
class NotificationDeliveryTest {

  /** docs/notifications.md, "What one whole cycle sends", in order. */
  static final List<String> PREVIEW_THEN_PROMOTE = List.of("Deployment Started", "Deployment Waiting For Promotion",
      step(1), step(2), step(3), "Deployment Promoted");

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  @Test
  void aWholeCycleSendsExactlyTheDocumentedEventsInOrderToBothSinks() {
    try (NotificationRig rig = new NotificationRig(sandbox)) {
      rig.startNotifier();
      CycleHarness h = rig.h;

      h.apply(rig.spec("nginx:1.26", DesiredPhase.PREVIEW));
      h.runUntilQuiet(); // adoption: nothing to tell anyone
      h.apply(rig.spec("nginx:1.27", DesiredPhase.PREVIEW));
      h.runUntilPhase(Phase.PREVIEWING);
      h.apply(rig.spec("nginx:1.27", DesiredPhase.PROMOTE));
      h.runUntilPhase(Phase.PROMOTED);
      h.apply(rig.spec("nginx:1.27", DesiredPhase.ROLLBACK));
      h.runUntilPhase(Phase.ROLLED_BACK);
      h.apply(CycleHarness.withStrategy(rig.spec("nginx:1.29-unhealthy", DesiredPhase.PROMOTE),
          s -> new StrategySpec(s.previewScale(), s.promotion(), null, s.scaleDownDelay(), Duration.ofSeconds(30),
              null)).withNotifications(rig.spec("nginx:1.29-unhealthy", DesiredPhase.PROMOTE).notifications()));
      h.runUntilPhase(Phase.DEGRADED);

      List<String> expected = new java.util.ArrayList<>(PREVIEW_THEN_PROMOTE);
      expected.addAll(List.of("Deployment Rolled Back", "Deployment Started", "Deployment Degraded"));
      rig.awaitDelivered(expected.size());

      assertThat(rig.onTheBus()).containsExactlyElementsOf(expected);
      assertThat(rig.atTheWebhook()).containsExactlyElementsOf(expected);
      assertThat(rig.webhookEventIds()).as("the same events, by id, to both sinks")
          .containsExactlyElementsOf(rig.busEventIds()).doesNotHaveDuplicates();
      var degraded = rig.busEvents().get(expected.size() - 1);
      assertThat(degraded.source()).isEqualTo("teal");
      assertThat(degraded.detail().path("reason").asText()).isEqualTo("ProgressDeadlineExceeded");
      assertThat(degraded.detail().path("images").path("green").asText()).isEqualTo("nginx:1.29-unhealthy");
      assertThat(degraded.detail().path("caller").asText()).isEqualTo("test");
      assertThat(rig.busEvents().get(2).detail().path("weight").asInt()).isEqualTo(25);
      assertThat(rig.webhook.requests().get(0).header("X-Teal-Event-Id")).isEqualTo(rig.busEventIds().get(0));
      assertThat(rig.failures).hasValue(0);
      h.assertInvariantsHeld();
    }
  }

  @Test
  void sinksFailingForAMinuteGetEveryEventOnceTheyRecoverAndNoneTwiceNotEvenAfterARestart() {
    try (NotificationRig rig = new NotificationRig(sandbox)) {
      Notifier first = rig.startNotifier();
      CycleHarness h = rig.h;
      h.apply(rig.spec("nginx:1.26", DesiredPhase.PREVIEW));
      h.runUntilQuiet();

      sandbox.simulator().faults().errorRate("events:PutEvents", FaultKind.SERVER_ERROR, 1.0);
      rig.webhook.mode(Mode.FAIL);
      h.apply(rig.spec("nginx:1.27", DesiredPhase.PREVIEW));
      h.runUntilPhase(Phase.PREVIEWING);
      var failingSince = h.clock.instant();
      while (h.clock.instant().isBefore(failingSince.plusSeconds(60))) {
        int before = rig.failures.get();
        h.clock.advance(Duration.ofSeconds(5));
        // Each backoff that ends is tried (and fails) before the clock moves on.
        await().atMost(Duration.ofSeconds(10)).until(() -> first.idle() && rig.failures.get() >= before);
      }
      assertThat(rig.failures.get()).as("both sinks kept trying").isGreaterThanOrEqualTo(4);
      assertThat(rig.busEvents()).isEmpty();
      assertThat(rig.webhook.requests()).isEmpty();
      assertThat(rig.webhook.refused()).isPositive();

      sandbox.simulator().faults().clear();
      rig.webhook.mode(Mode.ACCEPT);
      h.clock.advance(Duration.ofSeconds(10)); // the longest backoff
      rig.awaitDelivered(2);
      assertThat(rig.onTheBus()).containsExactly("Deployment Started", "Deployment Waiting For Promotion");
      assertThat(rig.atTheWebhook()).containsExactly("Deployment Started", "Deployment Waiting For Promotion");

      // A restart: a new notifier with no memory sweeps the table and finds nothing left to send...
      first.stop(Duration.ofSeconds(2));
      Notifier second = rig.startNotifier();
      await().atMost(Duration.ofSeconds(10)).until(() -> second.idle() && second.backingOff() == 0);
      h.apply(rig.spec("nginx:1.27", DesiredPhase.PROMOTE));
      h.runUntilPhase(Phase.PROMOTED);
      // ...and carries on where the first one stopped.
      rig.awaitDelivered(PREVIEW_THEN_PROMOTE.size());
      assertThat(rig.onTheBus()).containsExactlyElementsOf(PREVIEW_THEN_PROMOTE);
      assertThat(rig.atTheWebhook()).containsExactlyElementsOf(PREVIEW_THEN_PROMOTE);
      assertThat(rig.busEventIds()).doesNotHaveDuplicates();
      assertThat(rig.webhookEventIds()).doesNotHaveDuplicates();
    }
  }

  /**
   * One delivery at a time per sink, and a webhook that holds each request for longer than the whole
   * cycle takes: EventBridge must still get everything meanwhile, which it cannot if the sinks share their
   * deliveries.
   */
  @Test
  void aHangingWebhookHoldsUpOnlyItsOwnDeliveries() {
    try (NotificationRig rig = new NotificationRig(sandbox)) {
      Notifier notifier = rig.startNotifier(1, Duration.ofSeconds(60));
      CycleHarness h = rig.h;
      h.apply(rig.spec("nginx:1.26", DesiredPhase.PREVIEW));
      h.runUntilQuiet();
      rig.webhook.mode(Mode.HANG);

      h.apply(rig.spec("nginx:1.27", DesiredPhase.PROMOTE));
      h.runUntilPhase(Phase.PROMOTED);

      // EventBridge has every event while the webhook still holds its first request.
      List<String> promoteStraightAway = List.of("Deployment Started", step(1), step(2), step(3),
          "Deployment Promoted");
      await().atMost(Duration.ofSeconds(20)).until(() -> rig.busEvents().size() == promoteStraightAway.size());
      assertThat(rig.onTheBus()).containsExactlyElementsOf(promoteStraightAway);
      assertThat(rig.webhook.hanging()).as("the webhook's first request, still held").isEqualTo(1);
      assertThat(rig.webhook.requests()).isEmpty();

      rig.webhook.mode(Mode.ACCEPT); // the held request is refused now; its retry waits out a backoff
      rig.awaitDelivered(promoteStraightAway.size(), Duration.ofSeconds(1));
      assertThat(rig.atTheWebhook()).containsExactlyElementsOf(promoteStraightAway);
      assertThat(rig.webhookEventIds()).doesNotHaveDuplicates();
      assertThat(notifier.backingOff()).isZero();
    }
  }
}
