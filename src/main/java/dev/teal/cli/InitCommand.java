package dev.teal.cli;

import dev.teal.store.TableSetup;
import picocli.CommandLine.Command;

@Command(name = "init", description = {"Create the documents table if it is missing (on-demand, streams"
    + " NEW_AND_OLD_IMAGES, and in real AWS point-in-time recovery and encryption). Safe to run again."})
final class InitCommand extends TealCommand {

  @Override
  public Integer call() {
    TableSetup.Result result = TableSetup.ensureTable(root.environment().dynamoDb(), root.table());
    result.notes().forEach(note -> out().println(note));
    out().println("table " + result.table() + " is ready");
    return ExitCodes.OK;
  }
}
