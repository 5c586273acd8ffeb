package dev.teal.cli;

import dev.teal.model.DeploymentSpec;
import dev.teal.store.StoredDeployment;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "delete", description = {"Delete a deployment document. This stops teal managing it and deletes"
    + " NOTHING in AWS: task sets, target groups and listener rules stay as they are.",
    "Refused while ECS shows task sets tagged teal.dev/deployment=NAME in the deployment's service, unless --force."})
final class DeleteCommand extends TealCommand {

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = "--force", description = "delete even while teal-owned task sets are live")
  boolean force;

  @Override
  public Integer call() {
    StoredDeployment current = TealCli.orNotFound(name, () -> store().get(name));
    if (!force) {
      DeploymentSpec spec = current.spec();
      if (spec == null || spec.cluster() == null || spec.service() == null) {
        throw new TealCli.RefusedException("refusing to delete " + name + ": its spec cannot be read, so its task"
            + " sets cannot be checked; pass --force to delete the document anyway (nothing in AWS is deleted)");
      }
      List<String> live = root.environment().taskSets().liveTaskSets(spec.cluster(), spec.service(), name);
      if (!live.isEmpty()) {
        throw new TealCli.RefusedException("refusing to delete " + name + ": " + live.size() + " teal-owned task"
            + " set(s) are still live in service " + spec.cluster() + "/" + spec.service() + " (" + String.join(", ", live)
            + "). Deleting the document would leave them running unmanaged; roll back or clean up first, or pass"
            + " --force (nothing in AWS is deleted either way)");
      }
    }
    store().delete(name, current.resourceVersion(), root.changeContext());
    out().println(name + " deleted; teal no longer manages it and nothing in AWS was deleted");
    return ExitCodes.OK;
  }
}
