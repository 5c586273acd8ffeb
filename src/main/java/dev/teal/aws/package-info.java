/**
 * Narrow gateways over the AWS services teal calls, in teal's own terms.
 *
 * <p>The interfaces list only the operations teal uses; {@code dev.teal.aws.sdk} implements them
 * with the AWS SDK v2 and translates SDK exceptions into {@link dev.teal.aws.AwsException}s at that
 * boundary. Nothing in this package imports the SDK, so the planner can use these records freely.
 */
package dev.teal.aws;
