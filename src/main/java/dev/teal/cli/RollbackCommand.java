package dev.teal.cli;

import dev.teal.model.DesiredPhase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "rollback", description = "Set spec.phase: rollback: production returns to the last stable image"
    + " (instantly while blue still runs, within scaleDownDelay) and green is torn down.")
final class RollbackCommand extends TealCommand {

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Override
  public Integer call() {
    return SpecEdit.apply(root, out(), name, spec -> spec.withPhase(DesiredPhase.ROLLBACK));
  }
}
