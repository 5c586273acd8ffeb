package dev.teal.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed CloudFormation template (long form, see {@link CfnYaml}) and what the checks need from it. */
final class CfnTemplate {

  static final Path OPERATOR = Path.of("deploy/cloudformation/operator.yaml");
  static final Path EXAMPLE_SERVICE = Path.of("deploy/cloudformation/example-service.yaml");

  static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
      "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

  /**
   * The attributes {@code Fn::GetAtt} may read, per resource type this project uses (from each type's
   * "Return values" in the CloudFormation reference). A type missing here fails the check until added.
   */
  static final Map<String, Set<String>> ATTRIBUTES = Map.ofEntries(
      Map.entry("AWS::DynamoDB::Table", Set.of("Arn", "StreamArn")),
      Map.entry("AWS::IAM::Role", Set.of("Arn", "RoleId")),
      Map.entry("AWS::IAM::ManagedPolicy", Set.of("PolicyArn")),
      Map.entry("AWS::Logs::LogGroup", Set.of("Arn")),
      Map.entry("AWS::Logs::MetricFilter", Set.of()),
      Map.entry("AWS::CloudWatch::Alarm", Set.of("Arn")),
      Map.entry("AWS::ECS::Cluster", Set.of("Arn")),
      Map.entry("AWS::ECS::Service", Set.of("Name", "ServiceArn")),
      Map.entry("AWS::ECS::TaskDefinition", Set.of("TaskDefinitionArn")),
      Map.entry("AWS::ECS::TaskSet", Set.of("Id")),
      Map.entry("AWS::ECS::PrimaryTaskSet", Set.of()),
      Map.entry("AWS::EC2::SecurityGroup", Set.of("GroupId", "VpcId")),
      Map.entry("AWS::ElasticLoadBalancingV2::LoadBalancer", Set.of("CanonicalHostedZoneID", "DNSName",
          "LoadBalancerArn", "LoadBalancerFullName", "LoadBalancerName", "SecurityGroups")),
      Map.entry("AWS::ElasticLoadBalancingV2::TargetGroup", Set.of("LoadBalancerArns", "TargetGroupArn",
          "TargetGroupFullName", "TargetGroupName")),
      Map.entry("AWS::ElasticLoadBalancingV2::Listener", Set.of("ListenerArn")),
      Map.entry("AWS::ElasticLoadBalancingV2::ListenerRule", Set.of("IsDefault", "RuleArn")),
      Map.entry("AWS::CloudFormation::WaitConditionHandle", Set.of()));

  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

  final Path path;
  final Map<String, Object> root;

  private CfnTemplate(Path path, Map<String, Object> root) {
    this.path = path;
    this.root = root;
  }

  static CfnTemplate load(Path path) {
    return new CfnTemplate(path, CfnYaml.load(path));
  }

  Map<String, Object> parameters() {
    return section("Parameters");
  }

  Map<String, Object> conditions() {
    return section("Conditions");
  }

  Map<String, Object> resources() {
    return section("Resources");
  }

  Map<String, Object> outputs() {
    return section("Outputs");
  }

  Map<String, Object> resource(String logicalId) {
    Object resource = resources().get(logicalId);
    if (resource == null) {
      throw new AssertionError(path + " has no resource " + logicalId);
    }
    return map(resource);
  }

  String type(String logicalId) {
    return (String) resource(logicalId).get("Type");
  }

  Map<String, Object> properties(String logicalId) {
    return map(resource(logicalId).getOrDefault("Properties", Map.of()));
  }

  /** Every reference in the template that does not resolve, as "where: what". */
  List<String> unresolvedReferences() {
    List<String> problems = new ArrayList<>();
    Set<String> names = new java.util.HashSet<>(parameters().keySet());
    names.addAll(resources().keySet());
    names.addAll(PSEUDO_PARAMETERS);
    resources().forEach((id, body) -> {
      Object condition = map(body).get("Condition");
      if (condition != null && !conditions().containsKey(condition)) {
        problems.add("Resources." + id + ": condition " + condition + " is not defined");
      }
      Object dependsOn = map(body).get("DependsOn");
      for (Object dependency : dependsOn instanceof List<?> list ? list : dependsOn == null ? List.of() : List.of(dependsOn)) {
        if (!resources().containsKey(dependency)) {
          problems.add("Resources." + id + ": DependsOn " + dependency + " is not a resource");
        }
      }
      if (!ATTRIBUTES.containsKey(map(body).get("Type"))) {
        problems.add("Resources." + id + ": type " + map(body).get("Type") + " is not in CfnTemplate.ATTRIBUTES");
      }
    });
    walk(root, "", (where, function) -> check(where, function, names, problems));
    // Conditions are evaluated before resources exist: they may refer to parameters only.
    walk(conditions(), "Conditions", (where, function) -> {
      if (function.containsKey("Ref") && !parameters().containsKey(function.get("Ref"))
          && !PSEUDO_PARAMETERS.contains(function.get("Ref"))) {
        problems.add(where + ": a condition may only refer to parameters, not " + function.get("Ref"));
      }
    });
    return problems;
  }

