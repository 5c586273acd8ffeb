/**
 * The simulated STS: {@code GetCallerIdentity}, naming the caller after the access key it signs with.
 */
package dev.teal.sandbox.sts;
