package dev.teal.reconcile.cycle;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Stops a reconciler right before or right after its k-th mutating AWS call,
 * the way a killed process would: the call is not made, or it is made and nothing after it runs.
 */
public final class Stops {

  /** Thrown at the stop point; it is not an AWS error, so nothing in teal catches it. */
  public static final class Stopped extends RuntimeException {
    Stopped(String where) {
      super(where, null, false, false);
    }
  }

  public static final Set<String> ECS_MUTATING = Set.of("registerTaskDefinitionWithImage", "createTaskSet",
      "updateTaskSetScale", "updateServicePrimaryTaskSet", "deleteTaskSet", "tagResource");
  public static final Set<String> ELB_MUTATING = Set.of("setForward", "createTargetGroup", "deleteTargetGroup");
  public static final Set<String> AUTO_SCALING_MUTATING = Set.of("setSuspendedState");

  private final int stopAt;
  private final boolean afterTheCall;
  private int calls;
  private final List<String> seen = new ArrayList<>();

  /** @param stopAt 1-based index of the mutating call to stop at; 0 never stops (counting only) */
  public Stops(int stopAt, boolean afterTheCall) {
    this.stopAt = stopAt;
    this.afterTheCall = afterTheCall;
  }

  public static Stops countingOnly() {
    return new Stops(0, false);
  }

  public int calls() {
    return calls;
  }

  /** The mutating calls seen, in order, e.g. {@code ElbGateway.setForward}. */
  public List<String> seen() {
    return List.copyOf(seen);
  }

  public <T> T wrap(Class<T> type, T target, Set<String> mutating) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
      boolean counts = mutating.contains(method.getName());
      String name = type.getSimpleName() + "." + method.getName();
      int index = 0;
      if (counts) {
        index = ++calls;
        seen.add(name);
        if (index == stopAt && !afterTheCall) {
          throw new Stopped("stopped before call " + index + " (" + name + ")");
        }
      }
      Object result;
      try {
        result = method.invoke(target, args);
      } catch (InvocationTargetException e) {
        if (counts && index == stopAt && afterTheCall) {
          // Killed right after the call came back, with an error (e.g. AWS had not caught up yet).
          throw new Stopped("stopped after call " + index + " (" + name + ", which failed)");
        }
        throw e.getCause();
      }
      if (counts && index == stopAt && afterTheCall) {
        throw new Stopped("stopped after call " + index + " (" + name + ")");
      }
      return result;
    }));
  }
}
