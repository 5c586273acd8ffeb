package dev.teal.cli;

import dev.teal.model.ControlSpec;
import dev.teal.model.ControlSpec.FullPromotionRequest;
import dev.teal.model.DesiredPhase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "promote", description = {"Set spec.phase: promote: the previewed image goes to production through"
    + " every gate.",
    "With --full --reason TEXT, the break-glass: the green in flight skips its remaining steps and analysis and"
    + " takes all of production once healthy (spec.control.fullPromotion, audited with the reason; a pause is"
    + " lifted). Refused when no green is in flight."})
final class PromoteCommand extends TealCommand {

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = "--full", description = "skip the remaining steps and analysis (needs --reason)")
  boolean full;

  @Option(names = "--reason", paramLabel = "TEXT", description = "why, for the audit trail (required with --full)")
  String reason;

  @Override
  public Integer call() {
    if (!full && reason != null) {
      throw new TealCli.UsageException("--reason goes with --full");
    }
    if (!full) {
      return SpecEdit.apply(root, out(), name, spec -> spec.withPhase(DesiredPhase.PROMOTE));
    }
    if (reason == null || reason.isBlank()) {
      throw new TealCli.UsageException("--full needs --reason TEXT: a full promotion skips the remaining steps and"
          + " analysis, so say why (it goes into the audit trail); nothing was written");
    }
    return SpecEdit.apply(root, out(), name, (current, spec) -> {
      String green = ControlRequests.greenInFlight(current);
      if (green == null) {
        throw ControlRequests.refused("no green is in flight for " + name + " to promote in full (it is "
            + ControlRequests.describeState(current) + ")");
      }
      ControlSpec control = spec.controlOrNone().withPause(null).withFullPromotion(new FullPromotionRequest(green,
          reason, ControlRequests.caller(root), ControlRequests.now(root)));
      return spec.withPhase(DesiredPhase.PROMOTE).withControl(control);
    });
  }
}
