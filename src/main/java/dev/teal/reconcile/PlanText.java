package dev.teal.reconcile;

import dev.teal.aws.RouteRef;
import dev.teal.aws.TaskDefinitionInfo;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How {@link PlanPreview} names actions and waits, and lays the plan out as text. */
final class PlanText {

  private PlanText() {}

  /** The AWS call an action makes (the main one: a create may also set attributes or tags). */
  static String call(Action action) {
    return switch (action) {
      case Action.ClaimService c -> "ecs:TagResource";
      case Action.ClaimRoute c -> "elbv2:AddTags";
      case Action.AdoptTaskSet a -> "ecs:TagResource";
      case Action.RegisterTaskDefinition r -> "ecs:RegisterTaskDefinition";
      case Action.CreateTargetGroup c -> "elbv2:CreateTargetGroup";
      case Action.ConfigureTargetGroup c -> "elbv2:ModifyTargetGroupAttributes";
      case Action.CreateTaskSet c -> "ecs:CreateTaskSet";
      case Action.ScaleTaskSet s -> "ecs:UpdateTaskSet";
      case Action.SetRoute r -> r.route().kind() == RouteRef.Kind.RULE ? "elbv2:ModifyRule" : "elbv2:ModifyListener";
      case Action.MakePrimary m -> "ecs:UpdateServicePrimaryTaskSet";
      case Action.DeleteTaskSet d -> "ecs:DeleteTaskSet";
      case Action.DeleteTargetGroup d -> "elbv2:DeleteTargetGroup";
      case Action.SetScaleInSuspended s -> "application-autoscaling:RegisterScalableTarget";
      case Action.RunAnalysis a -> "http:GET";
      case Action.RunHook h -> switch (h.request().spec().kind()) {
        case dev.teal.model.HookSpec.ECS_TASK -> "ecs:RunTask";
        case dev.teal.model.HookSpec.LAMBDA -> "lambda:InvokeFunction";
        default -> "http:POST";
      };
    };
  }

