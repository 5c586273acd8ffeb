package dev.teal.operator.config;

import dev.teal.aws.sdk.AwsClientSettings;
import dev.teal.operator.notify.WebhookSink;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator daemon's configuration: {@code teal.*} in application.properties, or the matching
 * environment variables ({@code TEAL_TABLE}, {@code TEAL_LEASE_DURATION}...). Durations are written
 * {@code 250ms}, {@code 15s}, {@code 5m} or ISO-8601. docs/configuration.md lists the same properties
 * with the same words; keep the two in step.
 */
@ConfigMapping(prefix = "teal")
public interface TealConfig {

  /** The DynamoDB table that holds the deployment documents, their audit records and the operator lease. */
  @WithDefault("teal-deployments")
  String table();

  /** The AWS region. Unset: the SDK's default chain (AWS_REGION, the profile, the task's metadata). */
  Optional<String> region();

  /** Endpoint overrides per AWS service, for the sandbox; unset in production. */
  Endpoints endpoints();

  /** How many reconciles may run at once (each deployment has at most one in flight). */
  @WithDefault("4")
  int workers();

  /** How often every deployment is checked again, whatever the event sources said: the safety net (a fifth of the fleet every fifth of the interval). Unsettled deployments, and settled ones whose task sets or route weights no longer match their status, are reconciled. */
  @WithDefault("5m")
  Duration resyncInterval();

  /**
   * How often the documents are listed for changes when the table has no stream, or the stream keeps
   * failing (the polling fallback).
   */
  @WithDefault("5s")
  Duration pollInterval();

  /** Reading the table's DynamoDB stream. */
  Stream stream();

  /** When a deployment is looked at again without an event. */
  Requeue requeue();

  /** Noticing at once that green's targets are healthy, within an ELB describe budget. */
  HealthWatch healthWatch();

  /** At most this many mutating AWS calls in one reconcile; the rest follows on an immediate requeue. */
  @WithDefault("20")
  int maxActionsPerReconcile();

  /** Retry of a reconcile that failed (AWS or DynamoDB unavailable, throttled, or an unexpected error). */
  Backoff backoff();

  /** A limit on mutating AWS calls across all deployments. */
  RateLimit rateLimit();

  /** The leader lease: only the holder reconciles. */
  Lease lease();

  /** This instance's name in the lease. Unset: the host name and a random suffix. */
  Optional<String> operatorId();

  /** The HTTP analysis run through the test listener. */
  Analysis analysis();

  /** Lifecycle hooks (spec.strategy.hooks). */
  Hooks hooks();

  /** How the AWS SDK clients call AWS. */
  Aws aws();

  /**
   * On shutdown, how long to wait for reconciles in flight to finish before they are interrupted. The
   * lease is released only when none is left running.
   */
  @WithDefault("20s")
  Duration shutdownTimeout();

  /** The read-only status page and its API (/ and /api/deployments). */
  StatusPage statusPage();

  /** The in-process sandbox AWS of dev mode. */
  Sandbox sandbox();

  /** Notifications of deployment transitions, to EventBridge and to webhooks (docs/notifications.md). */
  Notifications notifications();

  /** Endpoint overrides; each unset one keeps the SDK's resolution (which honours AWS_ENDPOINT_URL_*). */
  interface Endpoints {

    /** The ECS endpoint. Unset: the SDK's resolution. */
    Optional<URI> ecs();

    /** The Elastic Load Balancing v2 endpoint. Unset: the SDK's resolution. */
    Optional<URI> elb();

    /** The Application Auto Scaling endpoint. Unset: the SDK's resolution. */
    Optional<URI> applicationAutoscaling();

    /** The CloudWatch endpoint (the alarm and metric gates). Unset: the SDK's resolution. */
    Optional<URI> cloudwatch();

    /** The Lambda endpoint (Lambda lifecycle hooks). Unset: the SDK's resolution. */
    Optional<URI> lambda();

    /** The STS endpoint. Unset: the SDK's resolution. */
    Optional<URI> sts();

    /** The DynamoDB endpoint. Unset: the SDK's resolution. */
    Optional<URI> dynamodb();

    /** The DynamoDB Streams endpoint. Unset: the SDK's resolution. */
    Optional<URI> dynamodbStreams();

