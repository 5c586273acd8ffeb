package dev.teal.operator.health;

import dev.teal.operator.OperatorStatus;
import dev.teal.operator.lease.LeaseState;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * When the operator is ready: DynamoDB answers (and the table exists), the lease state is known, and
 * every document has been listed once. A standby is ready too: it is healthy, just not holding the lease.
 */
public final class ReadinessReport {

  public static final String NAME = "teal-operator";

  private ReadinessReport() {}

  public static HealthCheckResponse of(OperatorStatus status, TableProbe.Reachability dynamodb) {
    boolean leaseKnown = status.lease().state() != LeaseState.UNKNOWN;
    boolean ready = dynamodb.reachable() && leaseKnown && status.firstSyncDone();
    HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(ready)
        .withData("operatorId", status.operatorId())
        .withData("dynamodb", dynamodb.detail())
        .withData("lease", status.lease().state().label())
        .withData("acting", status.acting())
        .withData("firstSyncDone", status.firstSyncDone())
        .withData("eventSource", status.eventSource().label())
        .withData("queueDepth", status.queueDepth());
    if (status.lease().holder() != null) {
      response.withData("leaseHolder", status.lease().holder());
    }
    if (status.lease().expiresAt() != null) {
      response.withData("leaseExpiresAt", status.lease().expiresAt().toString());
    }
    return response.build();
  }
}
