package dev.teal.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.sandbox.SandboxClients;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;

/** The Quarkus test resource's contract, exercised without booting Quarkus. */
class SandboxTestResourceTest {

  @Test
  void startsTheSandboxAndReturnsTealsEndpointConfiguration() {
    SandboxTestResource resource = new SandboxTestResource();
    resource.init(Map.of("demo", "true", "seed", "3"));
    Map<String, String> config = resource.start();
    try {
      assertThat(config).containsKeys("teal.endpoints.ecs", "teal.endpoints.elb", "teal.endpoints.sts",
          "teal.endpoints.dynamodb", "teal.endpoints.dynamodb-streams", "teal.region", "teal.table");
      assertThat(config.get("teal.endpoints.ecs")).isEqualTo(SandboxTestResource.simulator().endpoint().toString());
      assertThat(config.get("teal.table")).startsWith("teal-quarkus-");
      assertThat(SandboxTestResource.demo()).isNotNull();
      assertThat(SandboxTestResource.clock()).isSameAs(SandboxTestResource.simulator().clock());

      URI ecsEndpoint = URI.create(config.get("teal.endpoints.ecs"));
      try (EcsClient ecs = SandboxClients.ecs(ecsEndpoint, config.get("teal.region"));
         DynamoDbClient ddb = SandboxClients.dynamoDb(URI.create(config.get("teal.endpoints.dynamodb")),
             config.get("teal.region"))) {
        assertThat(ecs.describeServices(r -> r.cluster("demo").services("web")).services()).hasSize(1);
        assertThat(ddb.listTables().tableNames()).doesNotContain(config.get("teal.table"));
      }
    } finally {
      resource.stop();
    }
  }
}