    /** The EventBridge endpoint. Unset: the SDK's resolution. */
    Optional<URI> events();

    /** The SSM endpoint (webhook URLs kept as parameters). Unset: the SDK's resolution. */
    Optional<URI> ssm();

    /** The Secrets Manager endpoint (webhook URLs kept as secrets). Unset: the SDK's resolution. */
    Optional<URI> secretsmanager();
  }

  /** Reading the table's DynamoDB stream. */
  interface Stream {

    /** How long to wait before polling a shard again after it returned no records. */
    @WithDefault("250ms")
    Duration idleWait();

    /** After this many failures in a row, the documents are also polled until the stream works again. */
    @WithDefault("5")
    int failuresBeforePolling();
  }

  /** When a deployment is looked at again without an event. */
  interface Requeue {

    /** How soon to look again while waiting for tasks or health checks. */
    @WithDefault("5s")
    Duration pollInterval();

    /** How soon to look again at a deployment teal cannot act on (phase Failed). */
    @WithDefault("1m")
    Duration failedInterval();
  }

  /**
   * While a deployment waits for green's targets to turn healthy, their health is read on its own, far
   * more often than the deployment is reconciled, and the deployment is woken the moment they are.
   */
  interface HealthWatch {

    /** How often one waiting deployment's target health is read. */
    @WithDefault("500ms")
    Duration interval();

    /** DescribeTargetHealth calls per second for all waiting deployments together (the account's ELB budget is shared). */
    @WithDefault("4")
    double callsPerSecond();
  }

  /** Exponential backoff with full jitter after a failed reconcile; reset by the next success. */
  interface Backoff {

    /** The longest first wait (the wait is drawn between zero and this). */
    @WithDefault("2s")
    Duration initial();

    /** How much the longest wait grows with each failure in a row. */
    @WithDefault("2")
    double multiplier();

    /** The longest wait, however many failures. */
    @WithDefault("5m")
    Duration max();
  }

  /** A token bucket on mutating AWS calls; an action over the limit is deferred, never waited for. */
  interface RateLimit {

    /** Mutating calls per second, sustained. */
    @WithDefault("10")
    double mutatingPerSecond();

    /** Mutating calls allowed at once after a quiet spell. */
    @WithDefault("20")
    int burst();
  }

  /** The leader lease, an item in the table under {@code name = "#operator"}, {@code sk = "lease"}. */
  interface Lease {

    /**
     * Whether instances elect a leader. Off: this instance always reconciles (run one replica only) and
     * status writes carry no lease condition.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * How long a lease lasts without renewal; a standby takes over at most this long after the holder died.
     * Must exceed renew-interval + safety-margin + aws.call-timeout, or the operator refuses to start.
     */
    @WithDefault("30s")
    Duration duration();

    /** How often the holder renews and a standby looks at the lease. Unset: a sixth of the duration. */
    Optional<Duration> renewInterval();

    /**
     * The holder stops acting this long before its lease could expire, to cover clock skew between
     * instances. Unset: a sixth of the duration.
     */
    Optional<Duration> safetyMargin();
  }

  /** The HTTP analysis run through the test listener. */
  interface Analysis {

    /** The timeout of each analysis request. */
    @WithDefault("2s")
    Duration requestTimeout();

    /**
     * The longest one analysis step (before promotion, or before a promotion step) may take, all its requests
     * together; without a verdict by then it fails. The requests run off the reconcile workers.
     */
    @WithDefault("5m")
    Duration stepTimeout();
  }

  /** Lifecycle hooks (spec.strategy.hooks). */
  interface Hooks {

    /**
     * The only webhook URLs besides public addresses that hooks may be sent to, comma-separated: each allows its
     * scheme, host and port and the paths under its path (https://tests.internal:8443/hooks/). Unset: hooks go to
     * public addresses only; loopback, link-local (instance metadata), private and unique local addresses are
     * refused.
     */
    Optional<java.util.List<String>> allowedUrls();
  }

  /** How the AWS SDK clients call AWS. */
  interface Aws {

    /** Attempts per AWS API call, the first included (the SDK backs off between them). */
    @WithDefault("3")
    int maxAttempts();

    /**
     * The SDK's retry strategy: {@code adaptive} also slows the client down once AWS throttles it, so
     * teal settles at what the account's shared API budget allows; {@code standard} only backs off.
     */
    @WithDefault("adaptive")
    AwsClientSettings.RetryMode retryMode();

