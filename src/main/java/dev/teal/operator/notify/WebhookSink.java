package dev.teal.operator.notify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teal.aws.AwsException;
import dev.teal.history.NotificationType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * POSTs each notification to a webhook, one request per event: the EventBridge-shaped JSON envelope, or
 * Slack's {@code {"text": ...}} (which Slack's incoming webhooks and the many chat tools that copy them
 * accept). Any 2xx is delivered; anything else, a timeout included, is tried again later.
 *
 * <p>The URL usually carries the webhook's token, so it is never logged: messages name the webhook and
 * where its URL comes from. A 401, 403, 404 or 410 drops the resolved URL, so a rotated secret is read
 * again on the next attempt.
 */
public final class WebhookSink implements Sink {

  /** The body a webhook receives. */
  public enum Format {
    /** The event as EventBridge would hand it to a target: {@code id}, {@code source}, {@code detail-type}, {@code detail}. */
    JSON,
    /** {@code {"text": "..."}}, one line of Slack mrkdwn per event. */
    SLACK
  }

  /**
   * What the operator's configuration says about one webhook.
   *
   * @param name the webhook's name; documents subscribe with {@code spec.notifications.webhooks}
   * @param url where it is, or where its URL is kept (a {@link SecretReference})
   * @param allDeployments true: every deployment's notifications; false: only subscribed documents'
   * @param types the transitions it takes; empty takes all
   * @param timeout of each request, connection included
   */
  public record Settings(String name, SecretReference url, Format format, boolean allDeployments,
      Set<NotificationType> types, Duration timeout) {

    public Settings {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(format, "format");
      types = types == null ? Set.of() : Set.copyOf(types);
      Objects.requireNonNull(timeout, "timeout");
    }
  }

  public static final String ID_PREFIX = "webhook:";

  private static final Set<Integer> SECRET_GONE = Set.of(401, 403, 404, 410);

  private final Settings settings;
  private final SecretResolver secrets;
  private final HttpClient http;

  public WebhookSink(Settings settings, SecretResolver secrets) {
    this.settings = settings;
    this.secrets = secrets;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public String id() {
    return ID_PREFIX + settings.name();
  }

  @Override
  public boolean wants(NotificationEvent event) {
    return (settings.allDeployments() || event.entry().webhooks().contains(settings.name()))
        && (settings.types().isEmpty() || settings.types().contains(event.type()));
  }

  @Override
  public int maxBatch() {
    return 1;
  }

  @Override
  public void deliver(List<NotificationEvent> events) throws SinkFailure {
    for (int i = 0; i < events.size(); i++) {
      try {
        post(events.get(i));
      } catch (SinkFailure e) {
        throw new SinkFailure(e.getMessage(), i, e.getCause());
      }
    }
  }

  private void post(NotificationEvent event) throws SinkFailure {
    URI url;
    try {
      url = URI.create(secrets.resolve(settings.url()));
    } catch (AwsException e) {
      throw new SinkFailure("webhook " + settings.name() + ": its URL from " + settings.url().describe()
          + " cannot be read: " + e.getMessage(), 0, e);
    } catch (IllegalArgumentException e) {
      // Not e's message: it quotes the URL, token and all.
      throw new SinkFailure("webhook " + settings.name() + ": its URL from " + settings.url().describe()
          + " is not a valid URL", 0, null);
    }
    if (url.getScheme() == null || !(url.getScheme().equals("https") || url.getScheme().equals("http"))) {
      throw new SinkFailure("webhook " + settings.name() + ": its URL from " + settings.url().describe()
          + " is not an http(s) URL", 0, null);
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(settings.timeout())
        .header("Content-Type", "application/json")
        .header("User-Agent", "teal");
    if (settings.format() == Format.SLACK) {
      ObjectNode body = JsonNodeFactory.instance.objectNode().put("text", event.slackText());
      request.POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      request.header("X-Teal-Event-Id", event.eventId()).header("X-Teal-Event-Type", event.type().detailType());
      request.POST(HttpRequest.BodyPublishers.ofString(event.envelope().toString()));
    }
    HttpResponse<Void> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      // Never the URL: it carries the webhook's token.
      String why = e.getClass().getSimpleName() + (e.getMessage() == null ? ""
          : ": " + e.getMessage().replace(url.toString(), "<url>"));
      throw new SinkFailure("webhook " + settings.name() + " could not be reached: " + why, 0, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SinkFailure("webhook " + settings.name() + ": interrupted", 0, e);
    }
    int status = response.statusCode();
    if (status / 100 != 2) {
      if (SECRET_GONE.contains(status)) {
        secrets.forget(settings.url());
      }
      throw new SinkFailure("webhook " + settings.name() + " answered HTTP " + status, 0, null);
    }
  }
}
