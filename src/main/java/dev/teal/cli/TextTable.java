package dev.teal.cli;

import java.util.ArrayList;
import java.util.List;

/** Columns padded to their widest cell, three spaces apart, like kubectl's tables. */
final class TextTable {

  private final List<String[]> rows = new ArrayList<>();

  TextTable(String... headers) {
    rows.add(headers);
  }

  TextTable row(String... cells) {
    rows.add(cells);
    return this;
  }

  String render() {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], cell(row, c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        line.append(cell(row, c));
        if (c < columns - 1) {
          line.append(" ".repeat(widths[c] - cell(row, c).length() + 3));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String cell(String[] row, int column) {
    return column < row.length && row[column] != null ? row[column] : "";
  }
}
