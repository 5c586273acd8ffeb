package dev.teal.cli;

import dev.teal.document.GoDuration;
import dev.teal.model.DeploymentStatus;
import dev.teal.store.NotFoundException;
import dev.teal.store.StoredDeployment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", description = {"Watch a deployment until it reaches what its spec asks for (like"
    + " kubectl argo rollouts status): a summary, then a line each time the status changes; exit 0 once the"
    + " current spec is reached (preview: Previewing; promote: Promoted; rollback: RolledBack), 7 with the reason"
    + " on Degraded or Failed, 8 on timeout: made for CI gates. Paused keeps watching.",
    "With --no-watch, one line: where it is now."})
final class StatusCommand extends TealCommand {

  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = {"-w", "--watch"}, negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "follow progress until the desired state, a failure or the timeout (the default);"
          + " --no-watch prints one line")
  boolean watch = true;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "give up watching after this long, like 90s, 10m or 1h (default: 30m)")
  Duration timeout = DEFAULT_TIMEOUT;

  @Override
  public Integer call() throws InterruptedException {
    StoredDeployment d = TealCli.orNotFound(name, () -> store().get(name));
    Clock clock = root.environment().clock();
    if (!watch) {
      out().println(d.name() + "  " + StatusWatch.progressKey(d));
      return ExitCodes.OK;
    }
    out().print(summary(d));
    Instant deadline = clock.instant().plus(timeout);
    String lastKey = null;
    while (true) {
      String key = StatusWatch.progressKey(d);
      if (!key.equals(lastKey)) {
        out().println(StatusWatch.progressLine(d, clock.instant()));
        lastKey = key;
      }
      StatusWatch.Verdict verdict = StatusWatch.evaluate(d);
      if (verdict.outcome() == StatusWatch.Outcome.REACHED) {
        out().println(verdict.reason());
        return ExitCodes.OK;
      }
      if (verdict.outcome() == StatusWatch.Outcome.FAILED) {
        err().println("error: " + name + " did not reach the desired state: " + verdict.reason());
        return ExitCodes.DEGRADED_OR_FAILED;
      }
      if (!clock.instant().isBefore(deadline)) {
        err().println("error: timed out after " + GoDuration.format(timeout) + " watching " + name + ": "
            + verdict.reason());
        return ExitCodes.TIMED_OUT;
      }
      root.environment().sleeper().sleep(root.environment().pollInterval());
      d = store().get(name).orElseThrow(() -> new NotFoundException(name, "it was deleted while being watched"));
    }
  }

  static String summary(StoredDeployment d) {
    StringBuilder out = new StringBuilder();
    if (d.spec() == null) {
      out.append(d.name()).append(": the stored spec cannot be read\n");
    } else {
      out.append(d.name()).append(": phase ").append(d.effectiveSpec().phase().wireName()).append(", image ")
          .append(d.spec().image()).append(" (generation ").append(d.generation()).append(", spec hash ")
          .append(d.specHash()).append(")\n");
    }
    d.specProblems().forEach(v -> out.append("  problem:  ").append(v).append('\n'));
    DeploymentStatus status = d.status();
    if (status == null) {
      out.append("  status:   none yet (the operator has not reported)\n");
      return out.toString();
    }
    boolean current = Objects.equals(d.specHash(), status.observedSpecHash());
    out.append("  status:   ").append(Summaries.orNone(status.phase() == null ? null : status.phase().wireName()))
        .append(status.message() == null ? "" : ": " + status.message())
        .append(current ? " (for the current spec)" : " (for an earlier spec; the operator has not caught up)")
        .append('\n');
    out.append("  stable:   ").append(Summaries.image(status.stable())).append('\n');
    out.append("  preview:  ").append(Summaries.image(status.preview())).append('\n');
    if (status.paused() != null) {
      out.append("  paused:   ").append(Summaries.paused(status)).append('\n');
    }
    out.append("  traffic:  production ").append(Summaries.productionTraffic(status)).append(" (stable/preview)\n");
    if (status.conditions() != null && !status.conditions().isEmpty()) {
      out.append("  conditions: ").append(String.join(", ", status.conditions().stream()
          .map(c -> c.type() + "=" + c.status() + (c.reason() == null ? "" : " (" + c.reason() + ")")).toList()))
          .append('\n');
    }
    return out.toString();
  }

  /** Reads Go-style durations for --timeout. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration duration = GoDuration.parse(value);
      if (duration.isNegative()) {
        throw new CommandLine.TypeConversionException("must not be negative");
      }
      return duration;
    }
  }
}
