package dev.teal.sandbox.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateTargetGroupNameException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidTargetException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.PriorityInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ResourceInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TooManyTargetGroupsException;

/** ELBv2 operations and errors through the real SDK client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ElbContractTest {

    private ContractTarget target;
    private ElasticLoadBalancingV2Client elb;
    private LoadBalancer lb;
    private Listener listener;

    @BeforeAll
    void setUp() {
        target = ContractTarget.resolve();
        elb = target.elb();
        lb = elb.createLoadBalancer(r -> r.name(target.name("contract-alb")).subnets(target.subnets()))
                .loadBalancers().get(0);
        target.onClose(() -> elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn())));
        listener = elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTP).port(80)
                .defaultActions(notFound())).listeners().get(0);
    }

    @AfterAll
    void tearDown() {
        target.close();
    }

    private static Action notFound() {
        return Action.builder().type(ActionTypeEnum.FIXED_RESPONSE)
                .fixedResponseConfig(f -> f.statusCode("404").contentType("text/plain").messageBody("none")).build();
    }

    private static Action forward(Map<String, Integer> weights) {
        List<TargetGroupTuple> tuples = new ArrayList<>();
        weights.forEach((arn, w) -> tuples.add(TargetGroupTuple.builder().targetGroupArn(arn).weight(w).build()));
        return Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(f -> f.targetGroups(tuples)).build();
    }

    private static RuleCondition path(String pattern) {
        return RuleCondition.builder().field("path-pattern").pathPatternConfig(p -> p.values(pattern)).build();
    }

    private TargetGroup targetGroup(String base) {
        TargetGroup tg = elb.createTargetGroup(r -> r.name(target.name(base)).protocol(ProtocolEnum.HTTP).port(80)
                .vpcId(target.vpcId()).targetType(TargetTypeEnum.IP)).targetGroups().get(0);
        target.onClose(() -> elb.deleteTargetGroup(r -> r.targetGroupArn(tg.targetGroupArn())));
        return tg;
    }

    @Test
    void describesLoadBalancersByNameAndArn() {
        assertThat(elb.describeLoadBalancers(r -> r.names(lb.loadBalancerName())).loadBalancers())
                .singleElement().satisfies(l -> {
                    assertThat(l.loadBalancerArn()).isEqualTo(lb.loadBalancerArn());
                    assertThat(l.dnsName()).isNotBlank();
                    assertThat(l.availabilityZones()).hasSize(2);
                });
        assertThat(elb.describeLoadBalancers(r -> r.loadBalancerArns(lb.loadBalancerArn())).loadBalancers())
                .extracting(LoadBalancer::loadBalancerName).containsExactly(lb.loadBalancerName());
        assertThatThrownBy(() -> elb.describeLoadBalancers(r -> r.names(target.name("no-such-alb"))))
                .isInstanceOf(LoadBalancerNotFoundException.class);
    }

    @Test
    void createTargetGroupIsIdempotentForIdenticalSettingsOnly() {
        TargetGroup tg = targetGroup("contract-idem");
        TargetGroup again = elb.createTargetGroup(r -> r.name(tg.targetGroupName()).protocol(ProtocolEnum.HTTP).port(80)
                .vpcId(target.vpcId()).targetType(TargetTypeEnum.IP)).targetGroups().get(0);
        assertThat(again.targetGroupArn()).isEqualTo(tg.targetGroupArn());
        assertThat(tg.targetGroupArn()).matches("arn:aws:elasticloadbalancing:[a-z0-9-]+:\\d{12}:targetgroup/"
                + tg.targetGroupName() + "/[0-9a-f]{16}");
        assertThatThrownBy(() -> elb.createTargetGroup(r -> r.name(tg.targetGroupName()).protocol(ProtocolEnum.HTTP)
                .port(8080).vpcId(target.vpcId()).targetType(TargetTypeEnum.IP)))
                .isInstanceOf(DuplicateTargetGroupNameException.class);
    }

    @Test
    void targetGroupNamesFollowAwsRules() {
        String tooLong = "a".repeat(33);
        assertThatThrownBy(() -> elb.createTargetGroup(r -> r.name(tooLong).protocol(ProtocolEnum.HTTP).port(80)
                .vpcId(target.vpcId())))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> elb.createTargetGroup(r -> r.name("bad_name").protocol(ProtocolEnum.HTTP).port(80)
                .vpcId(target.vpcId())))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        String exactly32 = target.name("n").length() < 32 ? (target.name("n") + "x".repeat(32)).substring(0, 32) : target.name("n");
        TargetGroup ok = elb.createTargetGroup(r -> r.name(exactly32).protocol(ProtocolEnum.HTTP).port(80)
                .vpcId(target.vpcId()).targetType(TargetTypeEnum.IP)).targetGroups().get(0);
        target.onClose(() -> elb.deleteTargetGroup(r -> r.targetGroupArn(ok.targetGroupArn())));
        assertThat(ok.targetGroupName()).hasSize(32);
    }

    @Test
    void describesTargetGroupsByNamesArnsAndLoadBalancer() {
        TargetGroup a = targetGroup("contract-by-a");
        TargetGroup b = targetGroup("contract-by-b");
        assertThat(elb.describeTargetGroups(r -> r.names(a.targetGroupName(), b.targetGroupName())).targetGroups())
                .extracting(TargetGroup::targetGroupArn).containsExactly(a.targetGroupArn(), b.targetGroupArn());
        assertThat(elb.describeTargetGroups(r -> r.targetGroupArns(b.targetGroupArn())).targetGroups())
                .extracting(TargetGroup::targetGroupName).containsExactly(b.targetGroupName());

        Rule rule = elb.createRule(r -> r.listenerArn(listener.listenerArn()).priority(300)
                .conditions(path("/by-lb/*")).actions(forward(Map.of(a.targetGroupArn(), 1)))).rules().get(0);
        target.onClose(() -> elb.deleteRule(r -> r.ruleArn(rule.ruleArn())));
        List<String> attached = elb.describeTargetGroups(r -> r.loadBalancerArn(lb.loadBalancerArn())).targetGroups()
                .stream().map(TargetGroup::targetGroupArn).toList();
        assertThat(attached).contains(a.targetGroupArn()).doesNotContain(b.targetGroupArn());
        assertThat(elb.describeTargetGroups(r -> r.targetGroupArns(a.targetGroupArn())).targetGroups().get(0)
                .loadBalancerArns()).containsExactly(lb.loadBalancerArn());
        assertThatThrownBy(() -> elb.describeTargetGroups(r -> r.names(target.name("no-such-tg"))))
                .isInstanceOf(TargetGroupNotFoundException.class);
        assertThatThrownBy(() -> elb.describeTargetGroups(r -> r.targetGroupArns(a.targetGroupArn() + "0")))
                .isInstanceOf(TargetGroupNotFoundException.class);
    }

    @Test
    void describeTargetGroupsPaginates() {
        List<String> created = IntStream.range(0, 5).mapToObj(i -> targetGroup("contract-page-" + i).targetGroupArn())
                .toList();
        var firstPage = elb.describeTargetGroups(r -> r.pageSize(2));
        assertThat(firstPage.targetGroups()).hasSize(2);
        assertThat(firstPage.nextMarker()).isNotBlank();
        List<String> all = elb.describeTargetGroupsPaginator(r -> r.pageSize(2)).targetGroups().stream()
                .map(TargetGroup::targetGroupArn).toList();
        assertThat(all).containsAll(created).doesNotHaveDuplicates();
        assertThatThrownBy(() -> elb.describeTargetGroups(r -> r.pageSize(401)))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    }

    @Test
    void deleteTargetGroupFailsWhileARuleForwardsToItAndSucceedsAfter() {
        TargetGroup used = targetGroup("contract-inuse");
        TargetGroup other = targetGroup("contract-inuse-2");
        Rule rule = elb.createRule(r -> r.listenerArn(listener.listenerArn()).priority(310)
                .conditions(path("/inuse/*")).actions(forward(Map.of(used.targetGroupArn(), 1)))).rules().get(0);
        target.onClose(() -> elb.deleteRule(r -> r.ruleArn(rule.ruleArn())));
        assertThatThrownBy(() -> elb.deleteTargetGroup(r -> r.targetGroupArn(used.targetGroupArn())))
                .isInstanceOf(ResourceInUseException.class);

        elb.modifyRule(r -> r.ruleArn(rule.ruleArn()).actions(forward(Map.of(other.targetGroupArn(), 1))));
        elb.deleteTargetGroup(r -> r.targetGroupArn(used.targetGroupArn()));
        assertThatThrownBy(() -> elb.describeTargetGroups(r -> r.targetGroupArns(used.targetGroupArn())))
                .isInstanceOf(TargetGroupNotFoundException.class);
    }

    @Test
    void listenersCanBeDescribedAndTheirDefaultActionsModified() {
        TargetGroup blue = targetGroup("contract-ls-blue");
        TargetGroup green = targetGroup("contract-ls-green");
        Listener l = elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTP)
                .port(8081).defaultActions(forward(Map.of(blue.targetGroupArn(), 1)))).listeners().get(0);
        target.onClose(() -> elb.deleteListener(r -> r.listenerArn(l.listenerArn())));
        assertThat(elb.describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn())).listeners())
                .extracting(Listener::listenerArn).contains(listener.listenerArn(), l.listenerArn());

        elb.modifyListener(r -> r.listenerArn(l.listenerArn())
                .defaultActions(forward(Map.of(blue.targetGroupArn(), 80, green.targetGroupArn(), 20))));
        Listener described = elb.describeListeners(r -> r.listenerArns(l.listenerArn())).listeners().get(0);
        assertThat(described.port()).isEqualTo(8081);
        assertThat(described.defaultActions().get(0).forwardConfig().targetGroups())
                .extracting(TargetGroupTuple::targetGroupArn, TargetGroupTuple::weight)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(blue.targetGroupArn(), 80),
                        org.assertj.core.groups.Tuple.tuple(green.targetGroupArn(), 20));
        assertThatThrownBy(() -> elb.describeListeners(r -> r.listenerArns(l.listenerArn() + "0")))
                .isInstanceOf(ListenerNotFoundException.class);
        assertThatThrownBy(() -> elb.modifyListener(r -> r.listenerArn(l.listenerArn() + "0").port(81)))
                .isInstanceOf(ListenerNotFoundException.class);
    }

    @Test
    void rulesShiftWeightsAndAreDescribedByListenerOrArns() {
        TargetGroup blue = targetGroup("contract-rule-blue");
        TargetGroup green = targetGroup("contract-rule-green");
        Rule first = elb.createRule(r -> r.listenerArn(listener.listenerArn()).priority(100)
                .conditions(path("/shift/*")).actions(forward(Map.of(blue.targetGroupArn(), 1)))).rules().get(0);
        target.onClose(() -> elb.deleteRule(r -> r.ruleArn(first.ruleArn())));
        Rule second = elb.createRule(r -> r.listenerArn(listener.listenerArn()).priority(101)
                .conditions(RuleCondition.builder().field("host-header").hostHeaderConfig(h -> h.values("*.example.com"))
                        .build())
                .actions(forward(Map.of(blue.targetGroupArn(), 1)))).rules().get(0);
        target.onClose(() -> elb.deleteRule(r -> r.ruleArn(second.ruleArn())));

        elb.modifyRule(r -> r.ruleArn(first.ruleArn())
                .actions(forward(Map.of(blue.targetGroupArn(), 90, green.targetGroupArn(), 10))));

        List<Rule> byArns = elb.describeRules(r -> r.ruleArns(first.ruleArn(), second.ruleArn())).rules();
        assertThat(byArns).extracting(Rule::ruleArn).containsExactly(first.ruleArn(), second.ruleArn());
        Map<String, Integer> weights = byArns.get(0).actions().get(0).forwardConfig().targetGroups().stream()
                .collect(Collectors.toMap(TargetGroupTuple::targetGroupArn, TargetGroupTuple::weight));
        assertThat(weights).containsEntry(blue.targetGroupArn(), 90).containsEntry(green.targetGroupArn(), 10);
        assertThat(byArns.get(1).conditions().get(0).hostHeaderConfig().values()).containsExactly("*.example.com");

        List<Rule> byListener = elb.describeRules(r -> r.listenerArn(listener.listenerArn())).rules();
        assertThat(byListener).extracting(Rule::ruleArn).contains(first.ruleArn(), second.ruleArn());
        assertThat(byListener.get(byListener.size() - 1).isDefault()).isTrue();
        assertThat(byListener.get(byListener.size() - 1).priority()).isEqualTo("default");

        assertThatThrownBy(() -> elb.createRule(r -> r.listenerArn(listener.listenerArn()).priority(100)
                .conditions(path("/dup/*")).actions(forward(Map.of(blue.targetGroupArn(), 1)))))
                .isInstanceOf(PriorityInUseException.class);
        assertThatThrownBy(() -> elb.describeRules(r -> r.ruleArns(first.ruleArn() + "0")))
                .isInstanceOf(RuleNotFoundException.class);
        assertThatThrownBy(() -> elb.modifyRule(r -> r.ruleArn(first.ruleArn() + "0")
                .actions(forward(Map.of(blue.targetGroupArn(), 1)))))
                .isInstanceOf(RuleNotFoundException.class);
        assertThatThrownBy(() -> elb.describeRules(r -> r.listenerArn(listener.listenerArn() + "0")))
                .isInstanceOf(ListenerNotFoundException.class);
    }

    @Test
    void forwardActionsAreLimitedToFiveGroupsAndWeightsUpTo999() {
        List<String> six = IntStream.range(0, 6).mapToObj(i -> targetGroup("contract-quota-" + i).targetGroupArn())
                .toList();
        Map<String, Integer> sixWeights = new java.util.LinkedHashMap<>();
        six.forEach(arn -> sixWeights.put(arn, 1));
        assertThatThrownBy(() -> elb.createRule(r -> r.listenerArn(listener.listenerArn()).priority(400)
                .conditions(path("/six/*")).actions(forward(sixWeights))))
                .isInstanceOf(TooManyTargetGroupsException.class);

        Map<String, Integer> five = new java.util.LinkedHashMap<>(sixWeights);
        five.remove(six.get(5));
        Rule ok = elb.createRule(r -> r.listenerArn(listener.listenerArn()).priority(400)
                .conditions(path("/five/*")).actions(forward(five))).rules().get(0);
        target.onClose(() -> elb.deleteRule(r -> r.ruleArn(ok.ruleArn())));
        assertThat(ok.actions().get(0).forwardConfig().targetGroups()).hasSize(5);

        assertThatThrownBy(() -> elb.modifyRule(r -> r.ruleArn(ok.ruleArn())
                .actions(forward(Map.of(six.get(0), 1000)))))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        elb.modifyRule(r -> r.ruleArn(ok.ruleArn()).actions(forward(Map.of(six.get(0), 999, six.get(1), 0))));
        assertThatThrownBy(() -> elb.modifyRule(r -> r.ruleArn(ok.ruleArn())
                .actions(forward(Map.of(six.get(0) + "0", 1)))))
                .isInstanceOf(TargetGroupNotFoundException.class);
    }

    @Test
    void targetsRegisterInitialAndDeregisterDraining() {
        TargetGroup tg = targetGroup("contract-targets");
        Rule rule = elb.createRule(r -> r.listenerArn(listener.listenerArn()).priority(500)
                .conditions(path("/targets/*")).actions(forward(Map.of(tg.targetGroupArn(), 1)))).rules().get(0);
        target.onClose(() -> elb.deleteRule(r -> r.ruleArn(rule.ruleArn())));
        elb.registerTargets(r -> r.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id("10.0.1.10").port(80),
                t -> t.id("10.0.1.11").port(80)));

        List<TargetHealthDescription> health = elb.describeTargetHealth(r -> r.targetGroupArn(tg.targetGroupArn()))
                .targetHealthDescriptions();
        assertThat(health).hasSize(2).allSatisfy(h -> {
            assertThat(h.targetHealth().stateAsString()).isEqualTo("initial");
            assertThat(h.targetHealth().reasonAsString()).isEqualTo("Elb.RegistrationInProgress");
        });

        elb.deregisterTargets(r -> r.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id("10.0.1.10").port(80)));
        assertThat(elb.describeTargetHealth(r -> r.targetGroupArn(tg.targetGroupArn())
                .targets(t -> t.id("10.0.1.10").port(80))).targetHealthDescriptions())
                .singleElement().satisfies(h -> {
                    assertThat(h.targetHealth().stateAsString()).isEqualTo("draining");
                    assertThat(h.targetHealth().reasonAsString()).isEqualTo("Target.DeregistrationInProgress");
                });
        assertThatThrownBy(() -> elb.deregisterTargets(r -> r.targetGroupArn(tg.targetGroupArn())
                .targets(t -> t.id("10.0.9.99").port(80))))
                .isInstanceOf(InvalidTargetException.class);
        assertThatThrownBy(() -> elb.describeTargetHealth(r -> r.targetGroupArn(tg.targetGroupArn() + "0")))
                .isInstanceOf(TargetGroupNotFoundException.class);
    }

    @Test
    void deregistrationDelayIsATargetGroupAttribute() {
        TargetGroup tg = targetGroup("contract-attrs");
        elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(tg.targetGroupArn())
                .attributes(a -> a.key("deregistration_delay.timeout_seconds").value("45")));
        assertThat(elb.describeTargetGroupAttributes(r -> r.targetGroupArn(tg.targetGroupArn())).attributes())
                .anySatisfy(a -> {
                    assertThat(a.key()).isEqualTo("deregistration_delay.timeout_seconds");
                    assertThat(a.value()).isEqualTo("45");
                });
    }

    @Test
    void tagsAreAddedRemovedAndDescribedForUpToTwentyResources() {
        TargetGroup tg = targetGroup("contract-tags");
        elb.addTags(r -> r.resourceArns(tg.targetGroupArn(), lb.loadBalancerArn())
                .tags(Tag.builder().key("teal:app").value("web").build(), Tag.builder().key("colour").value("blue").build()));
        elb.removeTags(r -> r.resourceArns(tg.targetGroupArn()).tagKeys("colour"));

        List<TagDescription> described = elb.describeTags(r -> r.resourceArns(tg.targetGroupArn(), lb.loadBalancerArn()))
                .tagDescriptions();
        assertThat(described).extracting(TagDescription::resourceArn)
                .containsExactly(tg.targetGroupArn(), lb.loadBalancerArn());
        assertThat(described.get(0).tags()).extracting(Tag::key).containsExactly("teal:app");
        assertThat(described.get(1).tags()).extracting(Tag::key).contains("teal:app", "colour");

        List<String> twentyOne = IntStream.range(0, 21).mapToObj(i -> tg.targetGroupArn()).toList();
        assertThatThrownBy(() -> elb.describeTags(r -> r.resourceArns(twentyOne)))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> elb.describeTags(r -> r.resourceArns(tg.targetGroupArn() + "0")))
                .isInstanceOf(TargetGroupNotFoundException.class);
    }
}
