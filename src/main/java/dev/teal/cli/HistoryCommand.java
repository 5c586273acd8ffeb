package dev.teal.cli;

import dev.teal.model.ProductionRevision;
import dev.teal.store.AuditRecord;
import dev.teal.store.NotFoundException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "history", description = {"Show the revisions that served production (the numbers teal undo"
    + " --to-revision takes), then who changed the deployment's spec, when, with which command, and what changed"
    + " from what to what; newest first. The changes are kept after delete."})
final class HistoryCommand extends TealCommand {

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Override
  public Integer call() {
    List<AuditRecord> records = store().history(name);
    if (records.isEmpty()) {
      throw new NotFoundException(name, "no document and no history by that name");
    }
    var revisions = store().get(name).map(d -> d.status() == null ? List.<ProductionRevision>of()
        : d.status().history()).orElse(List.of());
    if (!revisions.isEmpty()) {
      out().println("Revisions that served production (teal undo " + name + " --to-revision N):");
      TextTable table = new TextTable("N", "REVISION", "IMAGE", "TASK DEFINITION", "SINCE");
      for (ProductionRevision r : revisions.reversed()) {
        table.row(String.valueOf(r.number()), r.revision(), r.images() == null ? r.image() : r.images().entrySet()
            .stream().map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(",")),
            Summaries.orNone(r.taskDefinition() == null ? null
                : r.taskDefinition().substring(r.taskDefinition().lastIndexOf('/') + 1)),
            Summaries.orNone(r.since()));
      }
      table.render().lines().forEach(l -> out().println("  " + l));
      out().println("Changes:");
    }
    records.forEach(record -> {
      out().println(record.at() + "  generation " + record.generation() + "  " + record.actor() + "  "
          + record.command());
      record.changes().forEach(change -> out().println("    " + change));
    });
    return ExitCodes.OK;
  }
}
