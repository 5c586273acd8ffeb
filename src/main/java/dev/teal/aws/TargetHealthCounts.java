package dev.teal.aws;

/** How many targets of a target group are in each ALB health state. */
public record TargetHealthCounts(int healthy, int initial, int unhealthy, int draining, int other) {

  public static final TargetHealthCounts NONE = new TargetHealthCounts(0, 0, 0, 0, 0);

  /** Targets that count towards capacity (everything but draining ones). */
  public int registered() {
    return healthy + initial + unhealthy + other;
  }

  /** Every registered target, whatever its state. */
  public int total() {
    return healthy + initial + unhealthy + draining + other;
  }
}
