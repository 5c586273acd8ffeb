package dev.teal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teal.document.DocumentCodec;
import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.DeploymentStatus;
import dev.teal.store.StoredDeployment;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "get", description = {"List deployments, or show one.",
    "Columns: NAME, IMAGE (spec.image), PHASE (spec.phase), STATUS (status.phase), STABLE and PREVIEW"
        + " (their images), TRAFFIC (production weights, stable/preview), AGE; -o wide adds GENERATION"
        + " (observed/current), PAUSED (by whom, since when) and MESSAGE."})
final class GetCommand extends TealCommand {

  enum Format { yaml, json }

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "one deployment (default: all)")
  String name;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "yaml or json (full documents), wide,"
      + " name, or jsonpath=TEMPLATE (kubectl's .field, [n] and [*], e.g. jsonpath={.status.phase})")
  String output;

  @Option(names = {"-l", "--selector"}, paramLabel = "KEY=VALUE[,KEY=VALUE...]", description = "only deployments"
      + " with all these labels")
  String selector;

  @Override
  public Integer call() {
    Map<String, String> wanted = selector();
    List<StoredDeployment> deployments = (name == null ? store().list()
        : List.of(TealCli.orNotFound(name, () -> store().get(name)))).stream()
        .filter(d -> matches(d, wanted)).toList();
    boolean single = name != null;
    String format = output == null ? "" : output;
    if (format.equals("yaml") || format.equals("json")) {
      out().print(render(deployments.stream().map(StoredDeployment::document).toList(), Format.valueOf(format),
          single));
      return ExitCodes.OK;
    }
    if (format.equals("name")) {
      deployments.forEach(d -> out().println(d.name()));
      return ExitCodes.OK;
    }
    if (format.startsWith("jsonpath=")) {
      out().print(jsonpath(format.substring("jsonpath=".length()), deployments, single));
      return ExitCodes.OK;
    }
    if (!format.isEmpty() && !format.equals("wide")) {
      throw new TealCli.UsageException("-o must be yaml, json, wide, name or jsonpath=TEMPLATE (was " + output + ")");
    }
    if (deployments.isEmpty()) {
      err().println("No deployments found in table " + root.table() + (wanted.isEmpty() ? "" : " with labels "
          + selector) + ".");
      return ExitCodes.OK;
    }
    Instant now = root.environment().clock().instant();
    out().print(format.equals("wide") ? wideTable(deployments, now) : table(deployments, now));
    return ExitCodes.OK;
  }

  private Map<String, String> selector() {
    Map<String, String> wanted = new LinkedHashMap<>();
    if (selector == null) {
      return wanted;
    }
    for (String term : selector.split(",")) {
      int eq = term.indexOf('=');
      if (eq <= 0) {
        throw new TealCli.UsageException("-l takes KEY=VALUE terms separated by commas (was " + selector + ")");
      }
      wanted.put(term.substring(0, eq).trim(), term.substring(eq + 1).trim());
    }
    return wanted;
  }

  private static boolean matches(StoredDeployment d, Map<String, String> wanted) {
    Map<String, String> labels = d.document().metadata().labels() == null ? Map.of() : d.document().metadata().labels();
    return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  static String jsonpath(String template, List<StoredDeployment> deployments, boolean single) {
    JsonNode root;
    if (single) {
      root = DocumentCodec.toTree(deployments.get(0).document());
    } else {
      ObjectNode list = JsonNodeFactory.instance.objectNode();
      var items = list.putArray("items");
      deployments.forEach(d -> items.add(DocumentCodec.toTree(d.document())));
      root = list;
    }
    String text = JsonPath.render(template, root);
    return text.endsWith("\n") ? text : text + "\n";
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
      table.row(columns(d, now).toArray(String[]::new));
    }
    return table.render();
  }

  static String wideTable(List<StoredDeployment> deployments, Instant now) {
    TextTable table = new TextTable("NAME", "IMAGE", "PHASE", "STATUS", "STABLE", "PREVIEW", "TRAFFIC", "AGE",
        "GENERATION", "PAUSED", "MESSAGE");
    for (StoredDeployment d : deployments) {
      List<String> row = new java.util.ArrayList<>(columns(d, now));
      DeploymentStatus status = d.status();
      row.add((status == null || status.observedGeneration() == null ? "-" : status.observedGeneration()) + "/"
          + d.generation());
      row.add(Summaries.paused(status));
      row.add(status == null ? Summaries.NONE : Summaries.orNone(status.message()));
      table.row(row.toArray(String[]::new));
    }
    return table.render();
  }

  private static List<String> columns(StoredDeployment d, Instant now) {
    DeploymentStatus status = d.status();
    return List.of(d.name(),
        d.spec() == null ? Summaries.NONE : Summaries.orNone(d.effectiveSpec().image()),
        d.spec() == null ? Summaries.NONE : d.effectiveSpec().phase().wireName(),
        Summaries.statusPhase(d),
        Summaries.image(status == null ? null : status.stable()),
        Summaries.image(status == null ? null : status.preview()),
        Summaries.productionTraffic(status),
        Summaries.age(d.document().metadata().creationTimestamp(), now));
  }
}
