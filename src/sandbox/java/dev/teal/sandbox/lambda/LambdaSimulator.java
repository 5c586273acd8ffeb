package dev.teal.sandbox.lambda;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lambda functions as far as Invoke goes: each has a configured {@link FunctionResult}, and every invocation is
 * kept (function, qualifier, invocation type, payload) so a test can read what the caller sent. Thread-safe:
 * tests define functions while the server answers invocations.
 */
public final class LambdaSimulator {

  /** One Invoke call that reached a function. */
  public record Invocation(Instant at, String function, String qualifier, String invocationType, String payload) {
  }

  private final String region;
  private final String accountId;
  private final Clock clock;
  private final Map<String, FunctionResult> functions = new LinkedHashMap<>();
  private final List<Invocation> invocations = new ArrayList<>();

  public LambdaSimulator(String region, String accountId, Clock clock) {
    this.region = region;
    this.accountId = accountId;
    this.clock = clock;
  }

  /** Creates the function {@code name}, or changes what it answers. */
  public synchronized LambdaSimulator define(String name, FunctionResult result) {
    functions.put(name, result);
    return this;
  }

  /** Removes a function: invoking it is then ResourceNotFoundException, as for a deleted one. */
  public synchronized void delete(String name) {
    functions.remove(name);
  }

  public String arn(String name) {
    return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name;
  }

  synchronized Optional<FunctionResult> result(String name) {
    return Optional.ofNullable(functions.get(name));
  }

  synchronized void record(String name, String qualifier, String type, String payload) {
    invocations.add(new Invocation(clock.instant(), name, qualifier, type, payload));
  }

  /** Every invocation so far, oldest first. */
  public synchronized List<Invocation> invocations() {
    return List.copyOf(invocations);
  }

  public synchronized List<Invocation> invocations(String function) {
    return invocations.stream().filter(i -> i.function().equals(function)).toList();
  }

  String region() {
    return region;
  }

  String accountId() {
    return accountId;
  }
}
