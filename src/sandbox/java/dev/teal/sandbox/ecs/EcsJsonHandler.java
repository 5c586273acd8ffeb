package dev.teal.sandbox.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teal.sandbox.http.AwsError;
import dev.teal.sandbox.http.Json;
import dev.teal.sandbox.http.Params;
import dev.teal.sandbox.http.ProtocolHandler;
import java.util.List;
import java.util.Map;

/** ECS over JSON 1.1 ({@code X-Amz-Target: AmazonEC2ContainerServiceV20141113.<Op>}). */
public final class EcsJsonHandler implements ProtocolHandler {

  public static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";

  private final EcsSimulator ecs;
  private final String accountId;

  public EcsJsonHandler(EcsSimulator ecs, String accountId) {
    this.ecs = ecs;
    this.accountId = accountId;
  }

  @Override
  public String service() {
    return "ecs";
  }

  @Override
  public Params params(JsonNode tree) {
    return new Params(tree, EcsErrors::invalidParameter);
  }

  @Override
  public String contentType() {
    return "application/x-amz-json-1.1";
  }

  @Override
  public AwsError throttling() {
    return AwsError.client("ThrottlingException", "Rate exceeded");
  }

  @Override
  public AwsError serverError() {
    return new AwsError(500, "ServerException", "Service unavailable. Try again later.", false);
  }

  @Override
  public String errorBody(AwsError error, String requestId) {
    ObjectNode o = Json.object();
    o.put("__type", error.code());
    o.put("message", error.getMessage());
    return o.toString();
  }

  @Override
  public String handle(String op, Params p, String requestId) {
    ObjectNode out = Json.object();
    boolean includeTags = p.strings("include").contains("TAGS");
    switch (op) {
      case "CreateCluster" -> out.set("cluster", cluster(ecs.createCluster(p)));
      case "PutClusterCapacityProviders" -> out.set("cluster", cluster(ecs.putClusterCapacityProviders(p)));
      case "DescribeClusters" -> {
        List<String> names = p.strings("clusters");
        ArrayNode clusters = out.putArray("clusters");
        ArrayNode failures = out.putArray("failures");
        for (String n : names.isEmpty() ? List.of("default") : names) {
          ecs.findCluster(n).ifPresentOrElse(c -> {
            ObjectNode node = cluster(c);
            if (includeTags) {
              node.set("tags", tags(ecs.tagsOf(c.arn)));
            }
            clusters.add(node);
          }, () -> failures.add(failure(n)));
        }
      }
      case "RegisterTaskDefinition" -> {
        TaskDefinition td = ecs.registerTaskDefinition(p);
        out.set("taskDefinition", taskDefinition(td));
        out.set("tags", tags(ecs.tagsOf(td.arn)));
      }
      case "DescribeTaskDefinition" -> {
        TaskDefinition td = ecs.describeTaskDefinition(p);
        out.set("taskDefinition", taskDefinition(td));
        if (includeTags) {
          out.set("tags", tags(ecs.tagsOf(td.arn)));
        }
      }
      case "DeregisterTaskDefinition" -> out.set("taskDefinition", taskDefinition(ecs.deregisterTaskDefinition(p)));
      case "ListTaskDefinitions" -> {
        EcsSimulator.ArnPage page = ecs.listTaskDefinitions(p);
        ArrayNode arns = out.putArray("taskDefinitionArns");
        page.arns().forEach(arns::add);
        if (page.nextToken() != null) {
          out.put("nextToken", page.nextToken());
        }
      }
      case "CreateService" -> out.set("service", service(ecs.createService(p), false));
      case "UpdateService" -> out.set("service", service(ecs.updateService(p), false));
      case "DeleteService" -> {
        ObjectNode deleted = service(ecs.deleteService(p), false);
        deleted.put("status", "DRAINING");
        out.set("service", deleted);
      }
      case "DeleteCluster" -> {
        ObjectNode deleted = cluster(ecs.deleteCluster(p));
        deleted.put("status", "INACTIVE");
        out.set("cluster", deleted);
      }
      case "DescribeServices" -> {
        EcsSimulator.DescribedServices d = ecs.describeServices(p);
        ArrayNode services = out.putArray("services");
        d.services().forEach(s -> services.add(service(s, includeTags)));
        ArrayNode failures = out.putArray("failures");
        d.missing().forEach(arn -> failures.add(failure(arn)));
      }
      case "CreateTaskSet" -> out.set("taskSet", taskSet(ecs.createTaskSet(p), false));
      case "DescribeTaskSets" -> {
        EcsSimulator.DescribedTaskSets d = ecs.describeTaskSets(p);
        ArrayNode sets = out.putArray("taskSets");
        d.taskSets().forEach(ts -> sets.add(taskSet(ts, includeTags)));
        ArrayNode failures = out.putArray("failures");
        d.missing().forEach(arn -> failures.add(failure(arn)));
      }
      case "UpdateTaskSet" -> out.set("taskSet", taskSet(ecs.updateTaskSet(p), false));
      case "UpdateServicePrimaryTaskSet" -> out.set("taskSet", taskSet(ecs.updateServicePrimaryTaskSet(p), false));
      case "DeleteTaskSet" -> out.set("taskSet", taskSet(ecs.deleteTaskSet(p), false));
      case "RunTask" -> {
        ArrayNode tasks = out.putArray("tasks");
        ecs.runTask(p).tasks().forEach(t -> tasks.add(task(t, false)));
        out.putArray("failures");
      }
      case "DescribeTasks" -> {
        EcsSimulator.DescribedTasks d = ecs.describeTasks(p);
        ArrayNode tasks = out.putArray("tasks");
        d.tasks().forEach(t -> tasks.add(task(t, includeTags)));
        ArrayNode failures = out.putArray("failures");
        d.missing().forEach(arn -> failures.add(failure(arn)));
      }
      case "ListTasks" -> {
        TaskRegistry.Page page = ecs.listTasks(p);
        ArrayNode arns = out.putArray("taskArns");
        page.arns().forEach(arns::add);
        if (page.nextToken() != null) {
          out.put("nextToken", page.nextToken());
        }
      }
      case "TagResource" -> ecs.tagResource(p);
      case "UntagResource" -> ecs.untagResource(p);
      case "ListTagsForResource" -> out.set("tags", tags(ecs.listTagsForResource(p)));
      default -> throw AwsError.client("UnknownOperationException", "Operation " + op + " is not supported by"
          + " the sandbox.");
    }
    return out.toString();
  }

