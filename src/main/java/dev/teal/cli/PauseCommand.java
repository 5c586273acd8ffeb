package dev.teal.cli;

import dev.teal.model.ControlSpec;
import dev.teal.model.ControlSpec.PauseRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "pause", description = {"Hold a rollout where it is: production stays at its current weight;"
    + " steps, auto-promotion and blue's scale-down stop. Green's health and the gates keep running, and a"
    + " failing green is still aborted.",
    "Writes spec.control.pause (who, when). Refused when nothing is in flight. teal resume goes on."})
final class PauseCommand extends TealCommand {

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Override
  public Integer call() {
    return SpecEdit.apply(root, out(), name, (current, spec) -> {
      if (ControlRequests.greenInFlight(current) == null && !ControlRequests.blueKept(current)) {
        throw ControlRequests.refused("nothing is in flight for " + name + " to pause (it is "
            + ControlRequests.describeState(current) + "): no green is being brought up or promoted and no blue"
            + " is waiting to be scaled down");
      }
      ControlSpec control = spec.controlOrNone();
      if (control.pause() != null) {
        return spec; // already paused: unchanged
      }
      return spec.withControl(control.withPause(new PauseRequest(ControlRequests.caller(root),
          ControlRequests.now(root))));
    });
  }
}
