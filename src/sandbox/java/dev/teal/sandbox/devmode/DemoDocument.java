package dev.teal.sandbox.devmode;

import dev.teal.model.AnalysisSpec;
import dev.teal.model.BlueGreenDeployment;
import dev.teal.model.DeploymentSpec;
import dev.teal.model.DesiredPhase;
import dev.teal.model.HealthCheckSpec;
import dev.teal.model.HttpAnalysisSpec;
import dev.teal.model.ObjectMeta;
import dev.teal.model.PromotionSpec;
import dev.teal.model.StrategySpec;
import dev.teal.model.TargetGroupSpec;
import dev.teal.model.TrafficSpec;
import dev.teal.sandbox.DemoIds;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code web} document dev mode starts with: the demo service as it runs (nginx:1.26, so teal adopts
 * it), the demo's routes and target-group health check, and a stepped promotion slow enough to watch
 * traffic move (25, 50, 100 percent, 30 s apart, each step analysed through the test listener).
 */
public final class DemoDocument {

  public static final String NAME = "web";

  private DemoDocument() {}

  public static BlueGreenDeployment of(DemoIds demo) {
    DeploymentSpec spec = new DeploymentSpec(demo.cluster(), demo.service(), demo.taskDefinitionFamily(),
        demo.containerName(), demo.containerPort(), demo.image(), DesiredPhase.PREVIEW,
        new TrafficSpec(demo.productionRuleArn(), null, demo.testRuleArn(),
            new TargetGroupSpec(demo.vpcId(), demo.containerPort(), "HTTP",
                new HealthCheckSpec("/healthz", 10, 5, 2, 2, "200-399"), 10)),
        null,
        new StrategySpec(100, PromotionSpec.of(List.of(25, 50, 100), Duration.ofSeconds(30)), null,
            Duration.ofMinutes(10), Duration.ofMinutes(10),
            new AnalysisSpec(new HttpAnalysisSpec("/", 200, 10, 0))));
    return new BlueGreenDeployment(BlueGreenDeployment.API_VERSION, BlueGreenDeployment.KIND,
        new ObjectMeta(NAME, Map.of("demo", "true"), null, null, null, null, null), spec, null);
  }
}
