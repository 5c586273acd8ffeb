package dev.teal.model;

import java.time.Duration;
import java.time.Instant;

/** How long ago something happened, written as kubectl writes it, shared by the CLI and the status page. */
public final class Age {

  private Age() {}

  /** 45s, 5m, 3h, 2d; "0s" for a time in the future (clock skew); null without a time. */
  public static String since(Instant since, Instant now) {
    if (since == null) {
      return null;
    }
    Duration age = Duration.between(since, now);
    if (age.isNegative()) {
      return "0s";
    }
    if (age.toSeconds() < 120) {
      return age.toSeconds() + "s";
    }
    if (age.toMinutes() < 120) {
      return age.toMinutes() + "m";
    }
    if (age.toHours() < 48) {
      return age.toHours() + "h";
    }
    return age.toDays() + "d";
  }
}
