package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Which of the operator's webhooks hear about this deployment, besides the ones configured for every
 * deployment. A webhook is named here and defined in the operator's configuration
 * ({@code teal.notifications.webhooks.<name>.*}), where its URL (which carries its token) is kept or
 * referenced in Secrets Manager or SSM: a document never holds a webhook URL.
 *
 * @param webhooks names of webhooks configured on the operator
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationSpec(List<String> webhooks) {}