    /**
     * The time budget of one AWS API call, retries included: a mutating call's worst case, so it starts only
     * while the lease is held for at least this long.
     */
    @WithDefault("15s")
    Duration callTimeout();

    /** The time budget of one HTTP attempt; never more than the call timeout. */
    @WithDefault("5s")
    Duration attemptTimeout();

    /** A fixed access key, for the sandbox and tests. Unset: the SDK's default credentials chain (the task role). */
    Optional<String> accessKeyId();

    /** The secret of {@code access-key-id}. */
    Optional<String> secretAccessKey();
  }

  /** The read-only status page and its API (/ and /api/deployments). */
  interface StatusPage {

    /**
     * Show whole caller ARNs (who changed a document, who paused or aborted it) in the API and on the page.
     * Off: wherever one appears, the account id and the user or session name are replaced by '…', so the
     * page does not hand out who deploys.
     */
    @WithDefault("false")
    boolean showCallerArns();
  }

  /**
   * Notifications of deployment transitions. Each status write that makes a transition records it in the
   * table with the status; a worker of its own then delivers it to every sink, at least once, in order per
   * deployment, never inside a reconcile.
   */
  interface Notifications {

    /** The EventBridge event bus (name or ARN) every transition is put on, with source {@code teal}. Unset: no EventBridge events. */
    Optional<String> eventBus();

    /** Webhooks by name: documents subscribe with {@code spec.notifications.webhooks}; one with {@code all-deployments} hears every deployment. */
    Map<String, Webhook> webhooks();

    /** How often every deployment's newest notification is compared with what each sink has delivered: the safety net behind the delivery right after each status write. */
    @WithDefault("1m")
    Duration sweepInterval();

    /** The longest first wait before a failed delivery is tried again (full jitter); it doubles with each failure in a row. */
    @WithDefault("1s")
    Duration retryInitial();

    /** The longest wait between two attempts, however many failures. */
    @WithDefault("2m")
    Duration retryMax();

    /** Deliveries one sink makes at once: a sink that hangs holds up at most this many, all of them its own. */
    @WithDefault("4")
    int concurrencyPerSink();
  }

  /** One webhook. */
  interface Webhook {

    /** Required. Where to POST: the URL itself, or where it is kept: {@code ssm:<parameter name or ARN>} (a SecureString is decrypted) or {@code secretsmanager:<secret name or ARN>}. Never logged. */
    String url();

    /** The body: {@code json} (the event shaped as EventBridge hands it to a target) or {@code slack} (one {@code text} line, for Slack-compatible incoming webhooks). */
    @WithDefault("json")
    WebhookSink.Format format();

    /** Every deployment's transitions, not only those of documents that name this webhook. */
    @WithDefault("false")
    boolean allDeployments();

    /** The transitions it takes, by detail-type ({@code Deployment Degraded}, ...). Unset: all of them. */
    Optional<List<String>> types();

    /** The time budget of one request, connecting included. */
    @WithDefault("10s")
    Duration timeout();
  }

  /** The in-process sandbox AWS of dev mode: DynamoDB Local and the ECS/ELB/STS simulator. */
  interface Sandbox {

    /**
     * Start the sandbox inside the operator before it starts, seed the demo service and point the CLI at
     * it. On in the dev profile only; needs the sandbox and its dependencies, which the packaged operator leaves out.
     */
    @WithDefault("false")
    boolean enabled();

    /**
     * Where the sandbox's classes are: the build compiles src/sandbox/java with the tests, never into the
     * operator. Relative to the working directory, which is the project's in dev mode.
     */
    @WithDefault("target/test-classes")
    Path classes();

    /** The simulator's port (ECS, ELB and STS APIs). */
    @WithDefault("4566")
    int apiPort();

    /** DynamoDB Local's port. */
    @WithDefault("8000")
    int dynamodbPort();

    /** A load balancer listener on port P answers HTTP on 127.0.0.1 at this offset plus P. */
    @WithDefault("10000")
    int listenerOffset();

    /** Create the demo cluster, service and load balancer, and the {@code web} document, unless it exists. */
    @WithDefault("true")
    boolean seedDemo();
  }
}
