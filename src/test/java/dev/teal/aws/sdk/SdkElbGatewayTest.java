package dev.teal.aws.sdk;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static dev.teal.aws.sdk.AwsWireMock.elb;
import static dev.teal.aws.sdk.AwsWireMock.elbError;
import static dev.teal.aws.sdk.AwsWireMock.elbOk;
import static dev.teal.aws.sdk.AwsWireMock.elbParams;
import static dev.teal.aws.sdk.AwsWireMock.elbRequests;
import static dev.teal.aws.sdk.AwsWireMock.elbReturns;
import static dev.teal.aws.sdk.AwsWireMock.oneElbRequest;
import static dev.teal.aws.sdk.ElbFixtures.BLUE_TG;
import static dev.teal.aws.sdk.ElbFixtures.GREEN_TG;
import static dev.teal.aws.sdk.ElbFixtures.LISTENER_ARN;
import static dev.teal.aws.sdk.ElbFixtures.PROD_RULE_ARN;
import static dev.teal.aws.sdk.ElbFixtures.TEST_LISTENER_ARN;
import static dev.teal.aws.sdk.ElbFixtures.TEST_RULE_ARN;
import static dev.teal.aws.sdk.ElbFixtures.hostRule;
import static dev.teal.aws.sdk.ElbFixtures.listener;
import static dev.teal.aws.sdk.ElbFixtures.tagDescription;
import static dev.teal.aws.sdk.ElbFixtures.targetGroup;
import static dev.teal.aws.sdk.ElbFixtures.targetGroupArn;
import static dev.teal.aws.sdk.ElbFixtures.targetHealth;
import static dev.teal.aws.sdk.ElbFixtures.weightedForward;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.teal.aws.AwsCallListener;
import dev.teal.aws.AwsNotFoundException;
import dev.teal.aws.RouteRef;
import dev.teal.aws.RouteState;
import dev.teal.aws.TargetGroupInfo;
import dev.teal.aws.TargetGroupSettings;
import dev.teal.aws.TargetHealthCounts;
import dev.teal.aws.WeightedTarget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

class SdkElbGatewayTest {

  @RegisterExtension
  static WireMockExtension wm = AwsWireMock.server();

  private static final RouteRef PROD_RULE = RouteRef.rule(PROD_RULE_ARN);
  private static final RouteRef TEST_RULE = RouteRef.rule(TEST_RULE_ARN);
  private static final RouteRef PROD_LISTENER = RouteRef.listener(LISTENER_ARN);

  private ElasticLoadBalancingV2Client client;
  private SdkElbGateway elb;

