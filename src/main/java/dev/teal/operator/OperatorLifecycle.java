package dev.teal.operator;

import dev.teal.operator.health.TableProbe;
import dev.teal.operator.wiring.StartupOrder;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Starts the operator with the application and stops it, gracefully, on shutdown. */
@ApplicationScoped
public class OperatorLifecycle {

  @Inject
  Operator operator;

  @Inject
  TableProbe probe;

  void start(@Observes @Priority(StartupOrder.OPERATOR) StartupEvent event) {
    operator.start();
    probe.current(); // asks DynamoDB in the background, so the first readiness check has an answer
  }

  void stop(@Observes @Priority(StartupOrder.STOP_OPERATOR) ShutdownEvent event) {
    operator.stop();
  }
}
