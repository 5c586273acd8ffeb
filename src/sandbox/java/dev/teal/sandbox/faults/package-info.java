/**
 * Fault injection and throttling for the simulated APIs: failing the next N calls of an operation,
 * latency, and token buckets shaped like AWS's API rate limits. Depends on nothing else in the sandbox.
 */
package dev.teal.sandbox.faults;
