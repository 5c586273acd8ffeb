package dev.teal.document;

import java.math.BigInteger;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written the Go and Kubernetes way: {@code 500ms}, {@code 90s}, {@code 2m}, {@code 1h30m}.
 *
 * <p>Units are {@code h}, {@code m}, {@code s}, {@code ms}, {@code us} (or {@code µs}) and {@code ns};
 * each number may have a fraction ({@code 1.5h}); a leading {@code -} is parsed so that the validator,
 * not the parser, can say "must not be negative". {@code 0} alone is zero. Days are deliberately not a
 * unit (Go has none either): write {@code 168h}.
 *
 * <p>{@link #format} writes the shortest composed form without zero parts: 90 seconds is {@code 1m30s},
 * two minutes is {@code 2m} (Go would write {@code 2m0s}).
 */
public final class GoDuration {

  /** The syntax, also used as the JSON Schema pattern for durations. */
  public static final String PATTERN = "^-?(0|([0-9]+(\\.[0-9]+)?(h|m|s|ms|us|µs|ns))+)$";

  private static final Pattern SYNTAX = Pattern.compile(PATTERN);
  private static final Pattern PART = Pattern.compile("([0-9]+)(?:\\.([0-9]+))?(h|ms|m|s|us|µs|ns)");
  private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

  private GoDuration() {}

  /**
   * Parses a Go-style duration.
   *
   * @throws IllegalArgumentException with a message fit for a user when the text is not a duration or
   *     does not fit in 292 years
   */
  public static Duration parse(String text) {
    if (text == null || !SYNTAX.matcher(text).matches()) {
      throw new IllegalArgumentException("must be a duration like 500ms, 90s, 2m or 1h30m (was '" + text + "')");
    }
    boolean negative = text.startsWith("-");
    String body = negative ? text.substring(1) : text;
    if (body.equals("0")) {
      return Duration.ZERO;
    }
    BigInteger nanos = BigInteger.ZERO;
    Matcher part = PART.matcher(body);
    while (part.find()) {
      BigInteger unit = BigInteger.valueOf(unitNanos(part.group(3)));
      nanos = nanos.add(new BigInteger(part.group(1)).multiply(unit));
      if (part.group(2) != null) {
        String fraction = part.group(2);
        BigInteger scale = BigInteger.TEN.pow(fraction.length());
        nanos = nanos.add(new BigInteger(fraction).multiply(unit).divide(scale));
      }
      if (nanos.compareTo(MAX_NANOS) > 0) {
        throw new IllegalArgumentException("is too large to be a duration (was '" + text + "')");
      }
    }
    long value = nanos.longValueExact();
    return Duration.ofNanos(negative ? -value : value);
  }

  /** Formats a duration in the shortest composed form: {@code 1h30m}, {@code 2m}, {@code 500ms}, {@code 0s}. */
  public static String format(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    if (duration.isNegative()) {
      return "-" + format(duration.negated());
    }
    StringBuilder out = new StringBuilder();
    long hours = duration.toHours();
    int minutes = duration.toMinutesPart();
    int seconds = duration.toSecondsPart();
    int nanos = duration.toNanosPart();
    append(out, hours, "h");
    append(out, minutes, "m");
    if (nanos == 0) {
      append(out, seconds, "s");
    } else if (seconds > 0) {
      out.append(seconds).append('.').append(trimZeros(String.format("%09d", nanos))).append('s');
    } else if (nanos % 1_000_000 == 0) {
      out.append(nanos / 1_000_000).append("ms");
    } else if (nanos % 1_000 == 0) {
      out.append(nanos / 1_000).append("us");
    } else {
      out.append(nanos).append("ns");
    }
    return out.toString();
  }

  private static void append(StringBuilder out, long value, String unit) {
    if (value != 0) {
      out.append(value).append(unit);
    }
  }

  private static String trimZeros(String digits) {
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    return digits.substring(0, end);
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "h" -> 3_600_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "s" -> 1_000_000_000L;
      case "ms" -> 1_000_000L;
      case "us", "µs" -> 1_000L;
      case "ns" -> 1L;
      default -> throw new IllegalStateException("unit " + unit);
    };
  }
}
