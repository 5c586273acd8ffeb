package dev.teal.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teal.model.HookSpec;
import dev.teal.model.HooksSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of {@code spec.strategy.hooks}: each problem named by its field. */
class HookRulesTest {

  static List<Violation> validate(HooksSpec hooks) {
    Rules r = new Rules();
    HookRules.hooks(r, hooks);
    return r.violations;
  }

  static HookSpec webhook(String name, String url) {
    return new HookSpec(name, new HookSpec.Webhook(url, null, null), null, null);
  }

  @Test
  void aWellFormedHookOfEachKindPasses() {
    assertThat(validate(new HooksSpec(List.of(webhook("notify", "https://hooks.example.com/deploy")),
        List.of(new HookSpec("integration", null, new HookSpec.EcsTask("web-tests", "tests", Duration.ofMinutes(10)),
            null)),
        List.of(new HookSpec("approve", null, null, new HookSpec.Lambda(
            "arn:aws:lambda:eu-west-1:123456789012:function:approve:live", Duration.ofMinutes(2)))), null)))
        .isEmpty();
  }

  @Test
  void aHookUrlThatIsNotHttpIsRefusedNamingTheField() {
    assertThat(validate(new HooksSpec(List.of(webhook("notify", "file:///etc/passwd"),
        webhook("creds", "https://user:secret@hooks.example.com/"), webhook("nohost", "http:///path")), null, null,
        null)))
        .extracting(Violation::toString)
        .anySatisfy(v -> assertThat(v).contains("spec.strategy.hooks.beforeTestTraffic[0].webhook.url", "http or https"))
        .anySatisfy(v -> assertThat(v).contains("spec.strategy.hooks.beforeTestTraffic[1].webhook.url", "user info"))
        .anySatisfy(v -> assertThat(v).contains("spec.strategy.hooks.beforeTestTraffic[2].webhook.url"));
  }

  @Test
  void aHookHasExactlyOneKindAUniqueNameAndBoundedSettings() {
    HookSpec twoKinds = new HookSpec("both", new HookSpec.Webhook("https://h.example.com/", null, null),
        new HookSpec.EcsTask("web-tests", null, null), null);
    HookSpec none = new HookSpec("none", null, null, null);
    HookSpec badTask = new HookSpec("task", null, new HookSpec.EcsTask("not a family!", null, Duration.ofHours(3)),
        null);
    HookSpec badRetries = new HookSpec("retry", new HookSpec.Webhook("https://h.example.com/", Duration.ZERO, 99),
        null, null);
    assertThat(validate(new HooksSpec(null, List.of(twoKinds, none, badTask, badRetries, webhook("both",
        "https://h.example.com/")), null, null))).extracting(Violation::toString)
        .anySatisfy(v -> assertThat(v).contains("afterTestTraffic[0]", "exactly one of webhook, ecsTask or lambda"))
        .anySatisfy(v -> assertThat(v).contains("afterTestTraffic[1]", "exactly one"))
        .anySatisfy(v -> assertThat(v).contains("afterTestTraffic[2].ecsTask.taskDefinition"))
        .anySatisfy(v -> assertThat(v).contains("afterTestTraffic[2].ecsTask.timeout"))
        .anySatisfy(v -> assertThat(v).contains("afterTestTraffic[3].webhook.retries"))
        .anySatisfy(v -> assertThat(v).contains("afterTestTraffic[3].webhook.timeout"))
        .anySatisfy(v -> assertThat(v).contains("afterTestTraffic[4].name", "twice"));
  }
}
