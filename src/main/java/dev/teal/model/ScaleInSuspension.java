package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * teal suspended the dynamic scale-in of the service's scalable target while a deployment is in flight,
 * and restores it afterwards. Recorded before the call, so a crash after it still restores.
 *
 * @param resourceId the scalable target, {@code service/CLUSTER/SERVICE}
 * @param wasSuspended whether dynamic scale-in was already suspended before teal changed it: what is restored
 * @param since when teal suspended it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"resourceId", "wasSuspended", "since"})
public record ScaleInSuspension(String resourceId, boolean wasSuspended, Instant since) {}
