package dev.teal.cli;

import dev.teal.store.DeploymentStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** What every subcommand has: the root command's services and the output streams. */
abstract class TealCommand implements Callable<Integer> {

  @CommandLine.ParentCommand
  TealCli root;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  DeploymentStore store() {
    return root.store();
  }
}
