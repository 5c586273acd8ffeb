package dev.teal.cli;

import dev.teal.document.DocumentDiff;
import dev.teal.document.FieldChange;
import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.reconcile.PlanPreview;
import dev.teal.store.StoredDeployment;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "diff", description = {"Show what applying FILE would change: the spec's fields (as apply"
    + " --dry-run does), and container by container what green would run that production does not (images,"
    + " and which other settings of each container definition and of the task differ). Read only."})
final class DiffCommand extends TealCommand {

  @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE", description = "the document (- for"
      + " standard input)")
  String file;

  @Override
  public Integer call() {
    BlueGreenDeployment document = DocumentFile.read(root, file);
    String name = document.name();
    Optional<StoredDeployment> stored = store().get(name);
    DeploymentSpec proposed = ApplyCommand.keepControl(document.spec(), stored.map(StoredDeployment::spec).orElse(null));
    List<FieldChange> changes = DocumentDiff.between(stored.map(d -> d.document().metadata().labels()).orElse(null),
        stored.map(StoredDeployment::spec).orElse(null),
        document.metadata().labels() == null ? Map.of() : document.metadata().labels(), proposed);
    out().println(name + (stored.isEmpty() ? " does not exist yet; applying would create it:" : changes.isEmpty()
        ? ": no field changes" : ": field changes:"));
    changes.forEach(c -> out().println("  " + c));
    DeploymentStatus status = stored.map(StoredDeployment::status).orElse(null);
    PlanPreview.Result plan = Plans.plan(root, name, stored.map(StoredDeployment::generation).orElse(0L), proposed,
        status);
    out().print(PlanPreview.renderContainers(plan.containers()));
    return ExitCodes.OK;
  }
}
