package dev.teal.cli;

import dev.teal.model.DesiredPhase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "set-image", description = {"For CI: set spec.image and reset spec.phase to preview (or to"
    + " promote with --promote). Then gate on: teal status NAME --watch."})
final class SetImageCommand extends TealCommand {

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Parameters(index = "1", paramLabel = "IMAGE", description = "e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2")
  String image;

  @Option(names = "--promote", description = "set phase: promote, so the image goes to production once healthy"
      + " and analysed")
  boolean promote;

  @Override
  public Integer call() {
    DesiredPhase phase = promote ? DesiredPhase.PROMOTE : DesiredPhase.PREVIEW;
    return SpecEdit.apply(root, out(), name, spec -> spec.withImage(image).withPhase(phase));
  }
}
