package dev.teal.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teal.sandbox.http.CallRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Reading the simulator's call log: which calls were reads, writes, throttled, and what a ModifyRule set. */
final class CallRecords {

  private CallRecords() {}

  static boolean isDescribe(CallRecord call, String service) {
    return call.service().equals(service) && !call.mutating();
  }

  static boolean isThrottled(CallRecord call) {
    return call.outcome() == CallRecord.Outcome.ERROR && call.errorCode() != null
        && call.errorCode().contains("Throttl");
  }

  static boolean within(CallRecord call, Instant from, Instant to) {
    return !call.time().isBefore(from) && call.time().isBefore(to);
  }

  /** The target group weights a ModifyRule (or ModifyListener) call set, from its parameters. */
  static Map<String, Integer> forwardWeights(CallRecord call) {
    Map<String, Integer> weights = new LinkedHashMap<>();
    JsonNode actions = call.parameters().has("Actions") ? call.parameters().path("Actions")
        : call.parameters().path("DefaultActions");
    for (JsonNode action : actions) {
      if (action == null || action.isNull()) {
        continue;
      }
      for (JsonNode group : action.path("ForwardConfig").path("TargetGroups")) {
        if (group != null && !group.isNull()) {
          weights.put(group.path("TargetGroupArn").asText(), group.path("Weight").asInt(1));
        }
      }
      if (action.hasNonNull("TargetGroupArn")) {
        weights.putIfAbsent(action.path("TargetGroupArn").asText(), 1);
      }
    }
    return weights;
  }

  static String ruleOf(CallRecord call) {
    return call.parameters().path("RuleArn").asText();
  }

  /** The first call in {@code calls} after {@code after} matching {@code condition}. */
  static Optional<CallRecord> first(List<CallRecord> calls, Instant after, Predicate<CallRecord> condition) {
    return calls.stream().filter(c -> c.time().isAfter(after) && condition.test(c)).findFirst();
  }

  /** Whether an ECS DescribeServices call named exactly this one service (a reconcile's, not the fleet check's). */
  static boolean describesOnly(CallRecord call, String service) {
    JsonNode services = call.parameters().path("services");
    return services.size() == 1 && service.equals(services.get(0).asText());
  }
}