  private void check(String where, Map<String, Object> function, Set<String> names, List<String> problems) {
    if (function.containsKey("Ref") && !names.contains(function.get("Ref"))) {
      problems.add(where + ": Ref " + function.get("Ref") + " names no parameter, resource or pseudo parameter");
    }
    if (function.containsKey("Condition") && function.size() == 1 && !conditions().containsKey(function.get("Condition"))) {
      problems.add(where + ": condition " + function.get("Condition") + " is not defined");
    }
    if (function.containsKey("Fn::If")) {
      List<?> args = (List<?>) function.get("Fn::If");
      if (args.size() != 3 || !conditions().containsKey(args.get(0))) {
        problems.add(where + ": Fn::If on undefined condition " + args.get(0));
      }
    }
    if (function.containsKey("Fn::GetAtt")) {
      checkGetAtt(where, function.get("Fn::GetAtt"), problems);
    }
    if (function.containsKey("Fn::Sub")) {
      Object sub = function.get("Fn::Sub");
      String text = sub instanceof List<?> list ? (String) list.get(0) : (String) sub;
      Set<String> local = sub instanceof List<?> list && list.size() > 1 ? map(list.get(1)).keySet() : Set.of();
      Matcher m = SUB_VARIABLE.matcher(text);
      while (m.find()) {
        String variable = m.group(1);
        if (local.contains(variable) || names.contains(variable)) {
          continue;
        }
        int dot = variable.indexOf('.');
        if (dot > 0) {
          checkGetAtt(where + " ${" + variable + "}", List.of(variable.substring(0, dot), variable.substring(dot + 1)),
              problems);
        } else {
          problems.add(where + ": ${" + variable + "} in Fn::Sub names nothing");
        }
      }
    }
  }

  private void checkGetAtt(String where, Object args, List<String> problems) {
    List<?> pair = (List<?>) args;
    if (pair.size() != 2 || !resources().containsKey(pair.get(0))) {
      problems.add(where + ": GetAtt " + pair + " names no resource");
      return;
    }
    Set<String> attributes = ATTRIBUTES.getOrDefault(type((String) pair.get(0)), Set.of());
    if (!attributes.contains(pair.get(1))) {
      problems.add(where + ": " + type((String) pair.get(0)) + " has no attribute " + pair.get(1));
    }
  }

  /** Calls {@code visit} for every intrinsic function (a map with a Ref, Condition or Fn:: key). */
  static void walk(Object node, String where, BiConsumer<String, Map<String, Object>> visit) {
    if (node instanceof Map<?, ?> m) {
      Map<String, Object> map = map(m);
      if (map.keySet().stream().anyMatch(k -> k.equals("Ref") || k.equals("Condition") || k.startsWith("Fn::"))) {
        visit.accept(where, map);
      }
      map.forEach((k, v) -> walk(v, where + "." + k, visit));
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), where + "[" + i + "]", visit);
      }
    }
  }

  // ---- IAM ----------------------------------------------------------------------------------------

  /** One statement of an IAM policy; {@code resources} and {@code condition} are left unresolved. */
  record Statement(String policy, String sid, List<String> actions, List<Object> resources,
      Map<String, Object> condition) {

    boolean onEverything() {
      return resources.contains("*");
    }
  }

  /** The statements of a role's inline policies or of a managed policy. */
  List<Statement> statements(String logicalId) {
    Map<String, Object> properties = properties(logicalId);
    List<Statement> statements = new ArrayList<>();
    if (properties.containsKey("PolicyDocument")) {
      addStatements(logicalId, properties.get("PolicyDocument"), statements);
    }
    for (Object policy : (List<?>) properties.getOrDefault("Policies", List.of())) {
      addStatements(logicalId + "/" + map(policy).get("PolicyName"), map(policy).get("PolicyDocument"), statements);
    }
    return statements;
  }

  /** Every IAM policy in the template, by logical id: roles and managed policies. */
  Map<String, List<Statement>> allPolicies() {
    Map<String, List<Statement>> all = new LinkedHashMap<>();
    resources().forEach((id, body) -> {
      String type = (String) map(body).get("Type");
      if (type.equals("AWS::IAM::Role") || type.equals("AWS::IAM::ManagedPolicy")) {
        all.put(id, statements(id));
      }
    });
    return all;
  }

  private static void addStatements(String policy, Object document, List<Statement> into) {
    for (Object entry : (List<?>) map(document).get("Statement")) {
      // A statement inside Fn::If counts as granted: it is granted for some parameter values.
      for (Map<String, Object> statement : branches(entry)) {
        if (!"Allow".equals(statement.get("Effect"))) {
          throw new AssertionError(policy + ": only Allow statements are expected, got " + statement);
        }
        into.add(new Statement(policy, (String) statement.get("Sid"), strings(statement.get("Action")),
            list(statement.get("Resource")), map(statement.getOrDefault("Condition", Map.of()))));
      }
    }
  }

  private static List<Map<String, Object>> branches(Object entry) {
    Map<String, Object> map = map(entry);
    if (!map.containsKey("Fn::If")) {
      return List.of(map);
    }
    List<?> args = (List<?>) map.get("Fn::If");
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object branch : args.subList(1, 3)) {
      if (!Map.of("Ref", "AWS::NoValue").equals(branch)) {
        out.addAll(branches(branch));
      }
    }
    return out;
  }

  private static List<String> strings(Object value) {
    return list(value).stream().map(String.class::cast).toList();
  }

  private static List<Object> list(Object value) {
    if (value instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    return value == null ? List.of() : List.of(value);
  }

  private Map<String, Object> section(String name) {
    return map(root.getOrDefault(name, Map.of()));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }
}
