package dev.teal.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md lists every {@code teal.*} property with the default and the words of its
 * Javadoc in {@link TealConfig}, read from the source, so the two cannot drift apart.
 */
class ConfigurationDocsTest {

  /** A Javadoc comment (never running past its end), an optional default, the return type and the name. */
  private static final Pattern MEMBER = Pattern.compile(
      "/\\*\\*((?:(?!\\*/).)*)\\*/\\s*(?:@WithDefault\\(\"([^\"]*)\"\\)\\s*)?(Map<String, \\w+>|[\\w<>.]+)\\s+(\\w+)\\(\\);",
      Pattern.DOTALL);
  private static final Pattern INTERFACE = Pattern.compile("interface (\\w+) \\{");

  /** One documented property. */
  record Property(String name, String defaultValue, String description) {
    String row() {
      return "| `" + name + "` | " + defaultValue + " | " + description + " |";
    }
  }

  @Test
  void everyPropertyIsDocumentedWithItsDefaultAndDescription() throws IOException {
    List<Property> properties = properties();
    String docs = Files.readString(Path.of("docs/configuration.md"));
    List<String> missing = properties.stream().map(Property::row).filter(row -> !docs.contains(row)).toList();

    assertThat(missing).as("rows of docs/configuration.md that differ from TealConfig; expected rows:\n"
        + String.join("\n", properties.stream().map(Property::row).toList())).isEmpty();
    assertThat(properties).hasSizeGreaterThan(30);
  }

  static List<Property> properties() throws IOException {
    String source = Files.readString(Path.of("src/main/java/dev/teal/operator/config/TealConfig.java"));
    List<String> names = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    Matcher declaration = INTERFACE.matcher(source);
    while (declaration.find()) {
      names.add(declaration.group(1));
      starts.add(declaration.end());
    }
    // Each interface's members run from its opening brace to the Javadoc of the next interface.
    Map<String, String> bodies = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      int end = i + 1 < names.size() ? source.lastIndexOf("/**", starts.get(i + 1)) : source.length();
      bodies.put(names.get(i), source.substring(starts.get(i), end));
    }
    List<Property> out = new ArrayList<>();
    collect("teal", "TealConfig", bodies, out);
    return out;
  }

  private static void collect(String prefix, String type, Map<String, String> bodies, List<Property> out) {
    Matcher member = MEMBER.matcher(bodies.get(type));
    while (member.find()) {
      String name = prefix + "." + kebab(member.group(4));
      String returns = member.group(3);
      if (returns.startsWith("Map<String, ")) {
        // A group per key, e.g. teal.notifications.webhooks.<name>.url
        collect(name + ".<name>", returns.substring("Map<String, ".length(), returns.length() - 1), bodies, out);
        continue;
      }
      if (bodies.containsKey(returns)) {
        collect(name, returns, bodies, out);
        continue;
      }
      String defaultValue = member.group(2) != null ? "`" + member.group(2) + "`" : "unset";
      out.add(new Property(name, defaultValue, prose(member.group(1))));
    }
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  private static String prose(String javadoc) {
    String text = javadoc.replaceAll("(?m)^\\s*\\*", " ").replaceAll("\\s+", " ").trim();
    return text.replaceAll("\\{@code ([^}]*)}", "`$1`");
  }
}
