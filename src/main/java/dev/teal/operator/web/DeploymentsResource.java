package dev.teal.operator.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teal.document.DocumentCodec;
import dev.teal.document.DocumentValidator;
import dev.teal.document.TealJackson;
import dev.teal.operator.Operator;
import dev.teal.operator.config.TealConfig;
import dev.teal.store.DeploymentStore;
import dev.teal.store.ItemLayout;
import dev.teal.store.StatusHistory;
import dev.teal.store.StoreException;
import dev.teal.store.StoredDeployment;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The status API: read-only views of the deployment documents, for the status pages and for scripts:
 * {@code /api/deployments}, {@code /api/deployments/{name}}, {@code /api/deployments/{name}/history} and
 * {@code /api/overview}.
 *
 * <p>It reads DynamoDB directly, so it answers the same on the lease holder and on a standby; only
 * {@code lastReconcile} depends on the instance. Who changed or asked for something (the caller ARNs in
 * {@code updatedBy}, the audit records, the control requests, the messages) is shown redacted unless
 * {@code teal.status-page.show-caller-arns} is on ({@link CallerArns}). Only GET is defined, so anything
 * else is 405. Bodies are written with {@link TealJackson} rather than the framework's mapper, so
 * durations and instants look exactly as in the CLI's {@code -o json} whatever the application's Jackson
 * settings are.
 *
 * <p>Each request waits on a DynamoDB read, so it runs on a virtual thread: a slow table parks the
 * request, not one of the worker threads the rest of the HTTP server shares.
 */
@Path("/api")
@RunOnVirtualThread
@Produces(MediaType.APPLICATION_JSON)
public class DeploymentsResource {

  private static final Logger LOG = Logger.getLogger(DeploymentsResource.class);

  /** Every answer is current state; a cached one would show traffic that has since moved. */
  private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

  @Inject
  DeploymentStore store;

  @Inject
  Operator operator;

  @Inject
  Clock clock;

  @Inject
  TealConfig config;

  @Inject
  StatusHistory history;

  /** One summary per document, by name. */
  @GET
  @Path("deployments")
  public Response list() {
    try {
      ArrayNode summaries = TealJackson.json().createArrayNode();
      for (StoredDeployment stored : store.list()) {
        summaries.add(tree(summary(stored)));
      }
      return ok(summaries);
    } catch (StoreException e) {
      return unavailable(e);
    }
  }

  /**
   * One {@link OverviewRow} per document, by name: the overview page's one call per refresh.
   */
  @GET
  @Path("overview")
  public Response overview() {
    try {
      ArrayNode rows = TealJackson.json().createArrayNode();
      for (StoredDeployment stored : store.list()) {
        rows.add(tree(OverviewRow.of(summary(stored))));
      }
      return ok(rows);
    } catch (StoreException e) {
      return unavailable(e);
    }
  }

  /**
   * {@code teal describe NAME}'s equivalent: the document as {@code teal get NAME -o json} prints it, its
   * summary, and the timeline of its current and last attempts from the recorded status history.
   */
  @GET
  @Path("deployments/{name}")
  public Response get(@PathParam("name") String name) {
    // A name the store would refuse cannot name a document; say so without asking DynamoDB.
    if (!DocumentValidator.validateName(name).isEmpty()) {
      return notFound(name);
    }
    try {
      Optional<StoredDeployment> stored = store.get(name);
      if (stored.isEmpty()) {
        return notFound(name);
      }
      StoredDeployment document = stored.get();
      ObjectNode body = TealJackson.json().createObjectNode();
      body.set("summary", tree(summary(document)));
      body.set("document", DocumentCodec.toTree(document.document()));
      body.set("timeline", tree(DeploymentTimeline.of(history.entries(name),
          document.document().metadata().creationTimestamp(), document.statusVersion(), ItemLayout.HISTORY_SLOTS)));
      return ok(body);
    } catch (StoreException e) {
      return unavailable(e);
    }
  }

  /**
   * {@code teal history NAME}'s equivalent: the audit records of every spec and label change, newest first,
   * kept after the document is deleted (so an unknown name is an empty list, not a 404).
   */
  @GET
  @Path("deployments/{name}/history")
  public Response history(@PathParam("name") String name) {
    if (!DocumentValidator.validateName(name).isEmpty()) {
      return notFound(name);
    }
    try {
      return ok(tree(store.history(name)));
    } catch (StoreException e) {
      return unavailable(e);
    }
  }

  private DeploymentSummary summary(StoredDeployment stored) {
    return DeploymentSummaries.of(stored, operator.reconciles().last(stored.name()), clock.instant(),
        config.statusPage().showCallerArns());
  }


  private static JsonNode tree(Object value) {
    return TealJackson.json().valueToTree(value);
  }

  /** Every answer goes out through here: caller ARNs anywhere in it are redacted unless configured to show. */
  private Response ok(JsonNode body) {
    JsonNode shown = config.statusPage().showCallerArns() ? body : CallerArns.redact(body);
    return Response.ok(shown).cacheControl(NO_STORE).build();
  }

  private static Response notFound(String name) {
    return error(Response.Status.NOT_FOUND, new ApiError("not_found", "no deployment named '" + name + "'"));
  }

  private static Response unavailable(StoreException e) {
    LOG.warnf("status API: the deployments table could not be read: %s", e.getMessage());
    return error(Response.Status.SERVICE_UNAVAILABLE, new ApiError("unavailable",
        "the deployments table could not be read: " + e.getMessage()));
  }

  private static Response error(Response.Status status, ApiError error) {
    return Response.status(status).entity(tree(error)).type(MediaType.APPLICATION_JSON).cacheControl(NO_STORE)
        .build();
  }

  /**
   * The body of every error answer.
   *
   * @param error a stable code: not_found or unavailable
   * @param message for people
   */
  public record ApiError(String error, String message) {}
}
