package dev.teal.sandbox.devmode;

import java.net.URI;
import java.util.Map;

/** The dev-mode banner: the CLI's environment and the walkthrough, to copy and paste. */
final class Banner {

  /** The CLI needs only these; the rest of the launcher's environment is for other SDK users. */
  private static final String[] CLI_VARIABLES = {"AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
      "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB"};

  private Banner() {}

  static String text(Map<String, String> environment, String table, URI production, URI test, URI simulator,
      int httpPort, boolean demo) {
    StringBuilder out = new StringBuilder();
    out.append("\n\n  teal dev mode: the operator runs against the sandbox AWS (no AWS account needed)\n\n");
    out.append("  In another shell, from this checkout:\n\n");
    for (String name : CLI_VARIABLES) {
      String value = environment.get(name);
      if (value != null) {
        out.append("    export ").append(name).append('=').append(value).append('\n');
      }
    }
    out.append("    export TEAL_TABLE=").append(table).append("\n\n");
    if (demo) {
      out.append("  The demo service 'web' runs nginx:1.26; teal adopts it as stable. Its targets turn healthy\n");
      out.append("  about 25 s after the start; until then the listeners answer 503.\n");
      out.append("  Then walk a blue/green deployment through:\n\n");
      out.append("    bin/teal get\n");
      out.append("    bin/teal set-image web nginx:1.27        # green starts behind the test listener\n");
      out.append("    bin/teal status web --watch              # until Previewing\n");
      out.append(String.format("    %-40s # the test listener: green\n", "curl -s " + local(test)));
      out.append("    bin/teal promote web                     # production shifts 25% -> 50% -> 100%, 30 s apart\n");
      out.append("    while sleep 1; do curl -s ").append(local(production))
          .append("; done   # the production listener (another shell)\n");
      out.append("    bin/teal rollback web                    # back to nginx:1.26\n\n");
    }
    out.append("  Status page http://localhost:").append(httpPort).append("/\n");
    out.append("  Notifications (the events teal puts on the default event bus):\n");
    out.append("    curl -s ").append(simulator).append("/_sim/events | jq '.events[] | {time, \"detail-type\","
        + " deployment: .detail.deployment, message: .detail.message}'\n");
    out.append("  Health ").append("http://localhost:").append(httpPort).append("/q/health")
        .append(", metrics http://localhost:").append(httpPort).append("/q/metrics")
        .append(", simulator calls ").append(simulator).append("/_sim/calls\n");
    return out.toString();
  }

  /** {@code http://127.0.0.1:18080/} as {@code localhost:18080/}, the way the README writes it. */
  private static String local(URI url) {
    return "localhost:" + url.getPort() + "/";
  }
}
