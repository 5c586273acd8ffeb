package dev.teal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teal.document.DocumentCodec;
import dev.teal.document.SpecDefaults;
import dev.teal.model.Condition;
import dev.teal.model.DeploymentEvent;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.ObjectMeta;
import dev.teal.model.RevisionStatus;
import dev.teal.store.StoredDeployment;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "describe", description = "Show a deployment in full: metadata, spec (defaults marked), status,"
    + " conditions and recent events.")
final class DescribeCommand extends TealCommand {

  static final int RECENT_EVENTS = 10;
  private static final Pattern PLAIN_SCALAR = Pattern.compile("[A-Za-z0-9_/.@-][A-Za-z0-9_/.:@ ,-]*");
  private static final Pattern LOOKS_TYPED =
      Pattern.compile("(?i)true|false|null|yes|no|on|off|~|[-+]?[0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?|.*:\\s.*|.*\\s#.*|.*:");

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Override
  public Integer call() {
    StoredDeployment d = TealCli.orNotFound(name, () -> store().get(name));
    out().print(describe(d, root.environment().clock().instant()));
    return ExitCodes.OK;
  }

  static String describe(StoredDeployment d, Instant now) {
    StringBuilder out = new StringBuilder();
    ObjectMeta meta = d.document().metadata();
    DeploymentStatus status = d.status();
    line(out, "Name", d.name());
    line(out, "Labels", meta.labels() == null || meta.labels().isEmpty() ? Summaries.NONE
        : meta.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")));
    line(out, "Generation", d.generation() + (status == null || status.observedGeneration() == null ? ""
        : " (status observed " + status.observedGeneration() + ")"));
    line(out, "Resource version", Long.toString(d.resourceVersion()));
    line(out, "Spec hash", d.specHash() + (status == null || status.observedSpecHash() == null ? ""
        : d.specHash().equals(status.observedSpecHash()) ? " (observed by the operator)"
        : " (operator last observed " + status.observedSpecHash() + ")"));
    line(out, "Created", Summaries.orNone(meta.creationTimestamp()) + " (" + Summaries.age(meta.creationTimestamp(), now)
        + " ago)");
    line(out, "Updated", Summaries.orNone(meta.updatedAt()) + " by " + Summaries.orNone(meta.updatedBy()));
    out.append("Spec:").append(d.spec() == null ? " (cannot be read, see problems)\n" : "  (# default: not written, filled in)\n");
    if (d.spec() != null) {
      renderTree(out, DocumentCodec.toTree(SpecDefaults.apply(d.spec())), DocumentCodec.toTree(d.spec()), "  ");
    }
    if (!d.specProblems().isEmpty()) {
      out.append("Spec problems (the operator will not act on this spec; fix it with teal apply):\n");
      d.specProblems().forEach(v -> out.append("  ").append(v).append('\n'));
    }
    out.append("Status:\n");
    if (status == null) {
      out.append("  (none yet: the operator has not reported on this deployment)\n");
      return out.toString();
    }
    line(out, "  Phase", Summaries.orNone(status.phase() == null ? null : status.phase().wireName()));
    line(out, "  Message", Summaries.orNone(status.message()));
    line(out, "  Stable", revision(status.stable()));
    line(out, "  Preview", revision(status.preview()));
    line(out, "  Previous", revision(status.previous()));
    line(out, "  Traffic", "production " + Summaries.productionTraffic(status) + " (stable/preview)");
    if (status.promotion() != null) {
      line(out, "  Promotion", "step " + status.promotion().step() + " at weight " + status.promotion().weight()
          + " since " + Summaries.orNone(status.promotion().stepStartedAt())
          + (status.promotion().bakeStartedAt() == null ? "" : ", baking since " + status.promotion().bakeStartedAt()));
    }
    if (status.analysis() != null) {
      line(out, "  Analysis", status.analysis().stage() + ": " + (status.analysis().inProgress() ? "running"
          : status.analysis().passed() ? "passed" : "failed")
          + " (" + status.analysis().failures() + "/" + status.analysis().requests() + " failed) "
          + Summaries.orNone(status.analysis().message()));
    }
    if (status.gates() != null && !status.gates().alarms().isEmpty()) {
      line(out, "  Alarm gate", status.gates().alarms().stream().map(a -> a.name() + " " + a.state())
          .collect(Collectors.joining(", ")));
    }
    if (status.gates() != null) {
      status.gates().metrics().forEach(m -> line(out, "  Metric gate", metricGate(m)));
    }
    if (status.aborted() != null) {
      line(out, "  Aborted", status.aborted().image() + ": " + status.aborted().reason() + ": "
          + status.aborted().message());
    }
    for (var hook : status.hooks()) {
      line(out, "  Hook", hook.name() + " (" + hook.kind() + ", " + hook.point() + " " + hook.stage() + "): "
          + hook.state() + (hook.taskArn() == null ? "" : ", task " + hook.taskArn()) + ": "
          + Summaries.orNone(hook.message()));
    }
    if (status.paused() != null) {
      line(out, "  Paused", status.paused().reason() + ", " + Summaries.paused(status)
          + (status.paused().weight() == null ? "" : ", production at " + status.paused().weight() + "% green"));
    }
    if (!status.history().isEmpty()) {
      var newest = status.history().get(status.history().size() - 1);
      line(out, "  History", status.history().size() + " revisions served production, the newest " + newest.number()
          + " (" + newest.image() + "); teal history lists them");
    }
    out.append("Conditions:\n");
    List<Condition> conditions = status.conditions() == null ? List.of() : status.conditions();
    if (conditions.isEmpty()) {
      out.append("  (none)\n");
    } else {
      TextTable table = new TextTable("TYPE", "STATUS", "REASON", "AGE", "MESSAGE");
      conditions.forEach(c -> table.row(c.type(), c.status(), c.reason(), Summaries.age(c.lastTransitionTime(), now),
          c.message()));
      table.render().lines().forEach(l -> out.append("  ").append(l).append('\n'));
    }
    out.append("Events:\n");
    List<DeploymentEvent> events = status.events() == null ? List.of() : status.events();
    if (events.isEmpty()) {
      out.append("  (none)\n");
    } else {
      TextTable table = new TextTable("AGE", "TYPE", "REASON", "MESSAGE");
      events.subList(Math.max(0, events.size() - RECENT_EVENTS), events.size())
          .forEach(e -> table.row(Summaries.age(e.time(), now), e.type(), e.reason(), e.message()));
      table.render().lines().forEach(l -> out.append("  ").append(l).append('\n'));
    }
    return out.toString();
  }

  /** YAML-like lines for {@code effective}; leaves missing from {@code written} are marked {@code # default}. */
  static void renderTree(StringBuilder out, JsonNode effective, JsonNode written, String indent) {
    effective.fields().forEachRemaining(field -> {
      JsonNode writtenChild = written == null ? null : written.get(field.getKey());
      if (field.getValue().isObject()) {
        out.append(indent).append(field.getKey()).append(":\n");
        renderTree(out, field.getValue(), writtenChild, indent + "  ");
        return;
      }
      out.append(indent).append(field.getKey()).append(": ").append(scalar(field.getValue()));
      if (writtenChild == null || writtenChild.isNull()) {
        out.append("  # default");
      }
      out.append('\n');
    });
  }

  static String scalar(JsonNode node) {
    if (node.isArray()) {
      StringBuilder list = new StringBuilder("[");
      node.forEach(item -> list.append(list.length() > 1 ? ", " : "").append(scalar(item)));
      return list.append(']').toString();
    }
    if (!node.isTextual()) {
      return node.toString();
    }
    String text = node.asText();
    return PLAIN_SCALAR.matcher(text).matches() && !LOOKS_TYPED.matcher(text).matches() ? text : node.toString();
  }

  private static String revision(RevisionStatus revision) {
    if (revision == null) {
      return Summaries.NONE;
    }
    return Summaries.orNone(revision.image()) + " (revision " + Summaries.orNone(revision.revision())
        + (revision.taskSet() == null ? "" : ", task set " + revision.taskSet()) + ")";
  }

  /** One metric gate's last window: "5xx-share Failed (2 of 3 windows failed): <what CloudWatch said>". */
  static String metricGate(dev.teal.model.MetricGateStatus m) {
    return m.name() + " " + m.verdict() + " (" + m.failures() + " of " + m.evaluations()
        + (m.evaluations() == 1 ? " window" : " windows") + " failed, last at " + m.weight() + "% green): "
        + m.message();
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append(label).append(':').append(" ".repeat(Math.max(1, 18 - label.length()))).append(value).append('\n');
  }
}