  private static ObjectNode failure(String arn) {
    ObjectNode f = Json.object();
    f.put("arn", arn);
    f.put("reason", "MISSING");
    return f;
  }

  private static ArrayNode tags(Map<String, String> tags) {
    ArrayNode arr = Json.MAPPER.createArrayNode();
    tags.forEach((k, v) -> arr.addObject().put("key", k).put("value", v));
    return arr;
  }

  private ObjectNode cluster(Cluster c) {
    ObjectNode o = Json.object();
    o.put("clusterArn", c.arn);
    o.put("clusterName", c.name);
    o.put("status", "ACTIVE");
    o.put("registeredContainerInstancesCount", 0);
    o.put("runningTasksCount", ecs.tasksIn(c, Task.State.RUNNING));
    o.put("pendingTasksCount", ecs.tasksIn(c, Task.State.PENDING));
    o.put("activeServicesCount", ecs.activeServices(c));
    o.putArray("statistics");
    o.putArray("settings").addObject().put("name", "containerInsights").put("value", "disabled");
    ArrayNode providers = o.putArray("capacityProviders");
    c.capacityProviders.forEach(providers::add);
    ArrayNode strategy = o.putArray("defaultCapacityProviderStrategy");
    c.defaultStrategy.forEach(i -> strategy.addObject().put("capacityProvider", i.capacityProvider())
        .put("weight", i.weight()).put("base", i.base()));
    return o;
  }

  private ObjectNode taskDefinition(TaskDefinition td) {
    ObjectNode o = td.body.deepCopy();
    o.put("taskDefinitionArn", td.arn);
    o.put("family", td.family);
    o.put("revision", td.revision);
    o.put("status", td.status);
    if (!o.has("networkMode")) {
      o.put("networkMode", "bridge");
    }
    ArrayNode compat = o.putArray("compatibilities");
    td.compatibilities().forEach(compat::add);
    o.put("registeredAt", Json.epochSeconds(td.registeredAt));
    o.put("registeredBy", "arn:aws:iam::" + accountId + ":user/sandbox");
    if (td.deregisteredAt != null) {
      o.put("deregisteredAt", Json.epochSeconds(td.deregisteredAt));
    }
    return o;
  }

  private ObjectNode service(Service s, boolean includeTags) {
    ObjectNode o = Json.object();
    o.put("serviceArn", s.arn);
    o.put("serviceName", s.name);
    o.put("clusterArn", s.cluster.arn);
    o.putArray("loadBalancers");
    o.put("status", "ACTIVE");
    o.put("desiredCount", s.desiredCount);
    o.put("runningCount", s.taskSets.stream().mapToLong(ts -> ts.count(Task.State.RUNNING)).sum());
    o.put("pendingCount", s.taskSets.stream().mapToLong(ts -> ts.count(Task.State.PENDING)).sum());
    s.placement.writeTo(o);
    if (s.taskDefinitionArn != null) {
      o.put("taskDefinition", s.taskDefinitionArn);
    }
    ObjectNode dc = o.putObject("deploymentConfiguration");
    dc.put("maximumPercent", 200);
    dc.put("minimumHealthyPercent", 100);
    ArrayNode sets = o.putArray("taskSets");
    s.taskSets.forEach(ts -> sets.add(taskSet(ts, false)));
    o.putArray("deployments");
    o.putArray("events");
    o.put("createdAt", Json.epochSeconds(s.createdAt));
    o.putArray("placementConstraints");
    o.putArray("placementStrategy");
    o.put("schedulingStrategy", "REPLICA");
    o.putObject("deploymentController").put("type", s.deploymentController);
    o.put("createdBy", "arn:aws:iam::" + accountId + ":user/sandbox");
    o.put("enableECSManagedTags", false);
    o.put("propagateTags", "NONE");
    o.put("enableExecuteCommand", false);
    if (includeTags) {
      o.set("tags", tags(ecs.tagsOf(s.arn)));
    }
    return o;
  }

