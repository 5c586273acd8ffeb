package dev.teal.aws.sdk;

import dev.teal.aws.WeightedTarget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/** Reads and rewrites the forward action of a rule's actions or a listener's default actions. */
final class RouteActions {

  /**
   * The weight ELB applies to a forward entry that has none. The ELBv2 API reference leaves Weight
   * optional (0..999) without stating a default; ALB itself reports a forward created without weights
   * (and a legacy single-TargetGroupArn forward, in its ForwardConfig) as weight 1.
   */
  static final int MISSING_WEIGHT = 1;
  /** A legacy forward with only TargetGroupArn sends everything to that group. */
  static final int LEGACY_SINGLE_TARGET_WEIGHT = 100;

  /** The actions that end a rule; exactly one per rule, and the last one. */
  private static final Set<ActionTypeEnum> ROUTING = Set.of(ActionTypeEnum.FORWARD, ActionTypeEnum.REDIRECT,
      ActionTypeEnum.FIXED_RESPONSE);
  private static final String HOST_HEADER = "host-header";

  private RouteActions() {}

  /** The weighted target groups of the forward action, in ELB's order; empty if there is no forward. */
  static List<WeightedTarget> forwardOf(List<Action> actions) {
    Optional<Action> forward = actions.stream().filter(a -> a.type() == ActionTypeEnum.FORWARD).findFirst();
    if (forward.isEmpty()) {
      return List.of();
    }
    ForwardActionConfig config = forward.get().forwardConfig();
    if (config != null && config.hasTargetGroups() && !config.targetGroups().isEmpty()) {
      return config.targetGroups().stream()
          .map(t -> new WeightedTarget(t.targetGroupArn(), t.weight() == null ? MISSING_WEIGHT : t.weight()))
          .toList();
    }
    String single = forward.get().targetGroupArn();
    return single == null ? List.of() : List.of(new WeightedTarget(single, LEGACY_SINGLE_TARGET_WEIGHT));
  }

  /**
   * The first literal host a host-header condition matches. A value with a wildcard is no host a
   * request could carry, so it is skipped.
   */
  static Optional<String> hostHeaderOf(List<RuleCondition> conditions) {
    for (RuleCondition condition : conditions) {
      if (!HOST_HEADER.equals(condition.field())) {
        continue;
      }
      List<String> values = condition.hostHeaderConfig() != null && condition.hostHeaderConfig().hasValues()
          ? condition.hostHeaderConfig().values()
          : condition.values();
      Optional<String> literal = values.stream().filter(v -> !v.contains("*") && !v.contains("?")).findFirst();
      if (literal.isPresent()) {
        return literal;
      }
    }
    return Optional.empty();
  }

  /**
   * {@code current} with its routing action replaced by a forward to exactly {@code targets}.
   *
   * <p>ModifyRule and ModifyListener replace the whole action list, so what teal does not own is sent
   * back as it was: authentication actions (OIDC with {@code UseExistingClientSecret}, as describes never
   * return the secret), the routing action's Order, and the forward's target group stickiness. Dropping
   * them would silently switch off a listener's login, or re-shuffle sticky sessions, on every shift.
   */
  static List<Action> withForward(List<Action> current, List<WeightedTarget> targets) {
    List<Action> sorted = current.stream()
        .sorted(Comparator.comparing(Action::order, Comparator.nullsLast(Comparator.naturalOrder()))).toList();
    List<Action> result = new ArrayList<>();
    Action replaced = null;
    for (Action action : sorted) {
      if (ROUTING.contains(action.type())) {
        replaced = action;
      } else {
        result.add(resendable(action));
      }
    }
    ForwardActionConfig.Builder config = ForwardActionConfig.builder().targetGroups(targets.stream()
        .map(t -> TargetGroupTuple.builder().targetGroupArn(t.targetGroupArn()).weight(t.weight()).build())
        .toList());
    if (replaced != null && replaced.type() == ActionTypeEnum.FORWARD && replaced.forwardConfig() != null
        && replaced.forwardConfig().targetGroupStickinessConfig() != null) {
      config.targetGroupStickinessConfig(replaced.forwardConfig().targetGroupStickinessConfig());
    }
    result.add(Action.builder().type(ActionTypeEnum.FORWARD).order(replaced == null ? null : replaced.order())
        .forwardConfig(config.build()).build());
    return result;
  }

  private static Action resendable(Action action) {
    if (action.authenticateOidcConfig() == null) {
      return action;
    }
    return action.toBuilder().authenticateOidcConfig(action.authenticateOidcConfig().toBuilder()
        .clientSecret(null).useExistingClientSecret(true).build()).build();
  }
}
