package dev.teal.document;

import dev.teal.model.HookSpec;
import dev.teal.model.HooksSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of {@code spec.strategy.hooks}: each hook has a unique name and exactly one kind, a webhook URL is
 * http(s) with a host and nothing a password could hide in, a task definition and a function are named the way
 * ECS and Lambda name them, and timeouts are bounded. Where a webhook may go is decided by the operator, which
 * knows its own allow-list and resolves names ({@code HookUrlPolicy}); what a document can say wrongly on its own
 * is refused here.
 */
final class HookRules {

  /** Hooks one point may have: each runs in turn, so a long list is a long wait. */
  static final int MAX_HOOKS_PER_POINT = 5;
  static final Duration MAX_TIMEOUT = Duration.ofHours(2);
  static final int MAX_RETRIES = 10;
  static final int MAX_URL = 2048;

  private HookRules() {}

  static void hooks(Rules r, HooksSpec hooks) {
    if (hooks == null) {
      return;
    }
    for (String point : HooksSpec.POINTS) {
      String p = "spec.strategy.hooks." + point;
      List<HookSpec> list = hooks.at(point);
      if (list.size() > MAX_HOOKS_PER_POINT) {
        r.add(p, "must have at most " + MAX_HOOKS_PER_POINT + " hooks (has " + list.size() + ")");
      }
      Set<String> names = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        String path = p + "[" + i + "]";
        HookSpec hook = list.get(i);
        if (hook == null) {
          r.add(path, "is required");
          continue;
        }
        r.required(path + ".name", hook.name()).pattern(path + ".name", hook.name(), Patterns.HOOK_NAME,
            "must be a hook name: lower-case letters, digits and '-', at most 63");
        if (hook.name() != null && !names.add(hook.name())) {
          r.add(path + ".name", "names hook " + Rules.quote(hook.name()) + " twice in " + point);
        }
        int kinds = (hook.webhook() != null ? 1 : 0) + (hook.ecsTask() != null ? 1 : 0) + (hook.lambda() != null ? 1 : 0);
        if (kinds != 1) {
          r.add(path, "must have exactly one of webhook, ecsTask or lambda (has " + kinds + ")");
        }
        if (hook.webhook() != null) {
          webhook(r, path + ".webhook", hook.webhook());
        }
        if (hook.ecsTask() != null) {
          String t = path + ".ecsTask.";
          r.required(t + "taskDefinition", hook.ecsTask().taskDefinition()).pattern(t + "taskDefinition",
              hook.ecsTask().taskDefinition(), Patterns.TASK_DEFINITION,
              "must be a task definition family, family:revision or ARN");
          r.pattern(t + "container", hook.ecsTask().container(), Patterns.CONTAINER,
              "must be a container name: letters, digits, '-' and '_', at most 255");
          r.duration(t + "timeout", hook.ecsTask().timeout(), Duration.ofSeconds(1), MAX_TIMEOUT);
        }
        if (hook.lambda() != null) {
          String l = path + ".lambda.";
          r.required(l + "function", hook.lambda().function()).pattern(l + "function", hook.lambda().function(),
              Patterns.LAMBDA_FUNCTION, "must be a Lambda function name, ARN or partial ARN, with an optional :version or :alias");
          // Invoke (RequestResponse) waits at most 15 minutes: Lambda's own limit on a function's run.
          r.duration(l + "timeout", hook.lambda().timeout(), Duration.ofSeconds(1), Duration.ofMinutes(15));
        }
      }
    }
  }

  private static void webhook(Rules r, String path, HookSpec.Webhook webhook) {
    String url = webhook.url();
    r.required(path + ".url", url);
    if (url != null) {
      if (url.length() > MAX_URL) {
        r.add(path + ".url", "must be at most " + MAX_URL + " characters");
      } else {
        try {
          Optional<String> problem = urlProblem(new URI(url));
          if (problem.isPresent()) {
            r.add(path + ".url", problem.get() + " (was " + Rules.quote(url) + ")");
          } else {
            r.pattern(path + ".url", url, Patterns.HOOK_URL, "must be an http or https URL without spaces");
          }
        } catch (URISyntaxException e) {
          r.add(path + ".url", "must be an http or https URL (was " + Rules.quote(url) + ": " + e.getReason() + ")");
        }
      }
    }
    r.duration(path + ".timeout", webhook.timeout(), Duration.ofSeconds(1), MAX_TIMEOUT);
    r.range(path + ".retries", webhook.retries(), 0, MAX_RETRIES);
  }

  /** What a webhook URL must be on its own: http or https, a host, no user info, no fragment. */
  static Optional<String> urlProblem(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of("must be an http or https URL (was scheme " + (scheme.isEmpty() ? "none" : scheme) + ")");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return Optional.of("must name a host");
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("must not carry user info (a password in a document is in its audit trail and backups)");
    }
    if (uri.getRawFragment() != null) {
      return Optional.of("must not have a #fragment");
    }
    return Optional.empty();
  }
}
