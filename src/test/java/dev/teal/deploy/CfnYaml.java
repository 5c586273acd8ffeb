package dev.teal.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation template written in YAML, turning the short-form tags ({@code !Ref X},
 * {@code !GetAtt A.B}, {@code !Sub ...}, {@code !If [...]}) into the long form CloudFormation itself uses
 * ({@code {Ref: X}}, {@code {Fn::GetAtt: [A, B]}}, ...), so checks see one shape only.
 *
 * <p>SnakeYAML rather than Jackson: Jackson's YAML parser drops tags, and a lost {@code !Ref} would turn
 * a reference into a plain string that no check could tell from a literal.
 */
final class CfnYaml {

  /** Every short form CloudFormation defines; anything else is a typo and fails the load. */
  private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "Equals", "FindInMap", "GetAtt",
      "GetAZs", "If", "ImportValue", "Join", "Not", "And", "Or", "Select", "Split", "Sub", "Transform",
      "Length", "ToJsonString");

  private CfnYaml() {}

  static Map<String, Object> load(Path template) {
    try {
      return load(Files.readString(template));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> load(String text) {
    Yaml yaml = new Yaml(new Constructor());
    return (Map<String, Object>) yaml.load(text);
  }

  private static final class Constructor extends SafeConstructor {

    Constructor() {
      super(new LoaderOptions());
      yamlConstructors.put(new Tag("!Ref"), new ShortForm("Ref"));
      yamlConstructors.put(new Tag("!Condition"), new ShortForm("Condition"));
      for (String function : FUNCTIONS) {
        yamlConstructors.put(new Tag("!" + function), new ShortForm("Fn::" + function));
      }
    }

    /** {@code !Name value} becomes {@code {LongName: value}}, whatever kind of node the value is. */
    private final class ShortForm extends AbstractConstruct {
      private final String longName;

      ShortForm(String longName) {
        this.longName = longName;
      }

      @Override
      public Object construct(Node node) {
        Object value;
        if (node instanceof ScalarNode scalar) {
          String text = constructScalar(scalar);
          // !GetAtt Resource.Attribute is the one short form whose scalar is really a list.
          int dot = text.indexOf('.');
          value = longName.equals("Fn::GetAtt") && dot > 0
              ? List.of(text.substring(0, dot), text.substring(dot + 1)) : text;
        } else if (node instanceof SequenceNode sequence) {
          value = constructSequence(sequence);
        } else {
          value = constructMapping((MappingNode) node);
        }
        Map<String, Object> longForm = new LinkedHashMap<>();
        longForm.put(longName, value);
        return longForm;
      }
    }
  }
}
