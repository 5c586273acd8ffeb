package dev.teal.aws.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.aws.WeightedTarget;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;

/** The rules the WireMock tests rely on, in isolation. */
class RouteActionsTest {

  private static final String BLUE = ElbFixtures.BLUE_TG;
  private static final String GREEN = ElbFixtures.GREEN_TG;

  @Test
  void aFixedResponseIsReplacedByAForwardInItsPlace() {
    Action fixed = Action.builder().type(ActionTypeEnum.FIXED_RESPONSE).order(3)
        .fixedResponseConfig(f -> f.statusCode("503")).build();

    List<Action> actions = RouteActions.withForward(List.of(fixed), List.of(new WeightedTarget(GREEN, 100)));

    assertThat(actions).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo(ActionTypeEnum.FORWARD);
      assertThat(a.order()).isEqualTo(3);
      assertThat(a.fixedResponseConfig()).isNull();
      assertThat(RouteActions.forwardOf(List.of(a))).containsExactly(new WeightedTarget(GREEN, 100));
    });
  }

  @Test
  void theRoutingActionStaysLastWhateverOrderElbListedThemIn() {
    Action forward = Action.builder().type(ActionTypeEnum.FORWARD).order(2).targetGroupArn(BLUE).build();
    Action cognito = Action.builder().type(ActionTypeEnum.AUTHENTICATE_COGNITO).order(1)
        .authenticateCognitoConfig(c -> c.userPoolArn("pool").userPoolClientId("client").userPoolDomain("auth"))
        .build();

    List<Action> actions = RouteActions.withForward(List.of(forward, cognito), List.of(new WeightedTarget(GREEN, 1)));

    assertThat(actions).extracting(Action::type)
        .containsExactly(ActionTypeEnum.AUTHENTICATE_COGNITO, ActionTypeEnum.FORWARD);
    assertThat(actions.get(0)).isEqualTo(cognito);
  }

  @Test
  void aLegacyForwardIsReadAsOneHundredPercent() {
    Action legacy = Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(BLUE).build();

    assertThat(RouteActions.forwardOf(List.of(legacy))).containsExactly(new WeightedTarget(BLUE, 100));
  }

  @Test
  void theHostIsTheFirstLiteralValueOfAHostHeaderCondition() {
    RuleCondition path = RuleCondition.builder().field("path-pattern").values("/api/*").build();
    RuleCondition hosts = RuleCondition.builder().field("host-header")
        .hostHeaderConfig(h -> h.values("*.example.com", "shop.example.com")).build();

    assertThat(RouteActions.hostHeaderOf(List.of(path, hosts))).contains("shop.example.com");
  }

  @Test
  void theLegacyHostHeaderValuesAreReadToo() {
    RuleCondition legacy = RuleCondition.builder().field("host-header").values("shop.example.com").build();

    assertThat(RouteActions.hostHeaderOf(List.of(legacy))).contains("shop.example.com");
  }

  @Test
  void onlyWildcardHostsMeanNoHost() {
    RuleCondition wildcard = RuleCondition.builder().field("host-header")
        .hostHeaderConfig(h -> h.values("shop-?.example.com", "*.example.com")).build();

    assertThat(RouteActions.hostHeaderOf(List.of(wildcard))).isEmpty();
  }
}
