package dev.teal.operator.health;

import dev.teal.operator.Operator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** {@code /q/health/ready}: see {@link ReadinessReport} for what "ready" means. */
@Readiness
@ApplicationScoped
public class OperatorReadiness implements HealthCheck {

  @Inject
  Operator operator;

  @Inject
  TableProbe probe;

  @Override
  public HealthCheckResponse call() {
    return ReadinessReport.of(operator.status(), probe.current());
  }
}
