package dev.teal.cli;

import dev.teal.model.ControlSpec;
import dev.teal.model.ControlSpec.ResumeRequest;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.PauseStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "resume", description = {"Go on after teal pause (removes spec.control.pause), or past a step"
    + " written with an indefinite pause (writes spec.control.resume naming that step). The timers that were"
    + " held go on where they stopped."})
final class ResumeCommand extends TealCommand {

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Override
  public Integer call() {
    return SpecEdit.apply(root, out(), name, (current, spec) -> {
      ControlSpec control = spec.controlOrNone();
      ControlSpec next = control.withPause(null);
      DeploymentStatus status = ControlRequests.status(current);
      PauseStatus paused = status.paused();
      if (paused != null && PauseStatus.STEP_PAUSE.equals(paused.reason()) && status.promotion() != null
          && paused.step() != null) {
        next = next.withResume(new ResumeRequest(status.promotion().revision(), paused.step(),
            ControlRequests.caller(root), ControlRequests.now(root)));
      }
      if (next.equals(control)) {
        throw ControlRequests.refused(name + " is not paused (it is " + ControlRequests.describeState(current) + ")");
      }
      return spec.withControl(next);
    });
  }
}
