package dev.teal.deploy;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.teal.aws.ListenerEndpoints;
import dev.teal.aws.sdk.AwsClientSettings;
import dev.teal.aws.sdk.AwsClientSettings.AwsService;
import dev.teal.aws.sdk.AwsClientSettings.StaticCredentials;
import dev.teal.aws.sdk.AwsClients;
import dev.teal.aws.sdk.ElbListenerEndpoints;
import dev.teal.aws.sdk.SdkApplicationAutoScaling;
import dev.teal.aws.sdk.SdkEcsGateway;
import dev.teal.aws.sdk.SdkElbGateway;
import dev.teal.aws.sdk.SdkEventBusGateway;
import dev.teal.aws.sdk.SdkSecretsGateway;
import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DeploymentStatus;
import dev.teal.model.ObjectMeta;
import dev.teal.operator.lease.Leadership;
import dev.teal.operator.notify.Notifications;
import dev.teal.operator.notify.Notifier;
import dev.teal.operator.notify.SecretReference;
import dev.teal.operator.notify.SecretResolver;
import dev.teal.operator.notify.WebhookSink;
import dev.teal.reconcile.Executor;
import dev.teal.reconcile.HttpAnalysisRunner;
import dev.teal.reconcile.Observer;
import dev.teal.reconcile.Planner;
import dev.teal.reconcile.Reconciler;
import dev.teal.sandbox.DemoIds;
import dev.teal.sandbox.SandboxClients;
import dev.teal.sandbox.VirtualClock;
import dev.teal.sandbox.http.CallRecord;
import dev.teal.store.ChangeContext;
import dev.teal.store.DynamoDeploymentStore;
import dev.teal.store.DynamoStatusHistory;
import dev.teal.store.HistoryRecordingStore;
import dev.teal.store.ItemLayout;
import dev.teal.store.LeaseFence;
import dev.teal.store.StoredDeployment;
import dev.teal.store.TableSetup;
import dev.teal.testing.SandboxExtension;
import dev.teal.testing.WebhookReceiver;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The operator as it will run in AWS, against the sandbox: the real reconciler (observer, planner,
 * executor, store) on SDK clients built by {@link AwsClients}, plus stand-ins for the daemon's parts that
 * are not merged yet (the lease and the stream reader), which make the DynamoDB calls the daemon is
 * described as making.
 *
 * <p>Everything the operator calls is recorded: ECS and ELB calls in the simulator's call log (with
 * their parameters, which show what tagging and role passing they imply), DynamoDB calls through
 * {@link CallRecording}. Setup (the demo world, the table, the documents people apply) uses other
 * clients, before recording starts or outside what is recorded.
 */
final class OperatorRun implements AutoCloseable {

  static final String NAME = "web";
  static final String EVENT_BUS = "teal";
  static final Duration POLL = Duration.ofSeconds(5);
  static final String TASK_ROLE = "arn:aws:iam::000000000000:role/web-task";
  static final String EXECUTION_ROLE = "arn:aws:iam::000000000000:role/web-execution";

  final SandboxExtension sandbox;
  final DemoIds demo;
  final VirtualClock clock;
  final CallRecording dynamoDbCalls = new CallRecording();
  private final String table;
  private final List<SdkClient> clients;
  private final DynamoDbClient operatorDynamoDb;
  private final DynamoDbStreamsClient operatorStreams;
  private final DynamoDeploymentStore people;
  private final Reconciler reconciler;
  private final Lease lease;
  private final WireMockServer secrets = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
  private final WebhookReceiver webhook = new WebhookReceiver();
  private final Notifier notifier;

