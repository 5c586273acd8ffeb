package dev.teal.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.teal.cli.SandboxCli;
import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.DesiredPhase;
import dev.teal.model.ObjectMeta;
import dev.teal.model.OwnershipTags;
import dev.teal.model.Phase;
import dev.teal.model.TrafficSpec;
import dev.teal.reconcile.Reasons;
import dev.teal.sandbox.DemoIds;
import dev.teal.sandbox.VirtualClock;
import dev.teal.sandbox.http.CallRecord;
import dev.teal.store.DynamoDeploymentStore;
import dev.teal.store.StoredDeployment;
import dev.teal.store.TableSetup;
import dev.teal.testing.FleetWorld;
import dev.teal.testing.SandboxExtension;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One deployment per ECS service and per route, enforced by the operator: a deployment claims its service
 * and routes with teal's tags before it acts on them; a second document naming them is refused before
 * any AWS write, with a reason that names the owner, and the first goes on undisturbed; a route is taken
 * over only if it serves the document's own service; deleting a document releases its claims.
 *
 * <p>Planted fault: with the claim check taken out of the planner (and the old adoption rule: any primary
 * task set not tagged for this document is adopted and re-tagged), the second document for {@code web}
 * re-tagged web's task set and moved its routes, and the first two tests failed on the extra AWS writes.
 */
class ClaimsTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  private Operator operator;

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.halt();
    }
  }

  /** The demo service, claimed by {@code web}; a second document naming it changes nothing in AWS. */
  @Test
  void aSecondDocumentForTheDemoServiceIsRefusedAndWebKeepsServingWithoutAnExtraWrite() {
    DemoIds demo = sandbox.seedDemo();
    DynamoDeploymentStore store = start();
    DaemonDriver driver = new DaemonDriver(store, sandbox.clock());
    driver.create(DaemonDriver.demoDocument(demo, "nginx:1.27"));
    DeploymentStatus web = advanceUntil(store, DaemonDriver.NAME, s -> s.phase() == Phase.PREVIEWING);
    assertThat(claimOf(sandbox.observerEcs().describeServices(r -> r.cluster(demo.cluster())
        .services(demo.service()).include(software.amazon.awssdk.services.ecs.model.ServiceField.TAGS))
        .services().get(0).tags())).isEqualTo("web");
    List<CallRecord> writesBefore = sandbox.simulator().calls().mutating();

    BlueGreenDeployment second = DaemonDriver.demoDocument(demo, "nginx:1.28");
    store.create(second.withMetadata(ObjectMeta.named("web-copy")), DaemonDriver.TEST);
    DeploymentStatus refused = advanceUntil(store, "web-copy", s -> s.phase() == Phase.FAILED);
    for (int i = 0; i < 12; i++) { // a minute more: nothing changes
      DaemonDriver.awaitSettled(operator);
      sandbox.clock().advance(DaemonDriver.STEP);
    }
    DaemonDriver.awaitSettled(operator);
    // teal plan asks the operator's own questions, the claims' owners included: it shows the refusal.
    SandboxCli.Result plan = new SandboxCli(sandbox, sandbox.tableName()).run("plan", "web-copy");

    assertThat(plan.out()).as(plan.err()).contains("Failed: ECS service", "belongs to deployment 'web'")
        .doesNotContain("TagResource", "AddTags");
    assertThat(refused.condition(Reasons.READY).reason()).isEqualTo(Reasons.CLAIMED_BY_ANOTHER_DEPLOYMENT);
    assertThat(refused.message()).contains("belongs to deployment 'web'");
    assertThat(sandbox.simulator().calls().mutating()).as("not a single extra AWS write")
        .isEqualTo(writesBefore);
    DeploymentStatus webNow = status(store, DaemonDriver.NAME);
    assertThat(webNow.phase()).isEqualTo(Phase.PREVIEWING);
    assertThat(webNow.events()).isEqualTo(web.events());
    assertThat(DaemonDriver.servedImage(sandbox.simulator().listenerUrl(demo.productionListenerArn())))
        .contains("nginx:1.26");
    System.out.printf("Claims: a second document for the demo service was refused (%s); web undisturbed, no"
        + " extra AWS write%n", refused.message());
  }

  /** A document for another service naming the production rule a deployment has claimed. */
  @Test
  void aDocumentNamingAnotherDeploymentsRuleIsRefused() {
    FleetWorld fleet = FleetWorld.seed(sandbox, 2);
    FleetWorld.Deployment owner = fleet.deployments().get(0);
    FleetWorld.Deployment other = fleet.deployments().get(1);
    DynamoDeploymentStore store = start();
    fleet.writeDocuments(store, List.of(owner));
    advanceUntil(store, owner.name(), s -> s.phase() == Phase.PROMOTED);
    List<CallRecord> writesBefore = sandbox.simulator().calls().mutating();

    store.create(documentFor(other, owner.productionRuleArn(), other.testRuleArn()), FleetWorld.BENCH);
    DeploymentStatus refused = advanceUntil(store, other.name(), s -> s.phase() == Phase.FAILED);

    assertThat(refused.condition(Reasons.READY).reason()).isEqualTo(Reasons.CLAIMED_BY_ANOTHER_DEPLOYMENT);
    assertThat(refused.message()).contains("production rule " + owner.productionRuleArn())
        .contains("belongs to deployment '" + owner.name() + "'");
    assertThat(sandbox.simulator().calls().mutating()).as("nothing written, not even a claim")
        .isEqualTo(writesBefore);
    System.out.printf("Claims: a document naming %s's production rule was refused%n", owner.name());
  }

  /**
   * A rule nobody has claimed yet, but which forwards to another service's target group: not taken over.
   * Shown to catch the old rule that "restored" whatever route a spec named.
   */
  @Test
  void aRouteThatServesAnotherServiceIsNotTakenOver() {
    FleetWorld fleet = FleetWorld.seed(sandbox, 2);
    FleetWorld.Deployment owner = fleet.deployments().get(0);
    FleetWorld.Deployment other = fleet.deployments().get(1);
    DynamoDeploymentStore store = start();
    sandbox.clock().advance(Duration.ofMinutes(1)); // the other service's tasks run behind its group

    store.create(documentFor(other, owner.productionRuleArn(), other.testRuleArn()), FleetWorld.BENCH);
    DeploymentStatus refused = advanceUntil(store, other.name(), s -> s.phase() == Phase.FAILED);

    assertThat(refused.condition(Reasons.READY).reason()).isEqualTo(Reasons.ROUTE_SERVES_ANOTHER_SERVICE);
    assertThat(refused.message()).contains("target group blue-" + owner.name());
    assertThat(sandbox.simulator().calls().mutating()).as("nothing written").isEmpty();
  }

  /** teal delete releases a document's claims: a new document naming the service takes it over. */
  @Test
  void deletingADocumentReleasesItsClaimsForAnotherDocument() {
    DemoIds demo = sandbox.seedDemo();
    DynamoDeploymentStore store = start();
    DaemonDriver driver = new DaemonDriver(store, sandbox.clock());
    driver.create(DaemonDriver.demoDocument(demo, "nginx:1.26"));
    advanceUntil(store, DaemonDriver.NAME, s -> s.phase() == Phase.PROMOTED);
    BlueGreenDeployment moved = DaemonDriver.demoDocument(demo, "nginx:1.27");
    store.create(moved.withMetadata(ObjectMeta.named("web-new")), DaemonDriver.TEST);
    advanceUntil(store, "web-new", s -> s.phase() == Phase.FAILED);

    StoredDeployment web = store.get(DaemonDriver.NAME).orElseThrow();
    store.delete(DaemonDriver.NAME, web.resourceVersion(), DaemonDriver.TEST);
    DeploymentStatus previewing = advanceUntil(store, "web-new", s -> s.phase() == Phase.PREVIEWING);

    assertThat(previewing.preview().image()).isEqualTo("nginx:1.27");
    assertThat(claimOf(sandbox.observerEcs().describeServices(r -> r.cluster(demo.cluster())
        .services(demo.service()).include(software.amazon.awssdk.services.ecs.model.ServiceField.TAGS))
        .services().get(0).tags())).isEqualTo("web-new");
  }

  private DynamoDeploymentStore start() {
    TableSetup.ensureTable(sandbox.dynamoDb(), sandbox.tableName());
    VirtualClock clock = sandbox.clock();
    DynamoDeploymentStore store = new DynamoDeploymentStore(sandbox.dynamoDb(), sandbox.tableName(), clock);
    operator = TestOperators.assemble(TestOperators.settings("claims", sandbox.tableName()), sandbox.simulator(),
        sandbox.dynamoDb(), sandbox.dynamoDbStreams(), sandbox.ecs(), sandbox.elb(), store, clock);
    operator.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> operator.leadership().canAct());
    return store;
  }

  private static BlueGreenDeployment documentFor(FleetWorld.Deployment d, String productionRule, String testRule) {
    var spec = FleetWorld.spec(d, "registry.bench/app:2", DesiredPhase.PREVIEW);
    TrafficSpec t = spec.traffic();
    spec = spec.withTraffic(new TrafficSpec(productionRule, null, testRule, t.targetGroup()));
    return new BlueGreenDeployment(BlueGreenDeployment.API_VERSION, BlueGreenDeployment.KIND,
        ObjectMeta.named(d.name()), spec, null);
  }

  private DeploymentStatus advanceUntil(DynamoDeploymentStore store, String name, Predicate<DeploymentStatus> done) {
    for (int step = 0; step < 400; step++) {
      DaemonDriver.awaitSettled(operator);
      DeploymentStatus status = status(store, name);
      if (status != null && status.phase() != null && done.test(status)) {
        return status;
      }
      sandbox.clock().advance(DaemonDriver.STEP);
    }
    throw new AssertionError(name + " did not get there: " + status(store, name));
  }

  private static DeploymentStatus status(DynamoDeploymentStore store, String name) {
    return store.get(name).map(StoredDeployment::status).orElse(null);
  }

  private static String claimOf(List<software.amazon.awssdk.services.ecs.model.Tag> tags) {
    return tags.stream().filter(t -> t.key().equals(OwnershipTags.DEPLOYMENT)).map(t -> t.value()).findFirst()
        .orElse(null);
  }
}
