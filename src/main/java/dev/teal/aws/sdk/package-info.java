/**
 * teal's AWS gateways on the AWS SDK for Java v2.
 *
 * <p>{@link dev.teal.aws.sdk.AwsClients} builds the SDK clients (timeouts, retries with jittered
 * backoff, metrics); {@link dev.teal.aws.sdk.SdkEcsGateway}, {@link dev.teal.aws.sdk.SdkElbGateway} and
 * {@link dev.teal.aws.sdk.ElbListenerEndpoints} implement the narrow interfaces of {@code dev.teal.aws}.
 * Every SDK call goes through {@link dev.teal.aws.sdk.AwsErrors}, so no SDK exception leaves this
 * package. Batching to each API's limit and the fallbacks for batch describes that fail as a whole
 * live here too, so callers can ask for exactly what they need.
 */
package dev.teal.aws.sdk;
