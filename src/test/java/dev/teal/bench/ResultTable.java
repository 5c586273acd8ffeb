package dev.teal.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The one table the harness prints: target beside measured value. As text for the terminal (the notes
 * under each row, so the columns stay readable) and as Markdown for docs/benchmarks.md.
 */
final class ResultTable {

  private static final String[] HEADERS = {"#", "target", "measured", "verdict"};
  private static final int NOTES_WIDTH = 110;

  private final List<String> context = new ArrayList<>();
  private final List<Row> rows = new ArrayList<>();
  private final java.util.Map<String, List<String>> details = new java.util.LinkedHashMap<>();
  private final java.util.Map<String, Boolean> facts = new java.util.LinkedHashMap<>();

  /** A line printed above the table: the mode, the machine, the sandbox settings. */
  void context(String line) {
    context.add(line);
  }

  void add(Row row) {
    rows.add(row);
  }

  void addAll(List<Row> more) {
    rows.addAll(more);
  }

  /** Lines printed after the table under {@code heading}: what a row's notes have no room for. */
  void details(String heading, List<String> lines) {
    if (!lines.isEmpty()) {
      details.put(heading, List.copyOf(lines));
    }
  }

  /**
   * A functional fact a benchmark established (everything converged, the writes were the necessary set):
   * what the quick-mode test asserts besides every row being measured. Never a timing.
   */
  void fact(String what, boolean holds) {
    facts.put(what, holds);
  }

  java.util.Map<String, Boolean> facts() {
    return java.util.Collections.unmodifiableMap(facts);
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }

  List<String> contextLines() {
    return List.copyOf(context);
  }

  String text() {
    int[] widths = new int[HEADERS.length];
    for (int i = 0; i < HEADERS.length; i++) {
      widths[i] = HEADERS[i].length();
    }
    for (Row row : rows) {
      String[] cells = cells(row);
      for (int i = 0; i < cells.length; i++) {
        widths[i] = Math.max(widths[i], cells[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    context.forEach(line -> out.append(line).append('\n'));
    out.append('\n');
    appendLine(out, HEADERS, widths);
    String[] rules = new String[HEADERS.length];
    for (int i = 0; i < rules.length; i++) {
      rules[i] = "-".repeat(widths[i]);
    }
    appendLine(out, rules, widths);
    for (Row row : rows) {
      appendLine(out, cells(row), widths);
      for (String line : wrap(row.notes(), NOTES_WIDTH)) {
        out.append("      ").append(line).append('\n');
      }
    }
    if (!facts.isEmpty()) {
      out.append('\n').append("Functional facts").append('\n');
      facts.forEach((what, holds) -> out.append(holds ? "  yes  " : "  NO   ").append(what).append('\n'));
    }
    details.forEach((heading, lines) -> {
      out.append('\n').append(heading).append('\n');
      lines.forEach(line -> out.append(line).append('\n'));
    });
    return out.toString();
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    context.forEach(line -> out.append("- ").append(line).append('\n'));
    out.append('\n');
    out.append("| # | target | measured | verdict | notes |\n");
    out.append("|---|---|---|---|---|\n");
    for (Row row : rows) {
      out.append("| ").append(row.id())
          .append(" | ").append(escape(row.target()))
          .append(" | ").append(escape(row.measured()))
          .append(" | ").append(row.verdict() == Verdict.MISSED ? "**missed**" : row.verdict().label())
          .append(" | ").append(escape(row.notes()))
          .append(" |\n");
    }
    if (!facts.isEmpty()) {
      out.append("\n#### Functional facts\n\n");
      facts.forEach((what, holds) -> out.append("- ").append(holds ? "yes: " : "**NO**: ").append(what).append('\n'));
    }
    details.forEach((heading, lines) -> {
      out.append("\n#### ").append(heading).append("\n\n```\n");
      lines.forEach(line -> out.append(line).append('\n'));
      out.append("```\n");
    });
    return out.toString();
  }

  private static String[] cells(Row row) {
    return new String[] {row.id(), row.target(), row.measured(), row.verdict().label()};
  }

  private static void appendLine(StringBuilder out, String[] cells, int[] widths) {
    for (int i = 0; i < cells.length; i++) {
      out.append(i == 0 ? "" : "  ").append(String.format("%-" + widths[i] + "s", cells[i]));
    }
    out.append('\n');
  }

  private static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() == 0 ? "" : " ").append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  private static String escape(String cell) {
    return cell.replace("|", "\\|").replace("\n", " ");
  }
}
