package dev.teal.operator.health;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;

/**
 * The container health check of the operator image, which has no shell and no curl (src/main/docker/OperatorImage.java):
 * exits 0 when {@code GET /q/health/live} on this host answers 200, else 1. ECS runs it in the container
 * (deploy/cloudformation/operator.yaml) on the image's own Java, with the JDK's HTTP client only, so it
 * loads a handful of classes and no Quarkus:
 *
 * <pre>java -cp /opt/teal/operator/quarkus-run.jar dev.teal.operator.health.HealthProbe [PORT]</pre>
 */
public final class HealthProbe {

  static final Duration TIMEOUT = Duration.ofSeconds(3);

  private HealthProbe() {}

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    System.exit(live(port) ? 0 : 1);
  }

  /** Whether the operator on this host's port answers its liveness check with 200. */
  static boolean live(int port) {
    try {
      HttpURLConnection http = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/q/health/live").toURL()
          .openConnection();
      http.setConnectTimeout((int) TIMEOUT.toMillis());
      http.setReadTimeout((int) TIMEOUT.toMillis());
      try {
        return http.getResponseCode() == 200;
      } finally {
        http.disconnect();
      }
    } catch (IOException e) {
      System.err.println("health probe: " + e);
      return false;
    }
  }
}
