package dev.teal.cli;

import dev.teal.document.DocumentCodec;
import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.DeploymentStatus;
import dev.teal.store.StoredDeployment;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "get", description = {"List deployments, or show one.",
    "Columns: NAME, IMAGE (spec.image), PHASE (spec.phase), STATUS (status.phase), STABLE and PREVIEW"
        + " (their images), TRAFFIC (production weights, stable/preview), AGE."})
final class GetCommand extends TealCommand {

  enum Format { yaml, json }

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "one deployment (default: all)")
  String name;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "yaml or json: full documents")
  Format format;

  @Override
  public Integer call() {
    List<StoredDeployment> deployments = name == null ? store().list()
        : List.of(TealCli.orNotFound(name, () -> store().get(name)));
    if (format != null) {
      out().print(render(deployments.stream().map(StoredDeployment::document).toList(), format, name != null));
      return ExitCodes.OK;
    }
    if (deployments.isEmpty()) {
      err().println("No deployments found in table " + root.table() + ".");
      return ExitCodes.OK;
    }
    out().print(table(deployments, root.environment().clock().instant()));
    return ExitCodes.OK;
  }

  static String render(List<BlueGreenDeployment> documents, Format format, boolean single) {
    if (format == Format.json) {
      return (single ? DocumentCodec.toJson(documents.get(0)) : DocumentCodec.toJson(documents)) + "\n";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < documents.size(); i++) {
      out.append(i > 0 ? "---\n" : "").append(DocumentCodec.toYaml(documents.get(i)));
    }
    return out.toString();
  }

  static String table(List<StoredDeployment> deployments, Instant now) {
    TextTable table = new TextTable("NAME", "IMAGE", "PHASE", "STATUS", "STABLE", "PREVIEW", "TRAFFIC", "AGE");
    for (StoredDeployment d : deployments) {
      DeploymentStatus status = d.status();
      table.row(d.name(),
          d.spec() == null ? Summaries.NONE : Summaries.orNone(d.spec().image()),
          d.spec() == null ? Summaries.NONE : d.effectiveSpec().phase().wireName(),
          Summaries.statusPhase(d),
          Summaries.image(status == null ? null : status.stable()),
          Summaries.image(status == null ? null : status.preview()),
          Summaries.productionTraffic(status),
          Summaries.age(d.document().metadata().creationTimestamp(), now));
    }
    return table.render();
  }
}
