package dev.teal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;

/** The launcher starts everything on the ports it is given, seeds the demo, serves traffic and stops. */
class SandboxLauncherTest {

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void startsOnTheGivenPortsSeedsTheDemoAnswersHttpAndStops() throws Exception {
    int apiPort = freePort();
    int dynamoPort = freePort();
    int offset = freePort() - 80;
    VirtualClock clock = new VirtualClock();
    HttpClient http = HttpClient.newHttpClient();
    URI production;
    try (SandboxLauncher sandbox = SandboxLauncher.start(SandboxLauncher.Options.defaults()
        .apiPort(apiPort).dynamoDbPort(dynamoPort).listenerPortOffset(offset).clock(clock))) {
      DemoIds ids = sandbox.seedDemo();
      assertThat(sandbox.environment())
          .containsEntry("AWS_ENDPOINT_URL", "http://127.0.0.1:" + apiPort)
          .containsEntry("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + dynamoPort)
          .containsEntry("AWS_REGION", "us-east-1")
          .containsKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
      production = sandbox.productionUrl();

      try (EcsClient ecs = SandboxClients.ecs(sandbox.endpoint(), "us-east-1");
         DynamoDbClient ddb = SandboxClients.dynamoDb(sandbox.dynamoDbEndpoint(), "us-east-1")) {
        assertThat(ecs.describeServices(r -> r.cluster("demo").services("web")).services().get(0).taskSets())
            .singleElement().satisfies(ts -> assertThat(ts.taskSetArn()).isEqualTo(ids.taskSetArn()));
        assertThat(ddb.listTables().tableNames()).isEmpty();
      }

      // The launcher's task start delay is 5 s and the demo group turns healthy after 2 × 10 s.
      clock.advanceSeconds(25);
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(production).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).contains("nginx:1.26");
      assertThat(production).isEqualTo(URI.create("http://127.0.0.1:" + (offset + 80) + "/"));
    }
    assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(production).build(),
        HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
  }
}
