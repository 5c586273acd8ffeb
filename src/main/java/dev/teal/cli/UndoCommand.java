package dev.teal.cli;

import dev.teal.model.ControlSpec;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DesiredPhase;
import dev.teal.model.ProductionRevision;
import dev.teal.store.NotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "undo", description = {"Set the spec back to a revision that served production before (from"
    + " status.history, which teal history lists) and promote it through the normal path: preview, analysis,"
    + " steps. Without --to-revision, the one before the current. Its images are set back, and its task"
    + " definition when that differs from the current one's.",
    "teal rollback stays the instant flip back to blue."})
final class UndoCommand extends TealCommand {

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = "--to-revision", paramLabel = "N", description = "the revision number (teal history shows them)")
  Integer toRevision;

  @Override
  public Integer call() {
    return SpecEdit.apply(root, out(), name, (current, spec) -> {
      List<ProductionRevision> history = ControlRequests.status(current).history();
      if (history.isEmpty()) {
        throw ControlRequests.refused("no revision of " + name + " has served production yet: nothing to undo to");
      }
      ProductionRevision newest = history.get(history.size() - 1);
      ProductionRevision to = target(history, newest);
      return undoTo(spec, to, newest);
    });
  }

  private ProductionRevision target(List<ProductionRevision> history, ProductionRevision newest) {
    if (toRevision == null) {
      if (history.size() < 2) {
        throw ControlRequests.refused("revision " + newest.number() + " (" + newest.image() + ") is the only one of "
            + name + " that served production: nothing before it to undo to");
      }
      return history.get(history.size() - 2);
    }
    return history.stream().filter(h -> h.number() == toRevision).findFirst().orElseThrow(() ->
        NotFoundException.saying(name + " has no revision " + toRevision + " in its history (it keeps "
            + history.stream().map(h -> String.valueOf(h.number())).collect(Collectors.joining(", "))
            + "; teal history " + name + " lists them); nothing was written"));
  }

  static DeploymentSpec undoTo(DeploymentSpec spec, ProductionRevision to, ProductionRevision newest) {
    DeploymentSpec next = spec.withImage(to.image()).withPhase(DesiredPhase.PROMOTE);
    Map<String, String> images = spec.images() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(spec.images());
    if (to.images() != null) {
      images.putAll(to.images());
    }
    if (images.containsKey(spec.container())) {
      images.put(spec.container(), to.image());
    }
    next = next.withImages(images.isEmpty() ? null : images);
    if (to.taskDefinition() != null && !Objects.equals(to.taskDefinition(), newest.taskDefinition())) {
      next = next.withTaskDefinition(to.taskDefinition()); // the template changed since: pin the one it ran
    }
    ControlSpec control = spec.controlOrNone();
    return next.withControl(control.withAbort(null).withResume(null).withFullPromotion(null));
  }
}
