package dev.teal.cli;

import dev.teal.aws.TaskDefinitionInfo;
import dev.teal.document.InvalidDocumentException;
import dev.teal.document.Violation;
import dev.teal.model.DeploymentSpec;
import java.util.List;
import java.util.Optional;

/**
 * Containers a spec sets images for must be in its task definition: checked before anything is written
 * when the spec names more than {@code spec.container} (one DescribeTaskDefinition; a family means its
 * newest ACTIVE revision, whose containers teal's own copies share).
 */
final class ContainerCheck {

  private ContainerCheck() {}

  static void require(TealCli root, DeploymentSpec spec) {
    if (spec.images() == null || spec.images().keySet().stream().allMatch(c -> c.equals(spec.container()))) {
      return;
    }
    Optional<TaskDefinitionInfo> definition = root.environment().ecs().describeTaskDefinition(spec.taskDefinition());
    if (definition.isEmpty()) {
      return; // the operator reports a task definition it cannot read
    }
    var containers = definition.get().containerImages().keySet();
    List<Violation> missing = spec.images().keySet().stream().filter(c -> !containers.contains(c)).sorted()
        .map(c -> new Violation("spec.images." + c, "task definition " + definition.get().arn()
            + " has no container named " + c + " (it has " + containers.stream().sorted().toList() + ")"))
        .toList();
    if (!missing.isEmpty()) {
      throw new InvalidDocumentException(missing);
    }
  }
}
