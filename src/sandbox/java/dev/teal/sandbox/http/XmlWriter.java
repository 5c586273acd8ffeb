package dev.teal.sandbox.http;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;

/** Minimal streaming XML builder for Query-protocol responses; escapes text, nothing more. */
public final class XmlWriter {

  private final StringBuilder out = new StringBuilder(512);
  private final Deque<String> open = new ArrayDeque<>();

  public XmlWriter start(String name) {
    out.append('<').append(name).append('>');
    open.push(name);
    return this;
  }

  public XmlWriter startNs(String name, String namespace) {
    out.append('<').append(name).append(" xmlns=\"").append(namespace).append("\">");
    open.push(name);
    return this;
  }

  public XmlWriter end() {
    out.append("</").append(open.pop()).append('>');
    return this;
  }

  public XmlWriter elem(String name, Object value) {
    if (value == null) {
      return this;
    }
    String text = value instanceof Instant t ? iso(t) : String.valueOf(value);
    out.append('<').append(name).append('>');
    escape(text);
    out.append("</").append(name).append('>');
    return this;
  }

  public static String iso(Instant t) {
    return t.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  private void escape(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(c);
      }
    }
  }

  @Override
  public String toString() {
    if (!open.isEmpty()) {
      throw new IllegalStateException("unclosed elements " + open);
    }
    return out.toString();
  }

  /**
   * The awsQuery protocol's error document ({@code ErrorResponse/Error} with Type, Code and Message), as
   * ELBv2, STS and CloudWatch send it.
   */
  public static String queryError(String namespace, AwsError error, String requestId) {
    return new XmlWriter().startNs("ErrorResponse", namespace)
        .start("Error")
        .elem("Type", error.senderFault() ? "Sender" : "Receiver")
        .elem("Code", error.code())
        .elem("Message", error.getMessage())
        .end()
        .elem("RequestId", requestId)
        .end().toString();
  }
}
