package dev.teal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.testing.SandboxExtension;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/** The simulated ALB answers HTTP on each listener, routed by the rules' current weights. */
class DataPlaneTest {

  @RegisterExtension
  SandboxExtension sandbox = SandboxExtension.create();

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(URI base, String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** JDK HTTP clients refuse to set Host, so a virtual-host request is written by hand. */
  private static String rawGet(URI base, String path, String host) throws IOException {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Green task set running {@code image}, its group on both demo rules with the given weights. */
  private String green(DemoIds demo, String image, int blueWeight, int greenWeight) {
    String td = sandbox.ecs().registerTaskDefinition(r -> r.family("web").networkMode(NetworkMode.AWSVPC)
        .requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
        .containerDefinitions(c -> c.name("web").image(image).portMappings(p -> p.containerPort(80))))
        .taskDefinition().taskDefinitionArn();
    String tg = sandbox.elb().createTargetGroup(r -> r.name("web-green").protocol(ProtocolEnum.HTTP).port(80)
        .vpcId(demo.vpcId()).targetType(TargetTypeEnum.IP).healthCheckIntervalSeconds(10)
        .healthyThresholdCount(2)).targetGroups().get(0).targetGroupArn();
    for (String rule : new String[] {demo.productionRuleArn(), demo.testRuleArn()}) {
      sandbox.elb().modifyRule(r -> r.ruleArn(rule).actions(a -> a.type(ActionTypeEnum.FORWARD)
          .forwardConfig(f -> f.targetGroups(
              TargetGroupTuple.builder().targetGroupArn(demo.targetGroupArn()).weight(blueWeight).build(),
              TargetGroupTuple.builder().targetGroupArn(tg).weight(greenWeight).build()))));
    }
    sandbox.ecs().createTaskSet(r -> r.cluster(demo.cluster()).service(demo.service()).externalId("green")
        .taskDefinition(td).launchType(LaunchType.FARGATE)
        .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(demo.subnets())))
        .loadBalancers(l -> l.targetGroupArn(tg).containerName("web").containerPort(80))
        .scale(s -> s.value(100.0)));
    return tg;
  }

  @Test
  void answers503UntilATargetIsHealthyThenNamesTheImage() throws Exception {
    DemoIds demo = sandbox.seedDemo();
    URI production = sandbox.simulator().listenerUrl(demo.productionListenerArn());
    assertThat(production.getHost()).isEqualTo("127.0.0.1");

    assertThat(get(production, "/").statusCode()).isEqualTo(503);
    sandbox.clock().advanceSeconds(29);
    assertThat(get(production, "/").statusCode()).isEqualTo(503);
    sandbox.clock().advanceSeconds(1);

    HttpResponse<String> ok = get(production, "/index.html");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headers().firstValue("X-Teal-Image")).contains("nginx:1.26");
    assertThat(ok.headers().firstValue("X-Teal-Target-Group")).contains("web-blue");
    assertThat(ok.body()).contains("nginx:1.26").contains("web-blue");

    URI test = sandbox.simulator().listenerUrl(demo.testListenerArn());
    assertThat(get(test, "/").statusCode()).isEqualTo(200);
  }

  @Test
  void weightsNinetyTenSplitTrafficRoughlyNinetyTen() throws Exception {
    DemoIds demo = sandbox.seedDemo();
    green(demo, "nginx:1.27", 90, 10);
    sandbox.clock().advanceSeconds(30);
    URI production = sandbox.simulator().listenerUrl(demo.productionListenerArn());

    Map<String, Integer> byImage = new HashMap<>();
    int requests = 1000;
    for (int i = 0; i < requests; i++) {
      HttpResponse<String> r = get(production, "/");
      assertThat(r.statusCode()).isEqualTo(200);
      byImage.merge(r.headers().firstValue("X-Teal-Image").orElseThrow(), 1, Integer::sum);
    }
    assertThat(byImage.get("nginx:1.26")).isBetween(860, 940);
    assertThat(byImage.get("nginx:1.27")).isBetween(60, 140);
  }

  @Test
  void theErrorsMarkerPassesHealthChecksButAnswers500() throws Exception {
    DemoIds demo = sandbox.seedDemo();
    String tg = green(demo, "app:2.0-errors", 0, 1);
    sandbox.clock().advanceSeconds(30);
    assertThat(sandbox.simulator().targets(tg)).hasSize(3).allMatch(TargetView::healthy);

    HttpResponse<String> r = get(sandbox.simulator().listenerUrl(demo.testListenerArn()), "/");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.headers().firstValue("X-Teal-Image")).contains("app:2.0-errors");
  }

  @Test
  void rulesMatchPathAndHostPatternsByPriorityThenFallToTheDefault() throws Exception {
    DemoIds demo = sandbox.seedDemo();
    sandbox.elb().modifyRule(r -> r.ruleArn(demo.productionRuleArn()).conditions(RuleCondition.builder()
        .field("path-pattern").pathPatternConfig(p -> p.values("/app/*")).build()));
    sandbox.elb().createRule(r -> r.listenerArn(demo.productionListenerArn()).priority(5)
        .conditions(RuleCondition.builder().field("host-header").hostHeaderConfig(h -> h.values("admin.*"))
            .build())
        .actions(a -> a.type(ActionTypeEnum.FIXED_RESPONSE)
            .fixedResponseConfig(f -> f.statusCode("403").contentType("text/plain").messageBody("admins only"))));
    sandbox.clock().advanceSeconds(30);
    URI production = sandbox.simulator().listenerUrl(demo.productionListenerArn());

    assertThat(get(production, "/app/x").statusCode()).isEqualTo(200);
    HttpResponse<String> fallback = get(production, "/other");
    assertThat(fallback.statusCode()).isEqualTo(404);
    assertThat(fallback.body()).isEqualTo("not found");
    String admin = rawGet(production, "/app/x", "admin.example.com:80");
    assertThat(admin).startsWith("HTTP/1.1 403").endsWith("admins only");
    assertThat(rawGet(production, "/app/x", "www.example.com")).startsWith("HTTP/1.1 200");
  }

  @Test
  void allWeightOnAGroupWithoutHealthyTargetsGives503() throws Exception {
    DemoIds demo = sandbox.seedDemo();
    green(demo, "registry/app:unhealthy", 0, 1);
    sandbox.clock().advanceSeconds(120);
    HttpResponse<String> r = get(sandbox.simulator().listenerUrl(demo.productionListenerArn()), "/");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).contains("no healthy target in web-green");
  }
}
