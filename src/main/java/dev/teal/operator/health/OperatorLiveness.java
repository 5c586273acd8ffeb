package dev.teal.operator.health;

import dev.teal.operator.Operator;
import dev.teal.operator.OperatorStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * {@code /q/health/live}: down when a thread the operator needs has died (a worker killed by an Error,
 * the queue's timer, the stream reader, the lease keeper), so the orchestrator restarts the task.
 * AWS or DynamoDB being unreachable is not a liveness failure: a restart would not fix it.
 */
@Liveness
@ApplicationScoped
public class OperatorLiveness implements HealthCheck {

  @Inject
  Operator operator;

  @Override
  public HealthCheckResponse call() {
    OperatorStatus status = operator.status();
    return HealthCheckResponse.named(ReadinessReport.NAME).status(status.alive())
        .withData("threads", status.alive() ? "running" : "stopped or died")
        .withData("inFlight", status.inFlight())
        .build();
  }
}
