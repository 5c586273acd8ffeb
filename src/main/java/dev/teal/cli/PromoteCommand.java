package dev.teal.cli;

import dev.teal.model.DesiredPhase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "promote", description = "Set spec.phase: promote: the previewed image goes to production through"
    + " every gate.")
final class PromoteCommand extends TealCommand {

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Override
  public Integer call() {
    return SpecEdit.apply(root, out(), name, spec -> spec.withPhase(DesiredPhase.PROMOTE));
  }
}
