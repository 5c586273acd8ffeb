package dev.teal.document;

import dev.teal.model.NotificationSpec;
import java.util.List;

/** The rules of {@code spec.notifications}: webhooks by the names the operator configures, never URLs. */
final class NotificationRules {

  private NotificationRules() {}

  static void notifications(Rules r, NotificationSpec n) {
    if (n == null || n.webhooks() == null) {
      return;
    }
    List<String> webhooks = n.webhooks();
    if (webhooks.size() > Patterns.WEBHOOKS_MAX) {
      r.add("spec.notifications.webhooks", "must have at most " + Patterns.WEBHOOKS_MAX + " entries");
    }
    for (int i = 0; i < webhooks.size(); i++) {
      String path = "spec.notifications.webhooks[" + i + "]";
      String webhook = webhooks.get(i);
      if (webhook != null && (webhook.contains("://") || webhook.contains(":"))) {
        // A URL here would put the webhook's token in the document, its audit trail and every backup.
        r.add(path, "must name a webhook configured on the operator (teal.notifications.webhooks.<name>.url),"
            + " not a URL or secret reference: a webhook URL carries its token and never belongs in a document");
      } else {
        r.required(path, webhook).pattern(path, webhook, Patterns.WEBHOOK_NAME,
            "must be a webhook name: lower-case letters, digits and '-', at most 63");
      }
      if (webhook != null && webhooks.indexOf(webhook) < i) {
        r.add(path, "names " + Rules.quote(webhook) + " twice");
      }
    }
  }
}
