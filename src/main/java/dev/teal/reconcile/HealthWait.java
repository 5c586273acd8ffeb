package dev.teal.reconcile;

/**
 * What a reconcile is waiting for when it waits for green's targets: the moment {@code targetGroupArn}
 * has at least {@code required} healthy targets. The daemon can watch for exactly that with one cheap
 * describe instead of reconciling on a timer.
 */
public record HealthWait(String targetGroupArn, int required) {}
