package dev.teal.cli;

import dev.teal.document.DocumentDiff;
import dev.teal.document.DocumentValidator;
import dev.teal.document.FieldChange;
import dev.teal.document.InvalidDocumentException;
import dev.teal.document.Violation;
import dev.teal.model.DeploymentSpec;
import dev.teal.store.DeploymentStore;
import dev.teal.store.NotFoundException;
import dev.teal.store.StoredDeployment;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Read, change, conditional write: what set-image, promote and rollback share. The write is
 * conditional on the resourceVersion just read, so a concurrent change makes this a conflict rather
 * than a lost update.
 */
final class SpecEdit {

  private SpecEdit() {}

  static int apply(TealCli root, PrintWriter out, String name, UnaryOperator<DeploymentSpec> change) {
    return apply(root, out, name, (current, spec) -> change.apply(spec));
  }

  /**
   * As {@link #apply(TealCli, PrintWriter, String, UnaryOperator)}, with the document as read (its status
   * decides what some requests name, or whether they make sense at all: {@code change} throws
   * {@link TealCli.RefusedException} when not, and nothing is written).
   */
  static int apply(TealCli root, PrintWriter out, String name,
      java.util.function.BiFunction<StoredDeployment, DeploymentSpec, DeploymentSpec> change) {
    DeploymentStore store = root.store();
    StoredDeployment current = store.get(name).orElseThrow(() -> new NotFoundException(name));
    if (!current.specValid()) {
      List<Violation> problems = new ArrayList<>(current.specProblems());
      problems.add(0, new Violation("spec", "the stored spec has problems (a direct write?); fix them with"
          + " teal apply -f before editing it with this command"));
      throw new InvalidDocumentException(problems);
    }
    DeploymentSpec changed = change.apply(current, current.spec());
    List<Violation> violations = DocumentValidator.validateSpec(changed);
    if (!violations.isEmpty()) {
      throw new InvalidDocumentException(violations);
    }
    List<FieldChange> changes = DocumentDiff.specChanges(current.spec(), changed);
    if (changes.isEmpty()) {
      out.println(name + " unchanged (generation " + current.generation() + ")");
      return ExitCodes.OK;
    }
    StoredDeployment updated = store.updateSpec(name, current.resourceVersion(), changed, null, root.changeContext());
    out.println(name + " updated (generation " + updated.generation() + "):");
    changes.forEach(c -> out.println("  " + c));
    return ExitCodes.OK;
  }
}
