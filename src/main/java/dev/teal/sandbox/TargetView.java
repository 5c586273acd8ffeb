package dev.teal.sandbox;

/** A target group registration as a test sees it: where, in which health state, running what. */
public record TargetView(String id, int port, String state, String reason, String image) {

    public boolean healthy() {
        return "healthy".equals(state);
    }
}
