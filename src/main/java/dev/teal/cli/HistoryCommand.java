package dev.teal.cli;

import dev.teal.store.AuditRecord;
import dev.teal.store.NotFoundException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "history", description = "Show who changed a deployment's spec, when, with which command, and"
    + " what changed from what to what; newest first. Kept after delete.")
final class HistoryCommand extends TealCommand {

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Override
  public Integer call() {
    List<AuditRecord> records = store().history(name);
    if (records.isEmpty()) {
      throw new NotFoundException(name, "no document and no history by that name");
    }
    records.forEach(record -> {
      out().println(record.at() + "  generation " + record.generation() + "  " + record.actor() + "  "
          + record.command());
      record.changes().forEach(change -> out().println("    " + change));
    });
    return ExitCodes.OK;
  }
}
