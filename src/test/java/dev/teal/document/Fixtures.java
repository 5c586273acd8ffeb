package dev.teal.document;

import java.nio.charset.StandardCharsets;

/** Documents shared by the document tests. */
public final class Fixtures {

  public static final String PRODUCTION_RULE = "arn:aws:elasticloadbalancing:us-east-1:000000000000:"
      + "listener-rule/app/demo/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee";
  public static final String TEST_RULE = "arn:aws:elasticloadbalancing:us-east-1:000000000000:"
      + "listener-rule/app/demo/50dc6c495c0c9188/3d2e1f0a9b8c7d6e/1a2b3c4d5e6f7a8b";

  /** A valid document named {@code name} with image {@code image}. */
  public static String minimal(String name, String image) {
    return """
        apiVersion: teal.dev/v1alpha1
        kind: BlueGreenDeployment
        metadata:
          name: %s
        spec:
          cluster: demo
          service: web
          taskDefinition: web
          container: web
          containerPort: 80
          image: %s
          traffic:
            productionRule: %s
            testRule: %s
            targetGroup:
              vpcId: vpc-0sandbox
        """.formatted(name, image, PRODUCTION_RULE, TEST_RULE);
  }

  public static String minimal() {
    return minimal("web", "nginx:1.27");
  }

  public static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private Fixtures() {}
}
