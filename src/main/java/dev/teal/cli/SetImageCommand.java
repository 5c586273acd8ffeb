package dev.teal.cli;

import dev.teal.document.DocumentValidator;
import dev.teal.document.InvalidDocumentException;
import dev.teal.document.Violation;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DesiredPhase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "set-image", description = {"For CI: set spec.image (or several containers' images at once:"
    + " web=repo:tag sidecar=repo:tag) and reset spec.phase to preview (or to promote with --promote). Then gate"
    + " on: teal status NAME.",
    "spec.container's image goes into spec.image, the others into spec.images; every container named must be"
    + " in the task definition."})
final class SetImageCommand extends TealCommand {

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE", description = "an image for spec.container,"
      + " e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2, or CONTAINER=IMAGE for each container")
  List<String> images;

  @Option(names = "--promote", description = "set phase: promote, so the image goes to production once healthy"
      + " and analysed")
  boolean promote;

  @Override
  public Integer call() {
    DesiredPhase phase = promote ? DesiredPhase.PROMOTE : DesiredPhase.PREVIEW;
    Map<String, String> byContainer = parse();
    return SpecEdit.apply(root, out(), name, (current, spec) -> {
      DeploymentSpec changed = withImages(spec, byContainer).withPhase(phase);
      ContainerCheck.require(root, changed);
      return changed;
    });
  }

  /** CONTAINER=IMAGE pairs, or one bare image (key null: spec.container). */
  private Map<String, String> parse() {
    Map<String, String> out = new LinkedHashMap<>();
    List<Violation> violations = new ArrayList<>();
    boolean bare = images.stream().anyMatch(i -> !i.contains("="));
    if (bare && images.size() > 1) {
      throw new TealCli.UsageException("give one IMAGE, or CONTAINER=IMAGE for each container (was "
          + String.join(" ", images) + ")");
    }
    for (String arg : images) {
      int eq = arg.indexOf('=');
      String container = eq < 0 ? null : arg.substring(0, eq);
      String image = eq < 0 ? arg : arg.substring(eq + 1);
      String path = container == null ? "spec.image" : "spec.images." + container;
      violations.addAll(DocumentValidator.validateImage(path, image));
      if (out.put(container, image) != null) {
        throw new TealCli.UsageException("container " + container + " is named twice");
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidDocumentException(violations);
    }
    return out;
  }

  static DeploymentSpec withImages(DeploymentSpec spec, Map<String, String> byContainer) {
    DeploymentSpec next = spec;
    Map<String, String> sidecars = spec.images() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(spec.images());
    for (var entry : byContainer.entrySet()) {
      String container = entry.getKey() == null ? spec.container() : entry.getKey();
      if (container.equals(spec.container())) {
        next = next.withImage(entry.getValue());
        sidecars.computeIfPresent(container, (c, old) -> entry.getValue());
      } else {
        sidecars.put(container, entry.getValue());
      }
    }
    return next.withImages(sidecars.isEmpty() ? null : sidecars);
  }
}
