package dev.teal.sandbox.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.CreateTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.ScaleUnit;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.ecs.model.TaskSet;
import software.amazon.awssdk.services.ecs.model.TaskSetField;
import software.amazon.awssdk.services.ecs.model.TaskSetNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/** ECS operations and errors for services with the EXTERNAL deployment controller, through the real SDK client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EcsContractTest {

  private ContractTarget target;
  private EcsClient ecs;
  private String cluster;
  private String family;
  private String taskDefinitionArn;
  private String targetGroupArn;

  @BeforeAll
  void setUp() {
    target = ContractTarget.resolve();
    ecs = target.ecs();
    ElasticLoadBalancingV2Client elb = target.elb();
    cluster = target.name("contract");
    ecs.createCluster(r -> r.clusterName(cluster));
    target.onClose(() -> ecs.deleteCluster(r -> r.cluster(cluster)));

    // ECS refuses task sets whose target group no load balancer uses, so wire one up.
    LoadBalancer lb = elb.createLoadBalancer(r -> r.name(target.name("contract-ecs-alb")).subnets(target.subnets()))
        .loadBalancers().get(0);
    target.onClose(() -> elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn())));
    TargetGroup tg = elb.createTargetGroup(r -> r.name(target.name("contract-ecs-tg")).protocol(ProtocolEnum.HTTP)
        .port(80).vpcId(target.vpcId()).targetType(TargetTypeEnum.IP)).targetGroups().get(0);
    targetGroupArn = tg.targetGroupArn();
    elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTP).port(80)
        .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroupArn)));
    target.onClose(() -> elb.deleteTargetGroup(r -> r.targetGroupArn(targetGroupArn)));

    family = target.name("contract-web");
    taskDefinitionArn = registerTaskDefinition("nginx:1.26");
  }

  @AfterAll
  void tearDown() {
    if (target != null) {
      target.close();
    }
  }

  private String registerTaskDefinition(String image) {
    return ecs.registerTaskDefinition(r -> r.family(family)
        .networkMode(NetworkMode.AWSVPC)
        .requiresCompatibilities(Compatibility.FARGATE)
        .cpu("256").memory("512")
        .containerDefinitions(c -> c.name("web").image(image).essential(true)
            .portMappings(p -> p.containerPort(80)))
        .tags(Tag.builder().key("teal:app").value("web").build()))
        .taskDefinition().taskDefinitionArn();
  }

  private String externalService(String base, int desired) {
    String name = target.name(base);
    ecs.createService(r -> r.cluster(cluster).serviceName(name).desiredCount(desired)
        .deploymentController(d -> d.type(DeploymentControllerType.EXTERNAL))
        .tags(Tag.builder().key("teal:managed").value("true").build()));
    target.onClose(() -> ecs.deleteService(r -> r.cluster(cluster).service(name).force(true)));
    return name;
  }

  private CreateTaskSetRequest.Builder taskSet(String service) {
    return CreateTaskSetRequest.builder().cluster(cluster).service(service)
        .taskDefinition(taskDefinitionArn)
        .launchType(LaunchType.FARGATE)
        .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(target.subnets())))
        .loadBalancers(l -> l.targetGroupArn(targetGroupArn).containerName("web").containerPort(80));
  }

  @Test
  void clustersAreCreatedAndDescribed() {
    assertThat(ecs.describeClusters(r -> r.clusters(cluster)).clusters()).singleElement()
        .satisfies(c -> {
          assertThat(c.clusterName()).isEqualTo(cluster);
          assertThat(c.status()).isEqualTo("ACTIVE");
          assertThat(c.clusterArn()).endsWith(":cluster/" + cluster);
        });
    assertThat(ecs.describeClusters(r -> r.clusters(target.name("no-such-cluster"))).failures())
        .singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));
  }

  @Test
  void taskDefinitionsAreRegisteredDescribedListedAndDeregistered() {
    String second = registerTaskDefinition("nginx:1.27");
    var described = ecs.describeTaskDefinition(r -> r.taskDefinition(family).include(TaskDefinitionField.TAGS));
    assertThat(described.taskDefinition().taskDefinitionArn()).isEqualTo(second);
    assertThat(described.taskDefinition().containerDefinitions().get(0).image()).isEqualTo("nginx:1.27");
    assertThat(described.taskDefinition().revision()).isGreaterThan(1);
    assertThat(described.tags()).extracting(Tag::key).containsExactly("teal:app");

    List<String> desc = ecs.listTaskDefinitions(r -> r.familyPrefix(family).sort(SortOrder.DESC))
        .taskDefinitionArns();
    assertThat(desc).startsWith(second, taskDefinitionArn);
    var firstPage = ecs.listTaskDefinitions(r -> r.familyPrefix(family).maxResults(1));
    assertThat(firstPage.taskDefinitionArns()).containsExactly(taskDefinitionArn);
    assertThat(firstPage.nextToken()).isNotBlank();
    assertThat(ecs.listTaskDefinitionsPaginator(r -> r.familyPrefix(family).maxResults(1)).taskDefinitionArns())
        .contains(taskDefinitionArn, second);

    var deregistered = ecs.deregisterTaskDefinition(r -> r.taskDefinition(second)).taskDefinition();
    assertThat(deregistered.status()).isEqualTo(TaskDefinitionStatus.INACTIVE);
    assertThat(ecs.listTaskDefinitions(r -> r.familyPrefix(family).status(TaskDefinitionStatus.INACTIVE))
        .taskDefinitionArns()).containsExactly(second);
    assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition(family)).taskDefinition().taskDefinitionArn())
        .isEqualTo(taskDefinitionArn);

    assertThatThrownBy(() -> ecs.describeTaskDefinition(r -> r.taskDefinition(target.name("no-such-family"))))
        .isInstanceOf(ClientException.class);
  }

  @Test
  void servicesAreCreatedUpdatedAndDescribedWithTags() {
    String name = externalService("svc-update", 2);
    ecs.updateService(r -> r.cluster(cluster).service(name).desiredCount(4));
    var described = ecs.describeServices(r -> r.cluster(cluster).services(name).include(ServiceField.TAGS));
    Service s = described.services().get(0);
    assertThat(s.desiredCount()).isEqualTo(4);
    assertThat(s.deploymentController().type()).isEqualTo(DeploymentControllerType.EXTERNAL);
    assertThat(s.serviceArn()).endsWith(":service/" + cluster + "/" + name);
    assertThat(s.tags()).extracting(Tag::key).containsExactly("teal:managed");

    assertThat(ecs.describeServices(r -> r.cluster(cluster).services(target.name("ghost"))).failures())
        .singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));
    assertThatThrownBy(() -> ecs.updateService(r -> r.cluster(cluster).service(target.name("ghost")).desiredCount(1)))
        .isInstanceOf(ServiceNotFoundException.class);
    assertThatThrownBy(() -> ecs.createService(r -> r.cluster(cluster).serviceName(name).desiredCount(1)
        .deploymentController(d -> d.type(DeploymentControllerType.EXTERNAL))))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void taskSetsFollowTheExternalControllerLifecycle() {
    String service = externalService("svc-ts", 4);
    TaskSet blue = ecs.createTaskSet(taskSet(service).externalId("blue").clientToken("token-blue")
        .scale(s -> s.unit(ScaleUnit.PERCENT).value(100.0))
        .tags(Tag.builder().key("teal:colour").value("blue").build()).build()).taskSet();
    TaskSet sameAgain = ecs.createTaskSet(taskSet(service).externalId("blue").clientToken("token-blue")
        .scale(s -> s.unit(ScaleUnit.PERCENT).value(100.0))
        .tags(Tag.builder().key("teal:colour").value("blue").build()).build()).taskSet();
    assertThat(sameAgain.taskSetArn()).isEqualTo(blue.taskSetArn());
    assertThat(blue.status()).as("no task set is primary until UpdateServicePrimaryTaskSet").isEqualTo("ACTIVE");
    ecs.updateServicePrimaryTaskSet(r -> r.cluster(cluster).service(service).primaryTaskSet(blue.taskSetArn()));
    assertThat(blue.computedDesiredCount()).isEqualTo(4);
    assertThat(blue.taskSetArn()).contains(":task-set/" + cluster + "/" + service + "/");

    TaskSet green = ecs.createTaskSet(taskSet(service).externalId("green")
        .scale(s -> s.unit(ScaleUnit.PERCENT).value(0.0)).build()).taskSet();
    assertThat(green.status()).isEqualTo("ACTIVE");
    assertThat(green.computedDesiredCount()).isZero();

    ecs.updateTaskSet(r -> r.cluster(cluster).service(service).taskSet(green.taskSetArn())
        .scale(s -> s.unit(ScaleUnit.PERCENT).value(50.0)));
    ecs.updateServicePrimaryTaskSet(r -> r.cluster(cluster).service(service).primaryTaskSet(green.taskSetArn()));

    List<TaskSet> sets = ecs.describeTaskSets(r -> r.cluster(cluster).service(service)
        .taskSets(blue.taskSetArn(), green.taskSetArn()).include(TaskSetField.TAGS)).taskSets();
    assertThat(sets).extracting(TaskSet::externalId, TaskSet::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("blue", "ACTIVE"),
            org.assertj.core.groups.Tuple.tuple("green", "PRIMARY"));
    assertThat(sets.get(1).computedDesiredCount()).isEqualTo(2);
    assertThat(sets.get(1).scale().value()).isEqualTo(50.0);
    assertThat(sets.get(0).tags()).extracting(Tag::key).containsExactly("teal:colour");
    assertThat(sets.get(0).loadBalancers()).singleElement()
        .satisfies(lb -> assertThat(lb.targetGroupArn()).isEqualTo(targetGroupArn));
    assertThat(ecs.describeServices(r -> r.cluster(cluster).services(service)).services().get(0).taskSets())
        .hasSize(2);

    TaskSet deleted = ecs.deleteTaskSet(r -> r.cluster(cluster).service(service).taskSet(blue.taskSetArn())
        .force(true)).taskSet();
    assertThat(deleted.status()).isEqualTo("DRAINING");

    assertThatThrownBy(() -> ecs.updateTaskSet(r -> r.cluster(cluster).service(service)
        .taskSet(green.taskSetArn() + "0").scale(s -> s.unit(ScaleUnit.PERCENT).value(10.0))))
        .isInstanceOf(TaskSetNotFoundException.class);
    assertThatThrownBy(() -> ecs.describeTaskSets(r -> r.cluster(cluster).service(target.name("ghost"))))
        .isInstanceOf(ServiceNotFoundException.class);
  }

  @Test
  void aServiceHoldsAtMostFiveTaskSets() {
    String service = externalService("svc-quota", 1);
    for (int i = 0; i < 5; i++) {
      ecs.createTaskSet(taskSet(service).externalId("set-" + i)
          .scale(s -> s.unit(ScaleUnit.PERCENT).value(0.0)).build());
    }
    assertThatThrownBy(() -> ecs.createTaskSet(taskSet(service).externalId("set-5")
        .scale(s -> s.unit(ScaleUnit.PERCENT).value(0.0)).build()))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("5 deployments exist");
  }

  @Test
  void taskSetsNeedTheExternalController() {
    String name = target.name("svc-ecs-controller");
    ecs.createService(r -> r.cluster(cluster).serviceName(name).desiredCount(0).taskDefinition(taskDefinitionArn)
        .launchType(LaunchType.FARGATE)
        .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(target.subnets()))));
    target.onClose(() -> ecs.deleteService(r -> r.cluster(cluster).service(name).force(true)));
    assertThatThrownBy(() -> ecs.createTaskSet(taskSet(name).build()))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void servicesAreDeletedWithForceWhileScaledUp() {
    String name = externalService("svc-delete", 2);
    assertThatThrownBy(() -> ecs.deleteService(r -> r.cluster(cluster).service(name)))
        .isInstanceOf(InvalidParameterException.class);
    assertThat(ecs.deleteService(r -> r.cluster(cluster).service(name).force(true)).service().status())
        .isEqualTo("DRAINING");
  }

  @Test
  void resourcesAreTaggedAndUntagged() {
    String name = externalService("svc-tags", 0);
    String arn = ecs.describeServices(r -> r.cluster(cluster).services(name)).services().get(0).serviceArn();
    ecs.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("owner").value("team-a").build(),
        Tag.builder().key("temp").value("1").build()));
    ecs.untagResource(r -> r.resourceArn(arn).tagKeys("temp"));
    assertThat(ecs.listTagsForResource(r -> r.resourceArn(arn)).tags())
        .extracting(Tag::key, Tag::value)
        .contains(org.assertj.core.groups.Tuple.tuple("owner", "team-a"))
        .noneMatch(t -> t.toList().contains("temp"));
    assertThatThrownBy(() -> ecs.listTagsForResource(r -> r.resourceArn(arn + "-ghost")))
        .isInstanceOf(EcsException.class);
  }
}
