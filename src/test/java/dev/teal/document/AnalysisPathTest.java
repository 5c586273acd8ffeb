package dev.teal.document;

import static dev.teal.document.Fixtures.bytes;
import static dev.teal.document.Fixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The analysis path is a path on the test listener and nothing else: the validator (at apply, and on
 * every document the operator reads) and the JSON Schema both refuse anything that could leave the
 * listener or fail to resolve, and the refusal names the field.
 *
 * <p>Planted fault: with {@code Patterns.ANALYSIS_PATH} back to the old {@code ^/[^\s]*$} (and the
 * schema's pattern with it), every SSRF and broken-escape case below was accepted.
 */
class AnalysisPathTest {

  private static final String FIELD = "spec.strategy.analysis.http.path";

  @ParameterizedTest(name = "refused: {0}")
  @ValueSource(strings = {
      "//169.254.169.254/latest/meta-data/iam/security-credentials/",
      "//example.com",
      "/a//b",
      "http://169.254.169.254/latest",
      "health",
      "/a|b",
      "/%zz",
      "/%",
      "/%4",
      "/a\\b",
      "/\\\\169.254.169.254/x",
      "/a b",
      "/a#fragment",
      "/a\tb",
      "/ünïcode"})
  void refusedByTheValidatorAndTheSchema(String path) {
    List<Violation> violations = DocumentValidator.validate(DocumentCodec.read(bytes(withPath(path))));
    assertThat(violations).as("validator").anySatisfy(v -> {
      assertThat(v.path()).isEqualTo(FIELD);
      assertThat(v.message()).contains("path on the test listener");
    });
    assertThat(SchemaTest.validate(bytes(withPath(path))).toString()).as("schema")
        .contains("/spec/strategy/analysis/http/path");
  }

  /** The schema cannot decode escapes; the validator (which the CLI and the operator both run) does. */
  @ParameterizedTest(name = "refused by the validator: {0}")
  @ValueSource(strings = {"/%C3%28", "/%FF", "/%00", "/x%0D%0AHost:%20evil", "/%7F"})
  void escapesThatDoNotDecodeToTextAreRefused(String path) {
    List<Violation> violations = DocumentValidator.validate(DocumentCodec.read(bytes(withPath(path))));
    assertThat(violations).anySatisfy(v -> {
      assertThat(v.path()).isEqualTo(FIELD);
      assertThat(v.message()).contains("percent-decode");
    });
  }

  @ParameterizedTest(name = "accepted: {0}")
  @ValueSource(strings = {"/", "/health", "/healthz/", "/api/v1/items", "/health?deep=1",
      "/search?q=a/b&x=%20y", "/%E2%9C%93", "/a:b@c/~user/(x)", "/.well-known/ready"})
  void plainPathsAreAccepted(String path) {
    assertThat(DocumentValidator.validate(DocumentCodec.read(bytes(withPath(path))))).isEmpty();
    assertThat(SchemaTest.validate(bytes(withPath(path)))).isEmpty();
  }

  private static String withPath(String path) {
    String quoted = "'" + path.replace("'", "''") + "'";
    return minimal().replace("  image: nginx:1.27\n", "  image: nginx:1.27\n  strategy:\n    analysis:\n"
        + "      http:\n        path: " + quoted + "\n");
  }
}