  /** @param prepare changes to the demo world made before recording starts */
  OperatorRun(SandboxExtension sandbox, java.util.function.Consumer<OperatorRun> prepare) {
    this.sandbox = sandbox;
    this.demo = sandbox.seedDemo();
    this.clock = sandbox.clock();
    this.table = sandbox.tableName();
    clock.advance(Duration.ofSeconds(60)); // the demo's blue tasks start and pass their health checks
    registerTemplateWithRoles();
    prepare.accept(this);
    TableSetup.ensureTable(sandbox.dynamoDb(), table);
    this.people = new DynamoDeploymentStore(sandbox.dynamoDb(), table, clock);

    AwsClients aws = new AwsClients(AwsClientSettings.defaults()
        .withRegion(Region.of(sandbox.region()))
        .withEndpoint(AwsService.ECS, sandbox.endpoint())
        .withEndpoint(AwsService.ELB, sandbox.endpoint())
        .withEndpoint(AwsService.APPLICATION_AUTOSCALING, sandbox.endpoint())
        .withEndpoint(AwsService.CLOUDWATCH, sandbox.endpoint())
        .withEndpoint(AwsService.LAMBDA, sandbox.endpoint())
        .withEndpoint(AwsService.DYNAMODB, sandbox.dynamoDbEndpoint())
        .withEndpoint(AwsService.DYNAMODB_STREAMS, sandbox.dynamoDbEndpoint())
        .withStaticCredentials(StaticCredentials.of(SandboxClients.ACCESS_KEY_ID, SandboxClients.SECRET_ACCESS_KEY))
        .withListener(dynamoDbCalls));
    var ecs = aws.newEcsClient();
    var elb = aws.newElbClient();
    var autoScaling = aws.newApplicationAutoScalingClient();
    var cloudWatch = aws.newCloudWatchClient();
    var lambda = aws.newLambdaClient();
    var dynamoDb = aws.newDynamoDbClient();
    this.operatorStreams = aws.newDynamoDbStreamsClient();
    // Notifications as the daemon sends them: EventBridge (the sandbox's), and two webhooks whose URLs are
    // kept as an SSM parameter and a Secrets Manager secret (WireMock answers for those two services).
    secrets.start();
    secrets.stubFor(post("/").withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter")).willReturn(okJson(
        "{\"Parameter\": {\"Name\": \"/teal/webhooks/oncall\", \"Type\": \"SecureString\", \"Value\": \""
            + webhook.url("/oncall") + "\", \"Version\": 1}}")));
    secrets.stubFor(post("/").withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue")).willReturn(okJson(
        "{\"ARN\": \"arn:aws:secretsmanager:us-east-1:000000000000:secret:teal/webhooks/team-AbCdEf\","
            + " \"Name\": \"teal/webhooks/team\", \"SecretString\": \"" + webhook.url("/team") + "\"}")));
    AwsClients notifying = new AwsClients(aws.settings().withEndpoint(AwsService.EVENTS, sandbox.endpoint())
        .withEndpoint(AwsService.SSM, URI.create(secrets.baseUrl()))
        .withEndpoint(AwsService.SECRETS_MANAGER, URI.create(secrets.baseUrl())));
    var eventBridge = notifying.newEventBridgeClient();
    var ssm = notifying.newSsmClient();
    var secretsManager = notifying.newSecretsManagerClient();
    try (var setup = SandboxClients.eventBridge(sandbox.endpoint(), sandbox.region())) {
      setup.createEventBus(r -> r.name(EVENT_BUS));
    }
    this.clients = List.of(ecs, elb, autoScaling, cloudWatch, lambda, dynamoDb, operatorStreams, eventBridge, ssm, secretsManager);
    this.operatorDynamoDb = dynamoDbCalls.recordRequests(dynamoDb);

    var ecsGateway = new SdkEcsGateway(ecs);
    var elbGateway = new SdkElbGateway(elb);
    var autoScalingGateway = new SdkApplicationAutoScaling(autoScaling);
    // The real lookup makes the real DescribeListeners/DescribeLoadBalancers calls; only the address it
    // finds (a load balancer DNS name the sandbox cannot serve) is swapped for the sandbox's listener.
    var described = new ElbListenerEndpoints(elb);
    ListenerEndpoints endpoints = arn -> described.urlOf(arn).map(found -> sandbox.simulator().listenerUrl(arn));
    var store = new HistoryRecordingStore(new DynamoDeploymentStore(operatorDynamoDb, table, clock), clock);
    this.lease = new Lease(operatorDynamoDb, table);
    this.reconciler = new Reconciler(store, new Observer(ecsGateway, elbGateway, autoScalingGateway,
        new dev.teal.aws.sdk.SdkMetricsGateway(cloudWatch)),
        new Planner(POLL, Duration.ofMinutes(1)), new Executor(ecsGateway, elbGateway, autoScalingGateway,
        new HttpAnalysisRunner(endpoints, Duration.ofSeconds(2), clock), dev.teal.reconcile.ActionGate.OPEN,
        new dev.teal.reconcile.HookCalls(ecsGateway, new dev.teal.aws.sdk.SdkFunctionGateway(lambda), endpoints,
            dev.teal.reconcile.HookUrlPolicy.PUBLIC_ONLY, clock, HttpAnalysisRunner.ON_THE_CALLER, name -> { },
            Duration.ZERO)), clock,
        20, () -> Optional.of(lease.fence()));
    this.notifier = Notifications.assemble("permissions", Optional.of(EVENT_BUS), new SdkEventBusGateway(eventBridge),
        List.of(new WebhookSink.Settings("oncall", SecretReference.parse("ssm:/teal/webhooks/oncall"),
                WebhookSink.Format.SLACK, true, Set.of(), Duration.ofSeconds(2)),
            new WebhookSink.Settings("team", SecretReference.parse("secretsmanager:teal/webhooks/team"),
                WebhookSink.Format.JSON, true, Set.of(), Duration.ofSeconds(2))),
        new SecretResolver(new SdkSecretsGateway(() -> ssm, () -> secretsManager)),
        new DynamoStatusHistory(operatorDynamoDb, table), store, clock, Leadership.sole("permissions"),
        new Notifier.Settings(Duration.ofMillis(20), Duration.ofMinutes(1), Duration.ofSeconds(1),
            Duration.ofSeconds(5), 2), Notifier.Listener.NONE);

    sandbox.simulator().calls().reset(); // recording starts here: from now on ECS and ELB hear only teal
    lease.acquire();
    store.list(); // the daemon lists the documents when it starts
    notifier.start();
  }

  /**
   * A template revision with a task role and an execution role, as real services have: teal copies them
   * into each revision it registers, which is why it needs iam:PassRole.
   */
  private void registerTemplateWithRoles() {
    var current = sandbox.ecs().describeTaskDefinition(r -> r.taskDefinition(demo.taskDefinitionFamily()))
        .taskDefinition();
    sandbox.ecs().registerTaskDefinition(r -> r.family(current.family())
        .taskRoleArn(TASK_ROLE).executionRoleArn(EXECUTION_ROLE)
        .networkMode(current.networkMode()).requiresCompatibilitiesWithStrings(current.requiresCompatibilitiesAsStrings())
        .cpu(current.cpu()).memory(current.memory()).containerDefinitions(current.containerDefinitions()));
  }

  void apply(DeploymentSpec spec) {
    Optional<StoredDeployment> current = people.get(NAME);
    ChangeContext who = new ChangeContext("arn:aws:iam::000000000000:user/alice", "teal apply");
    if (current.isEmpty()) {
      people.create(new BlueGreenDeployment(BlueGreenDeployment.API_VERSION, BlueGreenDeployment.KIND,
          ObjectMeta.named(NAME), spec, null), who);
    } else {
      people.updateSpec(NAME, current.get().resourceVersion(), spec, null, who);
    }
  }

  DeploymentStatus status() {
    return Optional.ofNullable(people.get(NAME).orElseThrow().status()).orElse(DeploymentStatus.empty());
  }

  /** Reconciles as the daemon would (at once when asked to continue, else after the requested delay). */
  DeploymentStatus runUntil(Predicate<DeploymentStatus> done, Duration virtualLimit) {
    var deadline = clock.instant().plus(virtualLimit);
    for (int i = 0; i < 500; i++) {
      Reconciler.Result result = reconciler.reconcile(NAME);
      DeploymentStatus status = status();
      if (done.test(status)) {
        return status;
      }
      Duration wait = result.requeueAfter() == null ? POLL : result.requeueAfter();
      if (clock.instant().plus(wait).isAfter(deadline)) {
        break;
      }
      clock.advance(wait);
      lease.renew();
    }
    throw new AssertionError("not reached within " + virtualLimit + "; status: " + status().phase() + " - "
        + status().message() + "; events: " + status().events());
  }

  /** The stream reader: DescribeTable for the stream, then DescribeStream, GetShardIterator, GetRecords. */
  int readStream() {
    String streamArn = operatorDynamoDb.describeTable(r -> r.tableName(table)).table().latestStreamArn();
    var shards = operatorStreams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards();
    int documents = 0;
    for (var shard : shards) {
      String iterator = operatorStreams.getShardIterator(r -> r.streamArn(streamArn).shardId(shard.shardId())
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      for (var record : operatorStreams.getRecords(r -> r.shardIterator(iterator)).records()) {
        documents += DynamoDeploymentStore.fromItem(record.dynamodb().newImage()).isPresent() ? 1 : 0;
      }
    }
    return documents;
  }

  /** Waits until every recorded notification reached the bus and both webhooks, then stops the notifier. */
  int deliverNotifications() {
    await().atMost(Duration.ofSeconds(30)).until(() -> notifier.idle() && notifier.backingOff() == 0
        && !sandbox.simulator().events().received().isEmpty()
        && webhook.requests().size() == 2 * sandbox.simulator().events().received().size());
    notifier.stop(Duration.ofSeconds(5));
    return sandbox.simulator().events().received().size();
  }

  void stop() {
    lease.release();
  }

  /** Every IAM action the operator's calls so far need. */
  Set<String> neededActions() {
    Set<String> actions = new TreeSet<>(dynamoDbCalls.neededActions());
    for (CallRecord call : sandbox.simulator().calls().records()) {
      actions.addAll(IamActions.of(call.operation()));
      actions.addAll(IamActions.impliedBy(call));
    }
    return actions;
  }

  @Override
  public void close() {
    notifier.stop(Duration.ofSeconds(2));
    clients.forEach(SdkClient::close);
    webhook.close();
    secrets.stop();
  }

  /**
   * Stands in for the daemon's leader lease (item name="#operator", sk="lease"): acquire with a
   * conditional PutItem, renew with a conditional UpdateItem, release with a conditional DeleteItem.
   */
  static final class Lease {
    private static final String TOKEN = "token";
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final String token = UUID.randomUUID().toString();

    Lease(DynamoDbClient dynamoDb, String table) {
      this.dynamoDb = dynamoDb;
      this.table = table;
    }

    LeaseFence fence() {
      return new LeaseFence(ItemLayout.OPERATOR_PARTITION, "lease", TOKEN, token);
    }

    void acquire() {
      dynamoDb.putItem(r -> r.tableName(table).item(Map.of(ItemLayout.NAME, s(ItemLayout.OPERATOR_PARTITION),
          ItemLayout.SK, s("lease"), TOKEN, s(token))).conditionExpression("attribute_not_exists(#n)")
          .expressionAttributeNames(Map.of("#n", ItemLayout.NAME)));
    }

    void renew() {
      dynamoDb.updateItem(r -> r.tableName(table).key(key()).updateExpression("SET #t = :t")
          .conditionExpression("#t = :t").expressionAttributeNames(Map.of("#t", TOKEN))
          .expressionAttributeValues(Map.of(":t", s(token))));
    }

    void release() {
      dynamoDb.deleteItem(r -> r.tableName(table).key(key()).conditionExpression("#t = :t")
          .expressionAttributeNames(Map.of("#t", TOKEN)).expressionAttributeValues(Map.of(":t", s(token))));
    }

    private static Map<String, AttributeValue> key() {
      return Map.of(ItemLayout.NAME, s(ItemLayout.OPERATOR_PARTITION), ItemLayout.SK, s("lease"));
    }

    private static AttributeValue s(String value) {
      return AttributeValue.fromS(value);
    }
  }
}
