package dev.teal.operator.wiring;

import dev.teal.aws.CallBudget;
import dev.teal.operator.OperatorSettings;
import dev.teal.operator.config.TealConfig;
import dev.teal.operator.lease.LeaseTiming;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Turns {@link TealConfig} into the plain {@link OperatorSettings} the operator is built from. Public so
 * the benchmark harness builds its operators from the daemon's own configuration and defaults.
 */
public final class Settings {

  private Settings() {}

  public static OperatorSettings of(TealConfig config) {
    return new OperatorSettings(
        config.operatorId().orElseGet(Settings::defaultOperatorId),
        config.table(),
        config.workers(),
        config.resyncInterval(),
        config.pollInterval(),
        config.stream().idleWait(),
        config.stream().failuresBeforePolling(),
        config.requeue().pollInterval(),
        config.requeue().failedInterval(),
        config.maxActionsPerReconcile(),
        config.backoff().initial(),
        config.backoff().multiplier(),
        config.backoff().max(),
        config.rateLimit().mutatingPerSecond(),
        config.rateLimit().burst(),
        config.lease().enabled(),
        LeaseTiming.of(config.lease().duration(), config.lease().renewInterval(), config.lease().safetyMargin()),
        callBudget(config.aws()),
        config.analysis().requestTimeout(),
        config.analysis().stepTimeout(),
        config.healthWatch().interval(),
        config.healthWatch().callsPerSecond(),
        config.shutdownTimeout(),
        OperatorSettings.DEFAULT_TICK);
  }

  /**
   * The worst case of one AWS call and of one attempt, as the daemon's SDK clients are built with them
   * ({@code AwsProducers}): an attempt timeout longer than the call timeout is cut to it there too.
   */
  public static CallBudget callBudget(TealConfig.Aws aws) {
    Duration attempt = aws.attemptTimeout().compareTo(aws.callTimeout()) <= 0 ? aws.attemptTimeout() : aws.callTimeout();
    return new CallBudget(aws.callTimeout(), attempt);
  }

  /** The host name (the task's, on ECS) and a random suffix, so two instances on one host differ. */
  static String defaultOperatorId() {
    byte[] suffix = new byte[3];
    new SecureRandom().nextBytes(suffix);
    return hostName() + "-" + HexFormat.of().formatHex(suffix);
  }

  private static String hostName() {
    String fromEnvironment = System.getenv("HOSTNAME");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return clean(fromEnvironment);
    }
    try {
      return clean(InetAddress.getLocalHost().getHostName());
    } catch (UnknownHostException e) {
      return "teal";
    }
  }

  private static String clean(String host) {
    String cleaned = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
    return cleaned.length() > 40 ? cleaned.substring(0, 40) : cleaned;
  }
}
