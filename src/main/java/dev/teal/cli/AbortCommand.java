package dev.teal.cli;

import dev.teal.model.ControlSpec;
import dev.teal.model.ControlSpec.AbortRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "abort", description = {"Give up the green in flight now: production and test go back to"
    + " stable at once, green's task set and target group are deleted, and the deployment is Degraded with"
    + " reason Aborted and your name. spec.image stays; teal retry runs the same revision again, teal"
    + " set-image or teal undo moves on.",
    "Writes spec.control.abort naming green's revision. Refused when no green is in flight."})
final class AbortCommand extends TealCommand {

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Override
  public Integer call() {
    return SpecEdit.apply(root, out(), name, (current, spec) -> {
      String green = ControlRequests.greenInFlight(current);
      if (green == null) {
        throw ControlRequests.refused("no green is in flight for " + name + " to abort (it is "
            + ControlRequests.describeState(current) + "); teal rollback returns production to the last image");
      }
      ControlSpec control = spec.controlOrNone();
      if (control.abort() != null && green.equals(control.abort().revision())) {
        return spec; // already asked: unchanged
      }
      return spec.withControl(control.withAbort(new AbortRequest(green, ControlRequests.caller(root),
          ControlRequests.now(root))));
    });
  }
}
