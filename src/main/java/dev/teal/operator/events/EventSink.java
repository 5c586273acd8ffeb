package dev.teal.operator.events;

/** Where event sources report that a deployment may need a reconcile; the work queue in the daemon. */
@FunctionalInterface
public interface EventSink {

  void changed(String name);
}
