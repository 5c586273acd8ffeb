package dev.teal.operator.web;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One deployment as {@code GET /api/overview} reports it: what the overview's row shows, and nothing
 * else, so a thousand of them stay small enough to fetch every two seconds (a {@link DeploymentSummary}
 * is about four times the size). Derived from the summary, so both always say the same. Field names are
 * the API's contract like the summary's (docs/status-page.md): only add.
 *
 * @param production the production route's split: role, image and percent per target group
 * @param promotion a stepped promotion in progress, or null
 */
@JsonPropertyOrder({"name", "labels", "image", "desiredPhase", "phase", "message", "attention", "production",
    "promotion", "upToDate", "updatedAt", "updatedAge", "updatedBy"})
public record OverviewRow(String name, Map<String, String> labels, String image, String desiredPhase, String phase,
    String message, String attention, List<Share> production, DeploymentSummary.Promotion promotion,
    boolean upToDate, Instant updatedAt, String updatedAge, String updatedBy) {

  /** One target group's share of the production route, in whole percent. */
  @JsonPropertyOrder({"role", "image", "percent"})
  public record Share(String role, String image, int percent) {}

  public static OverviewRow of(DeploymentSummary s) {
    return new OverviewRow(s.name(), s.labels(), s.image(), s.desiredPhase(), s.phase(), s.message(), s.attention(),
        s.traffic().production().stream().map(g -> new Share(g.role(), g.image(), g.percent())).toList(),
        s.promotion(), s.upToDate(), s.updatedAt(), s.updatedAge(), s.updatedBy());
  }
}
