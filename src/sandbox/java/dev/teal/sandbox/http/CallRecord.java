package dev.teal.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One API call as the simulator saw it.
 *
 * @param time          when, on the simulator's clock (virtual in tests)
 * @param realNanos     when, as {@link System#nanoTime()}: real elapsed time between calls, for rates
 *                      measured in real time whatever clock the world runs on
 * @param operation     qualified name such as {@code ecs:CreateTaskSet}
 * @param parameters    the parsed request (read-only by convention)
 * @param outcome       OK, ERROR (modelled AWS error) or FAULT (injected)
 * @param errorCode     the AWS error code returned, or null when OK; for a fault, the fault kind
 * @param applied       whether the call changed state (false for errors and faults that fail first)
 */
public record CallRecord(long sequence, Instant time, long realNanos, String service, String operation,
             JsonNode parameters, Outcome outcome, String errorCode, boolean applied) {

  public enum Outcome { OK, ERROR, FAULT }

  public boolean mutating() {
    return isMutating(operation);
  }

  public boolean ok() {
    return outcome == Outcome.OK;
  }

  public static boolean isMutating(String operation) {
    String name = operation.substring(operation.indexOf(':') + 1);
    return !(name.startsWith("Describe") || name.startsWith("List") || name.startsWith("Get"));
  }
}