  @BeforeEach
  void setUp() {
    client = new AwsClients(AwsWireMock.settings(wm, AwsCallListener.NONE)).newElbClient();
    elb = new SdkElbGateway(client);
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  // ---- describeRoutes ---------------------------------------------------------------------------

  @Test
  void describeRoutesReadsAllRulesInOneCallAndAllListenersInAnother() {
    elbReturns(wm, "DescribeRules", "<Rules>"
        + hostRule(PROD_RULE_ARN, 10, "shop.example.com", weightedForward(BLUE_TG, "90", GREEN_TG, "10"))
        + hostRule(TEST_RULE_ARN, 5, "test.shop.example.com", weightedForward(GREEN_TG, "100"))
        + "</Rules>");
    // A listener created with the legacy single TargetGroupArn form and no ForwardConfig.
    elbReturns(wm, "DescribeListeners", "<Listeners>" + listener(LISTENER_ARN, 443, "HTTPS", """

                <member>
                  <Type>forward</Type>
                  <TargetGroupArn>%s</TargetGroupArn>
                </member>""".formatted(BLUE_TG)) + "</Listeners>");

    Map<RouteRef, RouteState> routes = elb.describeRoutes(List.of(PROD_RULE, TEST_RULE, PROD_LISTENER));

    assertThat(oneElbRequest(wm, "DescribeRules")).isEqualTo(elbParams("DescribeRules",
        Map.of("RuleArns.member.1", PROD_RULE_ARN, "RuleArns.member.2", TEST_RULE_ARN)));
    assertThat(oneElbRequest(wm, "DescribeListeners")).isEqualTo(elbParams("DescribeListeners",
        Map.of("ListenerArns.member.1", LISTENER_ARN)));
    assertThat(routes).containsOnlyKeys(PROD_RULE, TEST_RULE, PROD_LISTENER);
    assertThat(routes.get(PROD_RULE)).isEqualTo(new RouteState(PROD_RULE,
        List.of(new WeightedTarget(BLUE_TG, 90), new WeightedTarget(GREEN_TG, 10)), Optional.of("shop.example.com")));
    assertThat(routes.get(TEST_RULE).forward()).containsExactly(new WeightedTarget(GREEN_TG, 100));
    assertThat(routes.get(TEST_RULE).hostHeader()).contains("test.shop.example.com");
    assertThat(routes.get(PROD_LISTENER)).isEqualTo(new RouteState(PROD_LISTENER,
        List.of(new WeightedTarget(BLUE_TG, 100)), Optional.empty()));
  }

  @Test
  void describeRoutesReadsAForwardWithoutWeightsAsWeightOne() {
    elbReturns(wm, "DescribeRules", "<Rules>" + hostRule(PROD_RULE_ARN, 10, "shop.example.com", """

                <member>
                  <Type>forward</Type>
                  <TargetGroupArn>%s</TargetGroupArn>
                  <ForwardConfig>
                    <TargetGroups><member><TargetGroupArn>%s</TargetGroupArn></member></TargetGroups>
                  </ForwardConfig>
                </member>""".formatted(BLUE_TG, BLUE_TG)) + "</Rules>");

    assertThat(elb.describeRoutes(List.of(PROD_RULE)).get(PROD_RULE).forward())
        .containsExactly(new WeightedTarget(BLUE_TG, 1));
  }

  @Test
  void describeRoutesOfAFixedResponseRuleHasNoForwardAndAWildcardHostIsNoHost() {
    elbReturns(wm, "DescribeRules", "<Rules>" + hostRule(TEST_RULE_ARN, 5, "*.shop.example.com", """

                <member>
                  <Type>fixed-response</Type>
                  <Order>1</Order>
                  <FixedResponseConfig><StatusCode>503</StatusCode><ContentType>text/plain</ContentType></FixedResponseConfig>
                </member>""") + "</Rules>");

    RouteState state = elb.describeRoutes(List.of(TEST_RULE)).get(TEST_RULE);

    assertThat(state.forward()).isEmpty();
    assertThat(state.hostHeader()).isEmpty();
  }

  @Test
  void describeRoutesFallsBackToOneCallPerRuleWhenTheBatchNamesAMissingRule() {
    wm.stubFor(elb("DescribeRules").withFormParam("RuleArns.member.2", matching(".+")).atPriority(1)
        .willReturn(elbError(400, "RuleNotFound", "One or more rules not found")));
    wm.stubFor(elb("DescribeRules").withFormParam("RuleArns.member.1", equalTo(PROD_RULE_ARN)).atPriority(5)
        .willReturn(elbError(400, "RuleNotFound", "One or more rules not found")));
    wm.stubFor(elb("DescribeRules").withFormParam("RuleArns.member.1", equalTo(TEST_RULE_ARN)).atPriority(5)
        .willReturn(elbOk("DescribeRules", "<Rules>"
            + hostRule(TEST_RULE_ARN, 5, "test.shop.example.com", weightedForward(GREEN_TG, "100")) + "</Rules>")));

    Map<RouteRef, RouteState> routes = elb.describeRoutes(List.of(PROD_RULE, TEST_RULE));

    assertThat(routes).containsOnlyKeys(TEST_RULE);
    assertThat(routes.get(TEST_RULE).forward()).containsExactly(new WeightedTarget(GREEN_TG, 100));
    assertThat(elbRequests(wm, "DescribeRules")).containsExactly(
        elbParams("DescribeRules", Map.of("RuleArns.member.1", PROD_RULE_ARN, "RuleArns.member.2", TEST_RULE_ARN)),
        elbParams("DescribeRules", Map.of("RuleArns.member.1", PROD_RULE_ARN)),
        elbParams("DescribeRules", Map.of("RuleArns.member.1", TEST_RULE_ARN)));
  }

  @Test
  void describeRoutesFallsBackToOneCallPerListenerWhenTheBatchNamesAMissingListener() {
    RouteRef testListener = RouteRef.listener(TEST_LISTENER_ARN);
    wm.stubFor(elb("DescribeListeners").withFormParam("ListenerArns.member.2", matching(".+")).atPriority(1)
        .willReturn(elbError(400, "ListenerNotFound", "One or more listeners not found")));
    wm.stubFor(elb("DescribeListeners").withFormParam("ListenerArns.member.1", equalTo(LISTENER_ARN)).atPriority(5)
        .willReturn(elbOk("DescribeListeners", "<Listeners>"
            + listener(LISTENER_ARN, 80, "HTTP", weightedForward(BLUE_TG, "1")) + "</Listeners>")));
    wm.stubFor(elb("DescribeListeners").withFormParam("ListenerArns.member.1", equalTo(TEST_LISTENER_ARN))
        .atPriority(5).willReturn(elbError(400, "ListenerNotFound", "One or more listeners not found")));

    Map<RouteRef, RouteState> routes = elb.describeRoutes(List.of(PROD_LISTENER, testListener));

    assertThat(routes).containsOnlyKeys(PROD_LISTENER);
    assertThat(elbRequests(wm, "DescribeListeners")).hasSize(3);
  }

  @Test
  void describeRoutesOfOneMissingRuleIsEmptyAfterOneCall() {
    wm.stubFor(elb("DescribeRules").willReturn(elbError(400, "RuleNotFound", "One or more rules not found")));

    assertThat(elb.describeRoutes(List.of(PROD_RULE))).isEmpty();
    assertThat(elbRequests(wm, "DescribeRules")).hasSize(1);
  }

  @Test
  void describeRoutesOfNothingCallsNothing() {
    assertThat(elb.describeRoutes(List.of())).isEmpty();
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  // ---- setForward -------------------------------------------------------------------------------

  @Test
  void setForwardOnARuleSendsWeightedTargetGroupsAndKeepsOrderAndStickiness() {
    elbReturns(wm, "DescribeRules", "<Rules>"
        + hostRule(PROD_RULE_ARN, 10, "shop.example.com", weightedForward(BLUE_TG, "100")) + "</Rules>");
    elbReturns(wm, "ModifyRule", "<Rules>"
        + hostRule(PROD_RULE_ARN, 10, "shop.example.com", weightedForward(BLUE_TG, "90", GREEN_TG, "10")) + "</Rules>");

    elb.setForward(PROD_RULE, List.of(new WeightedTarget(BLUE_TG, 90), new WeightedTarget(GREEN_TG, 10)));

    assertThat(oneElbRequest(wm, "DescribeRules"))
        .isEqualTo(elbParams("DescribeRules", Map.of("RuleArns.member.1", PROD_RULE_ARN)));
    assertThat(oneElbRequest(wm, "ModifyRule")).isEqualTo(elbParams("ModifyRule", Map.of(
        "RuleArn", PROD_RULE_ARN,
        "Actions.member.1.Type", "forward",
        "Actions.member.1.Order", "1",
        "Actions.member.1.ForwardConfig.TargetGroups.member.1.TargetGroupArn", BLUE_TG,
        "Actions.member.1.ForwardConfig.TargetGroups.member.1.Weight", "90",
        "Actions.member.1.ForwardConfig.TargetGroups.member.2.TargetGroupArn", GREEN_TG,
        "Actions.member.1.ForwardConfig.TargetGroups.member.2.Weight", "10",
        "Actions.member.1.ForwardConfig.TargetGroupStickinessConfig.Enabled", "false")));
  }

  @Test
  void setForwardKeepsAnAuthenticationActionWithoutKnowingItsSecret() {
    String actions = """

                <member>
                  <Type>authenticate-oidc</Type>
                  <Order>1</Order>
                  <AuthenticateOidcConfig>
                    <Issuer>https://idp.example.com</Issuer>
                    <AuthorizationEndpoint>https://idp.example.com/authorize</AuthorizationEndpoint>
                    <TokenEndpoint>https://idp.example.com/token</TokenEndpoint>
                    <UserInfoEndpoint>https://idp.example.com/userinfo</UserInfoEndpoint>
                    <ClientId>shop-web</ClientId>
                    <SessionCookieName>AWSELBAuthSessionCookie</SessionCookieName>
                    <Scope>openid</Scope>
                    <SessionTimeout>604800</SessionTimeout>
                    <OnUnauthenticatedRequest>authenticate</OnUnauthenticatedRequest>
                  </AuthenticateOidcConfig>
                </member>
                <member>
                  <Type>forward</Type>
                  <Order>2</Order>
                  <ForwardConfig>
                    <TargetGroups><member><TargetGroupArn>%s</TargetGroupArn><Weight>1</Weight></member></TargetGroups>
                    <TargetGroupStickinessConfig><Enabled>true</Enabled><DurationSeconds>3600</DurationSeconds></TargetGroupStickinessConfig>
                  </ForwardConfig>
                </member>""".formatted(BLUE_TG);
    elbReturns(wm, "DescribeRules", "<Rules>" + hostRule(PROD_RULE_ARN, 10, "shop.example.com", actions) + "</Rules>");
    elbReturns(wm, "ModifyRule", "<Rules>" + hostRule(PROD_RULE_ARN, 10, "shop.example.com", actions) + "</Rules>");

    elb.setForward(PROD_RULE, List.of(new WeightedTarget(GREEN_TG, 100)));

    var expected = new LinkedHashMap<String, String>();
    expected.put("RuleArn", PROD_RULE_ARN);
    expected.put("Actions.member.1.Type", "authenticate-oidc");
    expected.put("Actions.member.1.Order", "1");
    String oidc = "Actions.member.1.AuthenticateOidcConfig.";
    expected.put(oidc + "Issuer", "https://idp.example.com");
    expected.put(oidc + "AuthorizationEndpoint", "https://idp.example.com/authorize");
    expected.put(oidc + "TokenEndpoint", "https://idp.example.com/token");
    expected.put(oidc + "UserInfoEndpoint", "https://idp.example.com/userinfo");
    expected.put(oidc + "ClientId", "shop-web");
    expected.put(oidc + "SessionCookieName", "AWSELBAuthSessionCookie");
    expected.put(oidc + "Scope", "openid");
    expected.put(oidc + "SessionTimeout", "604800");
    expected.put(oidc + "OnUnauthenticatedRequest", "authenticate");
    expected.put(oidc + "UseExistingClientSecret", "true");
    expected.put("Actions.member.2.Type", "forward");
    expected.put("Actions.member.2.Order", "2");
    expected.put("Actions.member.2.ForwardConfig.TargetGroups.member.1.TargetGroupArn", GREEN_TG);
    expected.put("Actions.member.2.ForwardConfig.TargetGroups.member.1.Weight", "100");
    expected.put("Actions.member.2.ForwardConfig.TargetGroupStickinessConfig.Enabled", "true");
    expected.put("Actions.member.2.ForwardConfig.TargetGroupStickinessConfig.DurationSeconds", "3600");
    assertThat(oneElbRequest(wm, "ModifyRule")).isEqualTo(elbParams("ModifyRule", expected));
  }

  @Test
  void setForwardOnAListenerModifiesItsDefaultActions() {
    elbReturns(wm, "DescribeListeners", "<Listeners>" + listener(LISTENER_ARN, 80, "HTTP", """

                <member>
                  <Type>forward</Type>
                  <TargetGroupArn>%s</TargetGroupArn>
                </member>""".formatted(BLUE_TG)) + "</Listeners>");
    elbReturns(wm, "ModifyListener", "<Listeners>"
        + listener(LISTENER_ARN, 80, "HTTP", weightedForward(BLUE_TG, "50", GREEN_TG, "50")) + "</Listeners>");

    elb.setForward(PROD_LISTENER, List.of(new WeightedTarget(BLUE_TG, 50), new WeightedTarget(GREEN_TG, 50)));

    assertThat(oneElbRequest(wm, "ModifyListener")).isEqualTo(elbParams("ModifyListener", Map.of(
        "ListenerArn", LISTENER_ARN,
        "DefaultActions.member.1.Type", "forward",
        "DefaultActions.member.1.ForwardConfig.TargetGroups.member.1.TargetGroupArn", BLUE_TG,
        "DefaultActions.member.1.ForwardConfig.TargetGroups.member.1.Weight", "50",
        "DefaultActions.member.1.ForwardConfig.TargetGroups.member.2.TargetGroupArn", GREEN_TG,
        "DefaultActions.member.1.ForwardConfig.TargetGroups.member.2.Weight", "50")));
  }

  @Test
  void setForwardOnAMissingRuleIsNotFoundAndModifiesNothing() {
    wm.stubFor(elb("DescribeRules").willReturn(elbError(400, "RuleNotFound", "One or more rules not found")));

    assertThatThrownBy(() -> elb.setForward(PROD_RULE, List.of(new WeightedTarget(GREEN_TG, 100))))
        .isInstanceOf(AwsNotFoundException.class);
    assertThat(elbRequests(wm, "ModifyRule")).isEmpty();
  }

  // ---- target groups ----------------------------------------------------------------------------

  @Test
  void describeTargetGroupsByNameMakesOneDescribeOneDescribeTagsAndReadsEachGroupsDeregistrationDelay() {
    String a = "teal-web-1a2b3c4d";
    String b = "teal-web-5e6f7a8b";
    elbReturns(wm, "DescribeTargetGroups", "<TargetGroups>" + targetGroup(a, 15) + targetGroup(b, 10)
        + "</TargetGroups>");
    wm.stubFor(elb("DescribeTargetGroupAttributes").withFormParam("TargetGroupArn", equalTo(targetGroupArn(a)))
        .willReturn(elbOk("DescribeTargetGroupAttributes", deregistrationDelay("30"))));
    wm.stubFor(elb("DescribeTargetGroupAttributes").withFormParam("TargetGroupArn", equalTo(targetGroupArn(b)))
        .willReturn(elbOk("DescribeTargetGroupAttributes", deregistrationDelay("300"))));
    elbReturns(wm, "DescribeTags", "<TagDescriptions>"
        + tagDescription(targetGroupArn(a), "teal.dev/managed-by", "teal", "teal.dev/revision", "1a2b3c4d")
        + tagDescription(targetGroupArn(b)) + "</TagDescriptions>");

    Map<String, TargetGroupInfo> groups = elb.describeTargetGroupsByName(List.of(a, b));

    assertThat(oneElbRequest(wm, "DescribeTargetGroups")).isEqualTo(elbParams("DescribeTargetGroups",
        Map.of("Names.member.1", a, "Names.member.2", b)));
    assertThat(oneElbRequest(wm, "DescribeTags")).isEqualTo(elbParams("DescribeTags",
        Map.of("ResourceArns.member.1", targetGroupArn(a), "ResourceArns.member.2", targetGroupArn(b))));
    assertThat(groups).containsOnlyKeys(a, b);
    assertThat(groups.get(a)).isEqualTo(new TargetGroupInfo(targetGroupArn(a), a, 15,
        Map.of("teal.dev/managed-by", "teal", "teal.dev/revision", "1a2b3c4d"), 30));
    assertThat(groups.get(b)).isEqualTo(new TargetGroupInfo(targetGroupArn(b), b, 10, Map.of(), 300));
    assertThat(elbRequests(wm, "DescribeTargetGroupAttributes")).hasSize(2);
  }

  @Test
  void describeTargetGroupsByNameFallsBackToOneCallPerNameWhenOneIsMissing() {
    String a = "teal-web-1a2b3c4d";
    String gone = "teal-web-deadbeef";
    wm.stubFor(elb("DescribeTargetGroups").withFormParam("Names.member.2", matching(".+")).atPriority(1)
        .willReturn(elbError(400, "TargetGroupNotFound", "One or more target groups not found")));
    wm.stubFor(elb("DescribeTargetGroups").withFormParam("Names.member.1", equalTo(a)).atPriority(5)
        .willReturn(elbOk("DescribeTargetGroups", "<TargetGroups>" + targetGroup(a, 15) + "</TargetGroups>")));
    wm.stubFor(elb("DescribeTargetGroups").withFormParam("Names.member.1", equalTo(gone)).atPriority(5)
        .willReturn(elbError(400, "TargetGroupNotFound", "One or more target groups not found")));
    elbReturns(wm, "DescribeTags", "<TagDescriptions>" + tagDescription(targetGroupArn(a), "k", "v")
        + "</TagDescriptions>");
    elbReturns(wm, "DescribeTargetGroupAttributes", deregistrationDelay("30"));

    Map<String, TargetGroupInfo> groups = elb.describeTargetGroupsByName(List.of(a, gone));

    assertThat(groups).containsOnlyKeys(a);
    assertThat(groups.get(a).tags()).isEqualTo(Map.of("k", "v"));
    assertThat(elbRequests(wm, "DescribeTargetGroups")).hasSize(3);
  }

  @Test
  void describeTargetGroupsByNoNamesCallsNothing() {
    // DescribeTargetGroups without Names would list every target group of the account.
    assertThat(elb.describeTargetGroupsByName(List.of())).isEmpty();
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  /** A fleet-wide check names hundreds of rules; they go twenty to a call. */
  @Test
  void describeRoutesAsksForTwentyRulesAtATime() {
    List<RouteRef> rules = IntStream.range(0, 45)
        .mapToObj(i -> RouteRef.rule(PROD_RULE_ARN.substring(0, PROD_RULE_ARN.lastIndexOf('/') + 1) + "r" + i))
        .toList();
    elbReturns(wm, "DescribeRules", "<Rules>" + hostRule(rules.get(0).arn(), 10, "shop.example.com",
        weightedForward(BLUE_TG, "100")) + "</Rules>");

    Map<RouteRef, RouteState> routes = elb.describeRoutes(rules);

    assertThat(elbRequests(wm, "DescribeRules")).hasSize(3)
        .allSatisfy(request -> assertThat(request).doesNotContainKey("RuleArns.member.21"));
    assertThat(routes).containsOnlyKeys(rules.get(0));
  }

  @Test
  void describeTagsAsksForTwentyArnsAtATime() {
    List<String> arns = IntStream.range(0, 45).mapToObj(i -> targetGroupArn("tg-" + i)).toList();
    wm.stubFor(elb("DescribeTags").withFormParam("ResourceArns.member.21", absent())
        .willReturn(elbOk("DescribeTags", "<TagDescriptions>" + tagDescription(arns.get(0), "teal.dev/revision", "x")
            + "</TagDescriptions>")));

    Map<String, Map<String, String>> tags = elb.describeTags(arns);

    List<Map<String, String>> requests = elbRequests(wm, "DescribeTags");
    assertThat(requests).containsExactly(tagsRequest(arns.subList(0, 20)), tagsRequest(arns.subList(20, 40)),
        tagsRequest(arns.subList(40, 45)));
    assertThat(tags.get(arns.get(0))).isEqualTo(Map.of("teal.dev/revision", "x"));
  }

  @Test
  void createTargetGroupSendsTheSettingsAndTagsThenTheDeregistrationDelay() {
    String name = "teal-web-5e6f7a8b";
    elbReturns(wm, "CreateTargetGroup", "<TargetGroups>" + targetGroup(name, 10) + "</TargetGroups>");
    elbReturns(wm, "ModifyTargetGroupAttributes", """
        <Attributes>
          <member><Key>deregistration_delay.timeout_seconds</Key><Value>30</Value></member>
          <member><Key>stickiness.enabled</Key><Value>false</Value></member>
        </Attributes>""");
    var tags = new LinkedHashMap<String, String>();
    tags.put("teal.dev/managed-by", "teal");
    tags.put("teal.dev/revision", "5e6f7a8b");

    TargetGroupInfo created = elb.createTargetGroup(name, settings(30), tags);

    var expected = new LinkedHashMap<String, String>();
    expected.put("Name", name);
    expected.put("Protocol", "HTTP");
    expected.put("Port", "8080");
    expected.put("VpcId", "vpc-0a1b2c3d4e5f60718");
    expected.put("HealthCheckPath", "/healthz");
    expected.put("HealthCheckIntervalSeconds", "10");
    expected.put("HealthCheckTimeoutSeconds", "5");
    expected.put("HealthyThresholdCount", "3");
    expected.put("UnhealthyThresholdCount", "2");
    expected.put("Matcher.HttpCode", "200-299");
    expected.put("TargetType", "ip");
    expected.put("Tags.member.1.Key", "teal.dev/managed-by");
    expected.put("Tags.member.1.Value", "teal");
    expected.put("Tags.member.2.Key", "teal.dev/revision");
    expected.put("Tags.member.2.Value", "5e6f7a8b");
    assertThat(oneElbRequest(wm, "CreateTargetGroup")).isEqualTo(elbParams("CreateTargetGroup", expected));
    assertThat(oneElbRequest(wm, "ModifyTargetGroupAttributes")).isEqualTo(elbParams("ModifyTargetGroupAttributes",
        Map.of("TargetGroupArn", targetGroupArn(name),
            "Attributes.member.1.Key", "deregistration_delay.timeout_seconds",
            "Attributes.member.1.Value", "30")));
    assertThat(created).isEqualTo(new TargetGroupInfo(targetGroupArn(name), name, 10, tags, 30));
  }

  private static String deregistrationDelay(String seconds) {
    return "<Attributes><member><Key>stickiness.enabled</Key><Value>false</Value></member>"
        + "<member><Key>deregistration_delay.timeout_seconds</Key><Value>" + seconds + "</Value></member>"
        + "</Attributes>";
  }

  /** Bridge and host tasks register as instance id + port, so their groups have target type instance. */
  @Test
  void createTargetGroupAsksForTheSettingsTargetType() {
    String name = "teal-web-5e6f7a8b";
    elbReturns(wm, "CreateTargetGroup", "<TargetGroups>" + targetGroup(name, 10) + "</TargetGroups>");
    TargetGroupSettings s = settings(300);

    elb.createTargetGroup(name, new TargetGroupSettings(s.vpcId(), s.port(), s.protocol(), s.healthCheckPath(),
        s.healthCheckIntervalSeconds(), s.healthCheckTimeoutSeconds(), s.healthyThreshold(), s.unhealthyThreshold(),
        s.matcher(), s.deregistrationDelaySeconds(), TargetGroupSettings.INSTANCE), Map.of());

    assertThat(oneElbRequest(wm, "CreateTargetGroup")).containsEntry("TargetType", "instance");
  }

  @Test
  void createTargetGroupLeavesELBsDefaultDeregistrationDelayAlone() {
    String name = "teal-web-5e6f7a8b";
    elbReturns(wm, "CreateTargetGroup", "<TargetGroups>" + targetGroup(name, 10) + "</TargetGroups>");

    elb.createTargetGroup(name, settings(300), Map.of());

    assertThat(oneElbRequest(wm, "CreateTargetGroup")).doesNotContainKey("Tags.member.1.Key");
    assertThat(elbRequests(wm, "ModifyTargetGroupAttributes")).isEmpty();
  }

  @Test
  void describeTargetHealthCountsTargetsByState() {
    elbReturns(wm, "DescribeTargetHealth", "<TargetHealthDescriptions>"
        + targetHealth("10.0.1.10", "healthy") + targetHealth("10.0.1.11", "healthy")
        + targetHealth("10.0.1.12", "initial") + targetHealth("10.0.1.13", "unhealthy")
        + targetHealth("10.0.1.14", "draining") + targetHealth("10.0.1.15", "unhealthy.draining")
        + targetHealth("10.0.1.16", "unused") + targetHealth("10.0.1.17", "unavailable")
        + "</TargetHealthDescriptions>");

    TargetHealthCounts counts = elb.describeTargetHealth(GREEN_TG);

    assertThat(oneElbRequest(wm, "DescribeTargetHealth"))
        .isEqualTo(elbParams("DescribeTargetHealth", Map.of("TargetGroupArn", GREEN_TG)));
    assertThat(counts).isEqualTo(new TargetHealthCounts(2, 1, 1, 2, 2));
  }

  @Test
  void describeTargetHealthOfAnEmptyGroupIsAllZero() {
    elbReturns(wm, "DescribeTargetHealth", "<TargetHealthDescriptions/>");

    assertThat(elb.describeTargetHealth(GREEN_TG)).isEqualTo(TargetHealthCounts.NONE);
  }

  @Test
  void deleteTargetGroupSendsItsArn() {
    elbReturns(wm, "DeleteTargetGroup", "");

    elb.deleteTargetGroup(GREEN_TG);

    assertThat(oneElbRequest(wm, "DeleteTargetGroup"))
        .isEqualTo(elbParams("DeleteTargetGroup", Map.of("TargetGroupArn", GREEN_TG)));
  }

  @Test
  void deleteTargetGroupThatIsAlreadyGoneSucceeds() {
    wm.stubFor(elb("DeleteTargetGroup")
        .willReturn(elbError(400, "TargetGroupNotFound", "One or more target groups not found")));

    elb.deleteTargetGroup(GREEN_TG);

    assertThat(elbRequests(wm, "DeleteTargetGroup")).hasSize(1);
  }

  private static TargetGroupSettings settings(int deregistrationDelay) {
    return new TargetGroupSettings("vpc-0a1b2c3d4e5f60718", 8080, "HTTP", "/healthz", 10, 5, 3, 2, "200-299",
        deregistrationDelay);
  }

  private static Map<String, String> tagsRequest(List<String> arns) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < arns.size(); i++) {
      params.put("ResourceArns.member." + (i + 1), arns.get(i));
    }
    return elbParams("DescribeTags", params);
  }
}
