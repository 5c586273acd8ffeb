package dev.teal.sandbox.cloudwatch;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleBinaryOperator;

/**
 * The part of CloudWatch metric math teal's comparisons need (CloudWatch User Guide, "Metric math syntax and
 * functions"): numbers, the ids of other queries, {@code + - * /}, parentheses and {@code FILL(id, number)}.
 * Arithmetic between two time series works on the timestamps both have; a series and a number combine at
 * every timestamp of the series. A division by zero leaves that timestamp out (the stricter reading: AWS does
 * not document it). Any other function is refused with a message naming it.
 */
final class MetricMath {

  /** A parse or evaluation failure, reported as the query's error. */
  static final class MathError extends RuntimeException {
    MathError(String message) {
      super(message, null, false, false);
    }
  }

  private final String text;
  private final Map<String, TreeMap<Instant, Double>> series;
  private final TreeMap<Instant, Double> allTimestamps;
  private int pos;

  private MetricMath(String text, Map<String, TreeMap<Instant, Double>> series) {
    this.text = text;
    this.series = series;
    this.allTimestamps = new TreeMap<>();
    series.values().forEach(s -> s.keySet().forEach(t -> allTimestamps.put(t, 0.0)));
  }

  /** Evaluates {@code expression} over the already computed {@code series} by query id. */
  static TreeMap<Instant, Double> evaluate(String expression, Map<String, TreeMap<Instant, Double>> series) {
    MetricMath m = new MetricMath(expression, series);
    Object v = m.expr();
    m.skipSpace();
    if (m.pos != m.text.length()) {
      throw new MathError("Unexpected '" + m.text.substring(m.pos) + "' in expression " + expression);
    }
    if (v instanceof Double d) {
      TreeMap<Instant, Double> constant = new TreeMap<>();
      m.allTimestamps.keySet().forEach(t -> constant.put(t, d));
      return constant;
    }
    @SuppressWarnings("unchecked")
    TreeMap<Instant, Double> result = (TreeMap<Instant, Double>) v;
    return result;
  }

  private Object expr() {
    Object left = term();
    while (true) {
      skipSpace();
      if (eat('+')) {
        left = combine(left, term(), Double::sum);
      } else if (eat('-')) {
        left = combine(left, term(), (a, b) -> a - b);
      } else {
        return left;
      }
    }
  }

  private Object term() {
    Object left = factor();
    while (true) {
      skipSpace();
      if (eat('*')) {
        left = combine(left, factor(), (a, b) -> a * b);
      } else if (eat('/')) {
        left = combine(left, factor(), (a, b) -> b == 0 ? Double.NaN : a / b);
      } else {
        return left;
      }
    }
  }

  private Object factor() {
    skipSpace();
    if (eat('(')) {
      Object v = expr();
      expect(')');
      return v;
    }
    if (eat('-')) {
      return combine(-1.0, factor(), (a, b) -> a * b);
    }
    int start = pos;
    if (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
      while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
        pos++;
      }
      return Double.parseDouble(text.substring(start, pos));
    }
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    String word = text.substring(start, pos);
    if (word.isEmpty()) {
      throw new MathError("Expected a number, an id or a function at position " + pos + " of " + text);
    }
    skipSpace();
    if (eat('(')) {
      if (!word.equals("FILL")) {
        throw new MathError("The sandbox does not model the metric math function " + word);
      }
      Object of = expr();
      expect(',');
      Object with = expr();
      expect(')');
      if (!(of instanceof TreeMap<?, ?>) || !(with instanceof Double fill)) {
        throw new MathError("FILL takes a time series and a number");
      }
      @SuppressWarnings("unchecked")
      TreeMap<Instant, Double> s = (TreeMap<Instant, Double>) of;
      TreeMap<Instant, Double> filled = new TreeMap<>(s);
      allTimestamps.keySet().forEach(t -> filled.putIfAbsent(t, fill));
      return filled;
    }
    TreeMap<Instant, Double> s = series.get(word);
    if (s == null) {
      throw new MathError("Unknown id " + word + " in expression " + text);
    }
    return s;
  }

  @SuppressWarnings("unchecked")
  private static Object combine(Object a, Object b, DoubleBinaryOperator op) {
    if (a instanceof Double x && b instanceof Double y) {
      return op.applyAsDouble(x, y);
    }
    TreeMap<Instant, Double> out = new TreeMap<>();
    if (a instanceof Double x) {
      ((TreeMap<Instant, Double>) b).forEach((t, y) -> put(out, t, op.applyAsDouble(x, y)));
    } else if (b instanceof Double y) {
      ((TreeMap<Instant, Double>) a).forEach((t, x) -> put(out, t, op.applyAsDouble(x, y)));
    } else {
      TreeMap<Instant, Double> right = (TreeMap<Instant, Double>) b;
      ((TreeMap<Instant, Double>) a).forEach((t, x) -> {
        Double y = right.get(t);
        if (y != null) {
          put(out, t, op.applyAsDouble(x, y));
        }
      });
    }
    return out;
  }

  private static void put(TreeMap<Instant, Double> out, Instant t, double v) {
    if (!Double.isNaN(v) && !Double.isInfinite(v)) {
      out.put(t, v);
    }
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private boolean eat(char c) {
    skipSpace();
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!eat(c)) {
      throw new MathError("Expected '" + c + "' at position " + pos + " of " + text);
    }
  }
}
