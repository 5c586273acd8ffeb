package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * AWS answered an action as if a change teal made a moment ago had not happened yet (its control planes
 * are eventually consistent). The action is retried soon; when the same answer still comes after a while,
 * the world really is that way and the deployment is Failed with AWS's reason.
 *
 * @param operation the call, e.g. {@code elb:ModifyRule}
 * @param since when this answer was first seen for this operation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"operation", "revision", "errorCode", "message", "since"})
public record AwsWait(String operation, String revision, String errorCode, String message, Instant since) {}
