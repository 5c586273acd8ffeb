package dev.teal.cli;

import dev.teal.model.ControlSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "retry", description = {"Run the aborted revision again, with the same image: raises"
    + " spec.control.retry (and removes an abort request), which starts a new attempt. Refused when the"
    + " deployment is not Degraded."})
final class RetryCommand extends TealCommand {

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Override
  public Integer call() {
    return SpecEdit.apply(root, out(), name, (current, spec) -> {
      if (!ControlRequests.degraded(current)) {
        throw ControlRequests.refused("nothing to retry: " + name + " has no aborted attempt (it is "
            + ControlRequests.describeState(current) + ")");
      }
      ControlSpec control = spec.controlOrNone();
      return spec.withControl(control.withRetry(control.retryCount() + 1).withAbort(null));
    });
  }
}
