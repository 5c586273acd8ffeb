package dev.teal.cli;

import dev.teal.document.DocumentDiff;
import dev.teal.document.FieldChange;
import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.store.ConflictException;
import dev.teal.store.NotFoundException;
import dev.teal.store.StoredDeployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "apply", description = {
    "Create or update a deployment from a YAML or JSON file (- reads standard input).",
    "The file is checked strictly (unknown fields, duplicate keys, types, every rule) and nothing is"
        + " written unless all of it is valid. A status block is refused: the operator writes status.",
    "If the file carries metadata.resourceVersion, the stored document must still have it (like"
        + " kubectl replace); otherwise the version just read is used, so a concurrent change is a conflict."})
final class ApplyCommand extends TealCommand {

  @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE",
      description = "the document to apply, or - for standard input")
  String file;

  @Option(names = "--dry-run", description = "print the field-by-field changes and, below them, what the operator"
      + " would do (teal plan); write nothing")
  boolean dryRun;

  @Override
  public Integer call() {
    BlueGreenDeployment document = DocumentFile.read(root, file);
    String name = document.name();
    Optional<StoredDeployment> existing = store().get(name);
    if (existing.isEmpty() || namesOtherResources(existing.get().spec(), document.spec())) {
      warnAboutOtherDeployments(document);
    }
    Long fileVersion = document.metadata().resourceVersion();
    Map<String, String> labels = document.metadata().labels() == null ? Map.of() : document.metadata().labels();
    if (existing.isEmpty()) {
      if (fileVersion != null) {
        throw new NotFoundException(name, "the file names resourceVersion " + fileVersion
            + ": remove metadata.resourceVersion to create it");
      }
      ContainerCheck.require(root, document.spec());
      List<FieldChange> changes = DocumentDiff.between(null, null, labels, document.spec());
      if (dryRun) {
        out().println(name + " would be created (dry run, nothing written):");
        changes.forEach(change -> out().println("  " + change));
        printPlan(name, 1, document.spec(), null);
        return ExitCodes.OK;
      }
      StoredDeployment created = store().create(document, root.changeContext());
      out().println(name + " created (generation " + created.generation() + ", resourceVersion "
          + created.resourceVersion() + ")");
      return ExitCodes.OK;
    }
    StoredDeployment current = existing.get();
    if (fileVersion != null && fileVersion != current.resourceVersion()) {
      throw ConflictException.changedSince(name, fileVersion);
    }
    DeploymentSpec spec = keepControl(document.spec(), current.spec());
    List<FieldChange> changes = DocumentDiff.between(current.document().metadata().labels(), current.spec(),
        labels, spec);
    if (changes.isEmpty()) {
      out().println(name + " unchanged (generation " + current.generation() + ")");
      return ExitCodes.OK;
    }
    ContainerCheck.require(root, spec);
    if (dryRun) {
      out().println(name + " would be changed (dry run, nothing written):");
      changes.forEach(change -> out().println("  " + change));
      printPlan(name, current.generation() + 1, spec, current.status());
      return ExitCodes.OK;
    }
    StoredDeployment updated = store().updateSpec(name, current.resourceVersion(), spec, labels,
        root.changeContext());
    out().println(name + " configured (generation " + updated.generation() + ", resourceVersion "
        + updated.resourceVersion() + "):");
    changes.forEach(change -> out().println("  " + change));
    return ExitCodes.OK;
  }

  /**
   * Says early, when a document is created or moved to another service or routes, that another document
   * names the same ECS service or one of the same routes: the operator will refuse this one (phase Failed)
   * while that one exists. Only a warning: the operator enforces it, and
   * a claim of a document being deleted is about to be void anyway.
   */
  private void warnAboutOtherDeployments(BlueGreenDeployment document) {
    DeploymentSpec mine = document.spec();
    for (StoredDeployment other : store().list()) {
      DeploymentSpec theirs = other.spec();
      if (other.name().equals(document.name()) || theirs == null) {
        continue;
      }
      List<String> shared = new ArrayList<>();
      if (Objects.equals(theirs.cluster(), mine.cluster()) && Objects.equals(theirs.service(), mine.service())) {
        shared.add("ECS service " + mine.cluster() + "/" + mine.service());
      }
      routesOf(mine).stream().filter(routesOf(theirs)::contains).forEach(route -> shared.add("route " + route));
      if (!shared.isEmpty()) {
        err().println("warning: deployment '" + other.name() + "' already names " + String.join(" and ", shared)
            + "; the operator refuses " + document.name() + " (phase Failed) while '" + other.name()
            + "' exists. To move a service between documents, teal delete '" + other.name() + "' first.");
      }
    }
  }

  /** Whether an update moves the document to another service or other routes (where a conflict can start). */
  private static boolean namesOtherResources(DeploymentSpec before, DeploymentSpec after) {
    return before == null || !Objects.equals(before.cluster(), after.cluster())
        || !Objects.equals(before.service(), after.service()) || !routesOf(before).equals(routesOf(after));
  }

  private static List<String> routesOf(DeploymentSpec spec) {
    List<String> routes = new ArrayList<>();
    if (spec.traffic() != null) {
      Stream.of(spec.traffic().productionRule(), spec.traffic().productionListener(), spec.traffic().testRule())
          .filter(Objects::nonNull).forEach(routes::add);
    }
    return routes;
  }

  /**
   * The spec to write: the file's, keeping the stored {@code spec.control} when the file has no control
   * block, so applying the usual file during a pause does not lift the pause (write {@code control: {}}
   * to clear the requests).
   */
  static DeploymentSpec keepControl(DeploymentSpec fromFile, DeploymentSpec stored) {
    if (fromFile.control() != null || stored == null || stored.control() == null) {
      return fromFile.control() != null && fromFile.control().isEmpty() ? fromFile.withControl(null) : fromFile;
    }
    return fromFile.withControl(stored.control());
  }

  /** The plan below the field diff; a dry run still succeeds when AWS cannot be read for it. */
  private void printPlan(String name, long generation, DeploymentSpec spec, DeploymentStatus status) {
    try {
      out().println();
      out().print(Plans.plan(root, name, generation, spec, status).render());
    } catch (RuntimeException e) {
      err().println("note: no plan (" + e.getMessage() + "); teal plan " + name + " -f FILE says why with its exit"
          + " code");
    }
  }
}
