package dev.teal.sandbox.elb;

import java.util.List;

public final class Rule {

  final String arn;
  final String listenerArn;
  final boolean isDefault;
  /** Integer.MAX_VALUE for the default rule, which AWS reports as "default". */
  int priority;
  List<Condition> conditions;
  List<Action> actions;

  Rule(String arn, String listenerArn, boolean isDefault, int priority, List<Condition> conditions,
     List<Action> actions) {
    this.arn = arn;
    this.listenerArn = listenerArn;
    this.isDefault = isDefault;
    this.priority = priority;
    this.conditions = conditions;
    this.actions = actions;
  }

  public List<Condition> conditions() {
    return conditions;
  }

  public List<Action> actions() {
    return actions;
  }

  String priorityText() {
    return isDefault ? "default" : Integer.toString(priority);
  }
}