  /** A task as DescribeTasks reports it (API reference, Task and Container). */
  private static ObjectNode task(Task t, boolean includeTags) {
    ObjectNode o = Json.object();
    o.put("taskArn", t.arn);
    o.put("clusterArn", t.clusterArn);
    o.put("taskDefinitionArn", t.taskDefinition.arn);
    o.put("lastStatus", t.state.name());
    o.put("desiredStatus", t.desiredStatus);
    if (t.launchType != null) {
      o.put("launchType", t.launchType);
    }
    o.put("group", t.group);
    if (t.startedBy != null) {
      o.put("startedBy", t.startedBy);
    }
    o.put("createdAt", Json.epochSeconds(t.createdAt));
    if (t.startedAt != null) {
      o.put("startedAt", Json.epochSeconds(t.startedAt));
    }
    if (t.stoppedAt != null) {
      o.put("stoppingAt", Json.epochSeconds(t.stoppedAt));
      o.put("stoppedAt", Json.epochSeconds(t.stoppedAt));
      o.put("executionStoppedAt", Json.epochSeconds(t.stoppedAt));
      o.put("stopCode", t.stopCode);
      o.put("stoppedReason", t.stoppedReason);
    }
    o.put("version", t.state == Task.State.PENDING ? 1 : t.state == Task.State.RUNNING ? 2 : 3);
    if (t.taskDefinition.body.has("cpu")) {
      o.put("cpu", t.taskDefinition.body.path("cpu").asText());
    }
    if (t.taskDefinition.body.has("memory")) {
      o.put("memory", t.taskDefinition.body.path("memory").asText());
    }
    ArrayNode containers = o.putArray("containers");
    for (com.fasterxml.jackson.databind.JsonNode c : t.taskDefinition.body.path("containerDefinitions")) {
      String name = c.path("name").asText();
      ObjectNode container = containers.addObject();
      container.put("containerArn", t.arn.replace(":task/", ":container/") + "/" + name);
      container.put("taskArn", t.arn);
      container.put("name", name);
      container.put("image", c.path("image").asText());
      container.put("lastStatus", t.state.name());
      if (t.exitCodes.containsKey(name)) {
        container.put("exitCode", t.exitCodes.get(name));
      }
      if (t.containerReasons.containsKey(name)) {
        container.put("reason", t.containerReasons.get(name));
      }
      container.put("essential", c.path("essential").asBoolean(true));
      if (t.ip != null) {
        container.putArray("networkInterfaces").addObject().put("privateIpv4Address", t.ip);
      }
    }
    ObjectNode overrides = t.overrides == null ? Json.object() : t.overrides.deepCopy();
    if (!overrides.has("containerOverrides")) {
      overrides.putArray("containerOverrides");
    }
    o.set("overrides", overrides);
    if (includeTags) {
      o.set("tags", tags(t.tags));
    }
    return o;
  }

  private ObjectNode taskSet(TaskSet ts, boolean includeTags) {
    ObjectNode o = Json.object();
    o.put("id", ts.id);
    o.put("taskSetArn", ts.arn);
    o.put("serviceArn", ts.service.arn);
    o.put("clusterArn", ts.service.cluster.arn);
    if (ts.externalId != null) {
      o.put("externalId", ts.externalId);
    }
    o.put("status", ts.status);
    o.put("taskDefinition", ts.taskDefinition.arn);
    o.put("computedDesiredCount", ts.computedDesiredCount());
    o.put("pendingCount", ts.count(Task.State.PENDING));
    o.put("runningCount", ts.count(Task.State.RUNNING));
    o.put("createdAt", Json.epochSeconds(ts.createdAt));
    o.put("updatedAt", Json.epochSeconds(ts.updatedAt));
    ts.placement.writeTo(o);
    ArrayNode lbs = o.putArray("loadBalancers");
    for (LoadBalancerMapping lb : ts.loadBalancers) {
      lbs.addObject().put("targetGroupArn", lb.targetGroupArn()).put("containerName", lb.containerName())
          .put("containerPort", lb.containerPort());
    }
    o.putObject("scale").put("value", ts.scaleValue).put("unit", "PERCENT");
    EcsSimulator.Stability stability = ecs.stability(ts);
    o.put("stabilityStatus", stability.status());
    o.put("stabilityStatusAt", Json.epochSeconds(stability.at()));
    if (includeTags) {
      o.set("tags", tags(ecs.tagsOf(ts.arn)));
    }
    return o;
  }
}
