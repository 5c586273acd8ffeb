package dev.teal.sandbox.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/**
 * CreateTaskSet's client token and a deleted task set's drain, through the real SDK client. Sources: ECS API
 * reference, "Ensuring idempotency" (a token answers with what it made; another request under it fails),
 * ALB guide, "Deregistration delay"; docs/sandbox.md lists them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskSetTokenAndDrainingContractTest {

  private ContractTarget target;
  private ExternalService world;

  @BeforeAll
  void setUp() {
    target = ContractTarget.resolve();
    world = new ExternalService(target, "contract-tokens");
  }

  @AfterAll
  void tearDown() {
    if (target != null) {
      target.close();
    }
  }

  private List<TaskSet> taskSets(String service) {
    return world.ecs.describeServices(r -> r.cluster(world.cluster).services(service)).services().get(0).taskSets();
  }

  @Test
  void aUsedTokenAnswersWithTheTaskSetItMadeEvenAfterItWasDeleted() {
    String service = world.service("svc-token", 1);
    String group = world.targetGroup("contract-token-tg", 30);
    world.forwardRule(group);
    TaskSet first = world.ecs.createTaskSet(world.taskSet(service, group, 100).externalId("rev-a")
        .clientToken("attempt-1").build()).taskSet();
    world.ecs.deleteTaskSet(r -> r.cluster(world.cluster).service(service).taskSet(first.taskSetArn()).force(true));

    // The same revision comes back (a retry after an abort): the old token gives the deleted task set back.
    TaskSet again = world.ecs.createTaskSet(world.taskSet(service, group, 100).externalId("rev-a")
        .clientToken("attempt-1").build()).taskSet();
    assertThat(again.taskSetArn()).isEqualTo(first.taskSetArn());
    assertThat(taskSets(service)).extracting(TaskSet::taskSetArn).containsExactly(first.taskSetArn());

    // The same token with other parameters (green coming back at another scale) is refused.
    assertThatThrownBy(() -> world.ecs.createTaskSet(world.taskSet(service, group, 50).externalId("rev-a")
        .clientToken("attempt-1").build()))
        .isInstanceOf(InvalidParameterException.class).hasMessageContaining("not idempotent");

    // A new token per attempt creates a new task set.
    TaskSet fresh = world.ecs.createTaskSet(world.taskSet(service, group, 100).externalId("rev-a")
        .clientToken("attempt-2").build()).taskSet();
    assertThat(fresh.taskSetArn()).isNotEqualTo(first.taskSetArn());
  }

  @Test
  void theSimulatorRemembersATokenAfterTheTaskSetIsGone() {
    target.assumeSimulator(); // how long ECS remembers is undocumented: the simulator takes "for ever"
    String service = world.service("svc-token-gone", 1);
    String group = world.targetGroup("contract-token-gone", 10);
    world.forwardRule(group);
    TaskSet first = world.ecs.createTaskSet(world.taskSet(service, group, 100).clientToken("remembered").build())
        .taskSet();
    world.ecs.deleteTaskSet(r -> r.cluster(world.cluster).service(service).taskSet(first.taskSetArn()).force(true));
    target.advance(Duration.ofDays(30));
    assertThat(taskSets(service)).isEmpty();

    TaskSet again = world.ecs.createTaskSet(world.taskSet(service, group, 100).clientToken("remembered").build())
        .taskSet();
    assertThat(again.taskSetArn()).isEqualTo(first.taskSetArn());
    assertThat(again.status()).isEqualTo("DRAINING");
    assertThat(taskSets(service)).isEmpty();
  }

  @Test
  void aDrainingTaskSetCountsTowardTheLimitOfFive() {
    String service = world.service("svc-draining", 1);
    String group = world.targetGroup("contract-draining-tg", 120);
    world.forwardRule(group);
    String draining = null;
    for (int i = 0; i < 5; i++) {
      TaskSet ts = world.ecs.createTaskSet(world.taskSet(service, group, 0).externalId("set-" + i).build()).taskSet();
      draining = draining == null ? ts.taskSetArn() : draining;
    }
    String deleted = draining;
    TaskSet drained = world.ecs.deleteTaskSet(r -> r.cluster(world.cluster).service(service).taskSet(deleted)
        .force(true)).taskSet();
    assertThat(drained.status()).isEqualTo("DRAINING");
    assertThat(taskSets(service)).hasSize(5).filteredOn(t -> "DRAINING".equals(t.status())).hasSize(1);

    assertThatThrownBy(() -> world.ecs.createTaskSet(world.taskSet(service, group, 0).externalId("set-5").build()))
        .isInstanceOf(InvalidParameterException.class).hasMessageContaining("5 deployments exist");
  }

  @Test
  void aDeletedTaskSetDrainsForItsGroupsDeregistrationDelayEvenWhenNoListenerUsesTheGroup() {
    target.assumeSimulator(); // waiting out a real drain is not a unit test
    String service = world.service("svc-drain-time", 1);
    String group = world.targetGroup("contract-drain-time", 90);
    String rule = world.forwardRule(group);
    TaskSet ts = world.ecs.createTaskSet(world.taskSet(service, group, 100).build()).taskSet();
    target.advance(Duration.ofMinutes(2));
    // The route leaves the group first, as teal does before deleting: the drain still takes the full delay.
    world.elb.deleteRule(r -> r.ruleArn(rule));
    world.ecs.deleteTaskSet(r -> r.cluster(world.cluster).service(service).taskSet(ts.taskSetArn()).force(true));

    target.advance(Duration.ofSeconds(89));
    assertThat(taskSets(service)).singleElement().satisfies(t -> assertThat(t.status()).isEqualTo("DRAINING"));
    target.advance(Duration.ofSeconds(1));
    assertThat(taskSets(service)).isEmpty();
  }
}