  /** The target of an action and what it sets there, in the names people see in the console. */
  static String target(Action action, Observed world, DeploymentSpec spec) {
    return switch (action) {
      case Action.ClaimService c -> "service " + c.cluster() + "/" + c.service() + ": " + tags(c.tags());
      case Action.ClaimRoute c -> c.routeName() + " " + route(c.route()) + ": " + tags(c.tags());
      case Action.AdoptTaskSet a -> "task set " + shortId(a.taskSetArn()) + ": " + tags(a.tags());
      case Action.RegisterTaskDefinition r -> "family " + Revisions.family(r.template()) + ": a copy of "
          + shortTaskDefinition(r.template()) + " with " + r.images().entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining(", "));
      case Action.CreateTargetGroup c -> c.name() + " (" + c.settings().protocol() + ":" + c.settings().port()
          + ", target type " + c.settings().targetType() + ", health check " + c.settings().healthCheckPath() + ")";
      case Action.ConfigureTargetGroup c -> groupName(c.targetGroupArn()) + ": deregistration delay "
          + c.deregistrationDelaySeconds() + "s";
      case Action.CreateTaskSet c -> c.cluster() + "/" + c.service() + ": revision " + c.revision() + " ("
          + shortTaskDefinition(c.taskDefinitionArn()) + ") at " + percent(c.scalePercent()) + "% behind "
          + groupName(c.targetGroupArn());
      case Action.ScaleTaskSet s -> "task set " + shortId(s.taskSetArn()) + " (revision " + s.revision() + "): scale "
          + percent(s.percent()) + "%";
      case Action.SetRoute r -> r.routeName() + " " + route(r.route()) + ": " + r.targets().stream()
          .map(t -> groupName(t.targetGroupArn()) + "=" + t.weight()).collect(Collectors.joining(", "));
      case Action.MakePrimary m -> m.cluster() + "/" + m.service() + ": task set " + shortId(m.taskSetArn())
          + " (revision " + m.revision() + ")";
      case Action.DeleteTaskSet d -> "task set " + shortId(d.taskSetArn()) + " (revision " + d.revision() + ")";
      case Action.DeleteTargetGroup d -> groupName(d.targetGroupArn()) + " (revision " + d.revision() + ")";
      case Action.SetScaleInSuspended s -> "scalable target " + s.target().resourceId() + ": dynamic scale-in "
          + (s.suspended() ? "suspended" : "restored");
      case Action.RunAnalysis a -> a.spec().requests() + " x " + a.spec().path() + " through the test listener"
          + " (analysis " + a.stage() + ", expecting " + a.spec().expectStatus() + ")";
      case Action.RunHook h -> "hook " + h.request().field() + " (" + h.request().spec().name() + ", "
          + h.request().onRecord().stage() + ")";
    };
  }

  /** What the status says while teal waits, and for how long. */
  static String waitText(DeploymentStatus status, Duration requeue, boolean end) {
    String state = (status.phase() == null ? "-" : status.phase().wireName()) + ": " + status.message();
    if (requeue == null) {
      return "then nothing happens on its own (" + state + ")";
    }
    if (end) {
      return "then holds (" + state + ")";
    }
    return "then looks again within " + PlanningPass.render(requeue) + " (" + state + ")";
  }

  static String render(PlanPreview.Result plan) {
    StringBuilder out = new StringBuilder();
    out.append("Plan for ").append(plan.name()).append(" (generation ").append(plan.generation())
        .append(", spec hash ").append(plan.specHash()).append("), from AWS as described at ").append(plan.at())
        .append('\n');
    out.append(containers(plan.containers()));
    out.append("\nNow (observed: from the live state):\n");
    boolean predictedHeader = false;
    int callWidth = plan.entries().stream().filter(e -> e instanceof PlanPreview.Step)
        .mapToInt(e -> ((PlanPreview.Step) e).call().length()).max().orElse(0);
    for (PlanPreview.Entry entry : plan.entries()) {
      if (entry.predicted() && !predictedHeader) {
        out.append("Status then: ").append(status(plan.statusNow())).append('\n');
        out.append("\nPredicted (not observed: as if every wait ends well, tasks healthy and analyses passing):\n");
        predictedHeader = true;
      }
      if (entry instanceof PlanPreview.Step s) {
        out.append(String.format("  %2d. %s  %s%n", s.number(), pad(s.call(), callWidth), s.target()));
      } else if (entry instanceof PlanPreview.Wait w) {
        String when = !w.predicted() ? "" : w.until().equals(w.at()) ? "at " + w.at() + ", "
            : "from " + w.at() + " to " + w.until() + ", ";
        out.append("      ").append(when).append(w.text()).append('\n');
      }
    }
    if (!predictedHeader) {
      out.append("Status then: ").append(status(plan.statusNow())).append('\n');
    } else {
      out.append("Status at the end (predicted): ").append(status(plan.statusAtEnd())).append('\n');
    }
    return out.toString();
  }

  static String containers(List<PlanPreview.ContainerChange> containers) {
    if (containers.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("\nContainers (what production runs -> what green would run):\n");
    int width = containers.stream().mapToInt(c -> c.container().length()).max().orElse(0);
    for (PlanPreview.ContainerChange c : containers) {
      out.append("  ").append(pad(c.container(), width)).append("  ").append(change(c)).append('\n');
    }
    return out.toString();
  }

  private static String change(PlanPreview.ContainerChange c) {
    if (c.container().equals(TaskDefinitionInfo.TASK)) {
      return "settings changed: " + String.join(", ", c.settings());
    }
    if (c.imageNow() == null) {
      return "added, image " + c.imageThen();
    }
    if (c.imageThen() == null) {
      return "removed (image " + c.imageNow() + ")";
    }
    String image = c.imageNow().equals(c.imageThen()) ? "image " + c.imageNow()
        : "image " + c.imageNow() + " -> " + c.imageThen();
    if (!c.settings().isEmpty()) {
      return image + "; settings changed: " + String.join(", ", c.settings());
    }
    return c.unchanged() ? image + " (unchanged)" : image;
  }

  private static String status(PlanPreview.StatusLine s) {
    return s.phase() + (s.message() == null ? "" : ": " + s.message())
        + (s.progressing() == null ? "" : " [" + s.progressing() + "]");
  }

  static String shortId(String arn) {
    return arn == null ? "-" : arn.substring(arn.lastIndexOf('/') + 1);
  }

  static String shortTaskDefinition(String ref) {
    return ref == null ? "-" : ref.substring(ref.lastIndexOf('/') + 1);
  }

  static String groupName(String targetGroupArn) {
    return Observed.nameOf(targetGroupArn);
  }

  /** A route as its resource id: {@code rule app/demo-alb/…/<rule id>}. */
  static String route(RouteRef ref) {
    String marker = ref.kind() == RouteRef.Kind.RULE ? ":listener-rule/" : ":listener/";
    int at = ref.arn().indexOf(marker);
    String id = at < 0 ? ref.arn() : ref.arn().substring(at + marker.length());
    return (ref.kind() == RouteRef.Kind.RULE ? "rule " : "listener ") + id;
  }

  private static String tags(Map<String, String> tags) {
    return new java.util.TreeMap<>(tags).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String percent(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

}
