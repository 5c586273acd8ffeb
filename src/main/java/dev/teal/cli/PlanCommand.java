package dev.teal.cli;

import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.store.NotFoundException;
import dev.teal.store.StoredDeployment;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plan", description = {"Show what the operator would do next, computed by the operator's own"
    + " planner from the live AWS state and the stored spec (or the one in FILE): the actions in order, each as"
    + " the AWS call and its target, the waits between them, and what the status would say.",
    "Read only: it calls only Describe* (no analysis requests either). What it shows after the first wait is a"
    + " prediction, as if every wait ended well, and says so."})
final class PlanCommand extends TealCommand {

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = {"-f", "--filename"}, paramLabel = "FILE", description = "plan for this document instead of the"
      + " stored spec (- reads standard input)")
  String file;

  @Override
  public Integer call() {
    Optional<StoredDeployment> stored = store().get(name);
    DeploymentSpec spec;
    long generation;
    if (file != null) {
      BlueGreenDeployment document = DocumentFile.read(root, file);
      if (!name.equals(document.name())) {
        throw new TealCli.UsageException(file + " is the document of " + document.name() + ", not " + name);
      }
      spec = ApplyCommand.keepControl(document.spec(), stored.map(StoredDeployment::spec).orElse(null));
      generation = stored.map(d -> d.generation() + 1).orElse(1L);
    } else {
      StoredDeployment d = stored.orElseThrow(() -> new NotFoundException(name));
      if (!d.specValid()) {
        throw new TealCli.RefusedException("the stored spec of " + name + " does not validate, so the operator"
            + " does nothing with it: " + d.specProblems());
      }
      spec = d.spec();
      generation = d.generation();
    }
    DeploymentStatus status = stored.map(StoredDeployment::status).orElse(null);
    out().print(Plans.plan(root, name, generation, spec, status).render());
    return ExitCodes.OK;
  }
}
