package dev.teal.sandbox.devmode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.document.DocumentValidator;
import dev.teal.model.BlueGreenDeployment;
import dev.teal.sandbox.DemoIds;
import dev.teal.testing.SandboxExtension;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The document dev mode writes is valid, and the banner says what the README says (the status page too). */
class DemoDocumentTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  @Test
  void theDemoDocumentIsValidAndDrivesTheDemoService() {
    DemoIds demo = sandbox.seedDemo();
    BlueGreenDeployment document = DemoDocument.of(demo);

    assertThat(DocumentValidator.validate(document)).isEmpty();
    assertThat(document.spec().image()).as("what the demo service runs, so teal adopts it").isEqualTo(demo.image());
    assertThat(document.spec().traffic().productionRule()).isEqualTo(demo.productionRuleArn());
    assertThat(document.spec().strategy().promotion().weights()).containsExactly(25, 50, 100);
  }

  @Test
  void theBannerHasTheCliEnvironmentAndTheWalkthrough() {
    String banner = Banner.text(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "sandbox",
        "AWS_SECRET_ACCESS_KEY", "sandbox-secret", "AWS_ENDPOINT_URL", "http://127.0.0.1:4566",
        "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000"), "teal-deployments",
        URI.create("http://127.0.0.1:10080/"), URI.create("http://127.0.0.1:18080/"),
        URI.create("http://127.0.0.1:4566"), 8080, true);

    assertThat(banner).contains("export AWS_REGION=us-east-1", "export AWS_ACCESS_KEY_ID=sandbox",
        "export AWS_SECRET_ACCESS_KEY=sandbox-secret", "export AWS_ENDPOINT_URL=http://127.0.0.1:4566",
        "export AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:8000", "export TEAL_TABLE=teal-deployments",
        "bin/teal set-image web nginx:1.27", "bin/teal status web --watch", "curl -s localhost:18080/",
        "bin/teal promote web", "while sleep 1; do curl -s localhost:10080/; done", "bin/teal rollback web",
        "Status page http://localhost:8080/", "curl -s http://127.0.0.1:4566/_sim/events");
  }
}
