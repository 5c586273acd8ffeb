package dev.teal.cli;

import dev.teal.document.InvalidDocumentException;
import dev.teal.document.Violation;
import dev.teal.aws.AwsException;
import dev.teal.store.AccessDeniedException;
import dev.teal.store.ChangeContext;
import dev.teal.store.TableNotFoundException;
import dev.teal.store.ConflictException;
import dev.teal.store.DeploymentStore;
import dev.teal.store.ItemLayout;
import dev.teal.store.NotFoundException;
import dev.teal.store.StoreUnavailableException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code teal}: edit, inspect and gate on BlueGreenDeployment documents in DynamoDB.
 *
 * <p>Each subcommand is a small {@code Callable<Integer>} that returns an exit code from
 * {@link ExitCodes}; failures are domain exceptions that {@link #exitCodeFor} maps to codes in one place.
 * {@link #run} is the whole command path with the environment injected, which is what the tests drive.
 */
@Command(name = "teal", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "teal 0.1.0",
    description = {"Declarative blue/green deployments for Amazon ECS: edit the BlueGreenDeployment documents"
        + " the teal operator converges.", "",
        "Region, credentials and endpoints come from the AWS SDK's standard chain and environment"
            + " (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_DYNAMODB)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        " 0:success; for status (watching), the desired state was reached",
        " 1:unexpected error",
        " 2:usage error (unknown option, missing argument, unreadable file)",
        " 3:invalid document (parse or validation error); nothing was written",
        " 4:conflict: changed by someone else since you read it; re-read and retry",
        " 5:not found",
        " 6:refused (delete with live task sets, pause with nothing in flight...)",
        " 7:status (watching) ended Degraded or Failed (the reason is printed)",
        " 8:status (watching) timed out",
        " 9:DynamoDB/AWS unreachable or unavailable",
        "10:access denied (credentials or IAM)",
        "11:the table is missing (teal init creates it)"})
public final class TealCli implements Runnable {

  static final String TABLE_VARIABLE = "TEAL_TABLE";

  /**
   * The subcommands, in the order {@code teal --help} lists them, each with the name its {@code @Command}
   * gives it (CommandsTest checks the two agree). They are registered here rather than in {@code @Command}
   * so that a command line naming one builds only that one: picocli reads every registered command's
   * annotations reflectively, and the sixteen it would not run cost {@code teal get} about a fifth of its
   * time (docs/benchmarks.md, 6c).
   */
  static final Map<String, Supplier<TealCommand>> SUBCOMMANDS = subcommands();

  private static Map<String, Supplier<TealCommand>> subcommands() {
    Map<String, Supplier<TealCommand>> commands = new LinkedHashMap<>();
    commands.put("init", InitCommand::new);
    commands.put("apply", ApplyCommand::new);
    commands.put("get", GetCommand::new);
    commands.put("describe", DescribeCommand::new);
    commands.put("set-image", SetImageCommand::new);
    commands.put("promote", PromoteCommand::new);
    commands.put("rollback", RollbackCommand::new);
    commands.put("history", HistoryCommand::new);
    commands.put("delete", DeleteCommand::new);
    commands.put("status", StatusCommand::new);
    commands.put("pause", PauseCommand::new);
    commands.put("resume", ResumeCommand::new);
    commands.put("abort", AbortCommand::new);
    commands.put("retry", RetryCommand::new);
    commands.put("undo", UndoCommand::new);
    commands.put("plan", PlanCommand::new);
    commands.put("diff", DiffCommand::new);
    return Collections.unmodifiableMap(commands);
  }

  @Option(names = "--table", scope = ScopeType.INHERIT, paramLabel = "TABLE",
      description = "DynamoDB table of the documents (default: $" + TABLE_VARIABLE + " or "
          + ItemLayout.DEFAULT_TABLE + ")")
  private String table;

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  private final CliEnvironment environment;
  private final String commandText;
  private DeploymentStore store;

  TealCli(CliEnvironment environment, String commandText) {
    this.environment = environment;
    this.commandText = commandText;
  }

  public static void main(String[] args) {
    int code;
    try (AwsEnvironment environment = new AwsEnvironment()) {
      code = run(args, environment, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
          new PrintWriter(System.err, true, StandardCharsets.UTF_8));
    }
    System.exit(code);
  }

  /** Runs {@code teal args...} against {@code environment}; returns the exit code. */
  public static int run(String[] args, CliEnvironment environment, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = commandLine(environment, args);
    commandLine.setOut(out);
    commandLine.setErr(err);
    try {
      return commandLine.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The command line with only the subcommands {@code args} can reach: the one they name, or else all. */
  static CommandLine commandLine(CliEnvironment environment, String[] args) {
    String named = namedSubcommand(args);
    return commandLine(environment, commandText(args), named == null ? SUBCOMMANDS.keySet() : List.of(named));
  }

  private static CommandLine commandLine(CliEnvironment environment, String commandText, Collection<String> names) {
    CommandLine commandLine = new CommandLine(new TealCli(environment, commandText));
    for (String name : names) {
      commandLine.addSubcommand(name, SUBCOMMANDS.get(name).get());
    }
    if (names.size() > 1) {
      commandLine.addSubcommand("help", new CommandLine.HelpCommand()); // teal help get, as kubectl help get
    }
    commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
      int code = exitCodeFor(e);
      cmd.getErr().println(errorMessage(e, code));
      return code;
    });
    return commandLine;
  }

  /**
   * The subcommand {@code args} run, when that is plain: the first argument that is not the root's
   * {@code --table TABLE}, if it names a subcommand. Anything else (help, version, an unknown option or
   * command, an {@code @file} of arguments, {@code --}) gets every subcommand, so picocli's usage and its
   * suggestions are what they always were.
   */
  static String namedSubcommand(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--table")) {
        i++;
      } else if (!arg.startsWith("--table=")) {
        return SUBCOMMANDS.containsKey(arg) ? arg : null;
      }
    }
    return null;
  }

  /** The exit code for a failure a command did not handle itself. */
  static int exitCodeFor(Throwable e) {
    if (e instanceof InvalidDocumentException) {
      return ExitCodes.INVALID_DOCUMENT;
    }
    if (e instanceof ConflictException) {
      return ExitCodes.CONFLICT;
    }
    if (e instanceof NotFoundException) {
      return ExitCodes.NOT_FOUND;
    }
    if (e instanceof RefusedException) {
      return ExitCodes.REFUSED;
    }
    if (e instanceof UsageException) {
      return ExitCodes.USAGE;
    }
    if (e instanceof AccessDeniedException || e instanceof AwsException aws && AwsAccess.denied(aws)) {
      return ExitCodes.ACCESS_DENIED;
    }
    if (e instanceof TableNotFoundException) {
      return ExitCodes.TABLE_MISSING;
    }
    if (e instanceof StoreUnavailableException || e instanceof AwsException aws && aws.isRetryable()) {
      return ExitCodes.UNAVAILABLE;
    }
    return ExitCodes.UNEXPECTED;
  }

  private static String errorMessage(Exception e, int code) {
    if (e instanceof InvalidDocumentException invalid) {
      String source = invalid instanceof SourcedInvalidDocument sourced ? sourced.source() + " is invalid" : "invalid";
      return "error: " + source + "; nothing was written:\n" + invalid.violations().stream()
          .map(Violation::toString).map(line -> "  " + line).collect(Collectors.joining("\n"));
    }
    if (code == ExitCodes.UNEXPECTED) {
      return "error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    return "error: " + e.getMessage();
  }

  private static String commandText(String[] args) {
    return "teal " + Arrays.stream(args)
        .map(arg -> arg.isEmpty() || arg.matches(".*[\\s'\"\\\\$`].*") ? "'" + arg.replace("'", "'\\''") + "'" : arg)
        .collect(Collectors.joining(" "));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (try teal --help)");
  }

  // What the subcommands share.

  CliEnvironment environment() {
    return environment;
  }

  String table() {
    if (table != null && !table.isBlank()) {
      return table;
    }
    String fromEnvironment = environment.variables().get(TABLE_VARIABLE);
    return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : ItemLayout.DEFAULT_TABLE;
  }

  synchronized DeploymentStore store() {
    if (store == null) {
      store = environment.store(table());
    }
    return store;
  }

  /** Who and what, for the audit record; asks STS only when a command is about to write. */
  ChangeContext changeContext() {
    return new ChangeContext(environment.callerIdentity().arn(), commandText);
  }

  /** A failure that is the caller's fault in how they called (exit 2), e.g. an unreadable file. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  /** A request teal declines to carry out (exit 6). */
  static final class RefusedException extends RuntimeException {
    RefusedException(String message) {
      super(message);
    }
  }

  /** An invalid document with the file it came from, for the error line. */
  static final class SourcedInvalidDocument extends InvalidDocumentException {
    private final String source;

    SourcedInvalidDocument(String source, InvalidDocumentException cause) {
      super(cause.violations());
      this.source = source;
    }

    String source() {
      return source;
    }
  }

  static <T> T orNotFound(String name, Supplier<java.util.Optional<T>> read) {
    return read.get().orElseThrow(() -> new NotFoundException(name));
  }
}
