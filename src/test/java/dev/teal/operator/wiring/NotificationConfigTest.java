package dev.teal.operator.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.teal.history.NotificationType;
import dev.teal.operator.config.TealConfig;
import dev.teal.operator.notify.SecretReference;
import dev.teal.operator.notify.WebhookSink;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code teal.notifications.*} as SmallRye reads it, from properties and from the environment, into the
 * webhooks the notifier is built with (docs/configuration.md says the same).
 */
class NotificationConfigTest {

  @Test
  void webhooksAreReadByNameWithTheirDefaultsAndTheirUrlReference() {
    TealConfig config = config(Map.of(
        "teal.notifications.event-bus", "teal",
        "teal.notifications.webhooks.oncall.url", "ssm:/teal/webhooks/oncall",
        "teal.notifications.webhooks.oncall.format", "slack",
        "teal.notifications.webhooks.oncall.all-deployments", "true",
        "teal.notifications.webhooks.oncall.types", "Deployment Degraded,Deployment Failed",
        "teal.notifications.webhooks.team-payments.url", "https://hooks.example.com/T0/B0/secret"), Map.of());

    List<WebhookSink.Settings> webhooks = NotificationProducers.webhooks(config.notifications());

    assertThat(config.notifications().eventBus()).hasValue("teal");
    assertThat(webhooks).containsExactly(
        new WebhookSink.Settings("oncall", new SecretReference(SecretReference.Kind.SSM_PARAMETER, "/teal/webhooks/oncall"),
            WebhookSink.Format.SLACK, true, Set.of(NotificationType.DEGRADED, NotificationType.FAILED),
            Duration.ofSeconds(10)),
        new WebhookSink.Settings("team-payments", new SecretReference(SecretReference.Kind.LITERAL,
            "https://hooks.example.com/T0/B0/secret"), WebhookSink.Format.JSON, false, Set.of(), Duration.ofSeconds(10)));
    assertThat(config.notifications().sweepInterval()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void aWebhooksUrlCanComeFromTheEnvironmentOnceItsNameIsKnown() {
    TealConfig config = config(Map.of("teal.notifications.webhooks.team-payments.format", "slack"),
        Map.of("TEAL_NOTIFICATIONS_WEBHOOKS_TEAM_PAYMENTS_URL", "secretsmanager:teal/webhooks/team-payments"));

    assertThat(NotificationProducers.webhooks(config.notifications())).singleElement().satisfies(w -> {
      assertThat(w.name()).isEqualTo("team-payments");
      assertThat(w.url()).isEqualTo(new SecretReference(SecretReference.Kind.SECRETS_MANAGER, "teal/webhooks/team-payments"));
    });
  }

  @Test
  void fromTheEnvironmentAloneOnlyANameWithoutADashIsFound() {
    TealConfig config = config(Map.of(), Map.of("TEAL_NOTIFICATIONS_WEBHOOKS_ONCALL_URL", "ssm:/teal/oncall",
        "TEAL_NOTIFICATIONS_WEBHOOKS_TEAM_PAYMENTS_URL", "ssm:/teal/team-payments"));

    // TEAM_PAYMENTS could be team-payments, team.payments or team_payments: SmallRye cannot tell alone.
    assertThat(NotificationProducers.webhooks(config.notifications())).extracting(WebhookSink.Settings::name)
        .containsExactly("oncall");
  }

  @Test
  void anUnknownTransitionTypeIsRefusedRatherThanSilencingTheWebhook() {
    TealConfig config = config(Map.of("teal.notifications.webhooks.x.url", "https://example.com/",
        "teal.notifications.webhooks.x.types", "Deployment Degarded"), Map.of());

    assertThatThrownBy(() -> NotificationProducers.webhooks(config.notifications()))
        .hasMessageContaining("unknown notification type 'Deployment Degarded'");
  }

  private static TealConfig config(Map<String, String> properties, Map<String, String> environment) {
    return new SmallRyeConfigBuilder()
        .withMapping(TealConfig.class)
        .withConverter(Duration.class, 200, new DurationConverter())
        .withSources(new PropertiesConfigSource(properties, "test", 400))
        .withSources(new EnvConfigSource(environment, 300))
        .build()
        .getConfigMapping(TealConfig.class);
  }
}
