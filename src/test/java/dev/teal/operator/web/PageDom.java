package dev.teal.operator.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the status page's rendered DOM, as Chromium serializes it. status.js builds every element with
 * its attributes in a fixed order, so the parts a test looks at are found by their markers.
 */
final class PageDom {

  /** A bar segment: role, image, percent, and the width it is drawn at. */
  record Segment(String role, String image, int percent, String width) {}

  private static final Pattern SEGMENT = Pattern.compile("<span class=\"segment role-(\\w+)\" data-role=\"[^\"]*\""
      + " data-image=\"([^\"]*)\" data-percent=\"(\\d+)\"[^>]* style=\"width: ([^;\"]*);\"");

  private PageDom() {}

  /** The card of deployment {@code name}, from its {@code <article>} to its end. */
  static String article(String dom, String name) {
    int start = dom.indexOf("<article class=\"deployment\" data-name=\"" + name + "\"");
    if (start < 0) {
      throw new AssertionError("no card for " + name + " on the page:\n" + dom);
    }
    return dom.substring(start, dom.indexOf("</article>", start) + "</article>".length());
  }

  /** The overview's row of deployment {@code name}, from its {@code <tr>} to its end. */
  static String row(String dom, String name) {
    int start = dom.indexOf("<tr class=\"row\" data-name=\"" + name + "\"");
    if (start < 0) {
      throw new AssertionError("no row for " + name + " on the page:\n" + dom);
    }
    return dom.substring(start, dom.indexOf("</tr>", start) + "</tr>".length());
  }

  /** The segments of a route's bar in a card, left to right. */
  static List<Segment> segments(String article, String route) {
    int start = article.indexOf("data-route=\"" + route + "\"");
    if (start < 0) {
      throw new AssertionError("no " + route + " route in:\n" + article);
    }
    int next = article.indexOf("data-route=", start + 1);
    String part = article.substring(start, next < 0 ? article.length() : next);
    List<Segment> segments = new ArrayList<>();
    Matcher m = SEGMENT.matcher(part);
    while (m.find()) {
      segments.add(new Segment(m.group(1), unescape(m.group(2)), Integer.parseInt(m.group(3)), m.group(4)));
    }
    return segments;
  }

  /** Text as the serializer writes it inside an element. */
  static String escaped(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\u00a0", "&nbsp;");
  }

  static int count(String dom, String needle) {
    int count = 0;
    for (int i = dom.indexOf(needle); i >= 0; i = dom.indexOf(needle, i + 1)) {
      count++;
    }
    return count;
  }

  private static String unescape(String attribute) {
    return attribute.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }
}
