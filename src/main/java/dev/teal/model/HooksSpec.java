package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Lifecycle hooks ({@code spec.strategy.hooks}): calls teal makes at the points users know from CodeDeploy's
 * AppSpec hooks and ECS's lifecycle hooks, each of which must pass before green goes further. The hooks of one
 * point run one after another, in the order written; a hook that fails (or times out) aborts green.
 *
 * @param beforeTestTraffic before the test route points at green (green is ready, nothing sent to it yet)
 * @param afterTestTraffic after the test route points at green, before promotion (next to the preview analysis)
 * @param beforeProductionTraffic before each production step
 * @param afterProductionTraffic once production is 100 % green, inside the bake (which waits for them) and before green is made primary
 *     (blue is still primary at full scale, so a failure flips production straight back to it)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"beforeTestTraffic", "afterTestTraffic", "beforeProductionTraffic", "afterProductionTraffic"})
public record HooksSpec(List<HookSpec> beforeTestTraffic, List<HookSpec> afterTestTraffic,
    List<HookSpec> beforeProductionTraffic, List<HookSpec> afterProductionTraffic) {

  public static final String BEFORE_TEST_TRAFFIC = "beforeTestTraffic";
  public static final String AFTER_TEST_TRAFFIC = "afterTestTraffic";
  public static final String BEFORE_PRODUCTION_TRAFFIC = "beforeProductionTraffic";
  public static final String AFTER_PRODUCTION_TRAFFIC = "afterProductionTraffic";
  /** The points, in the order a deployment reaches them. */
  public static final List<String> POINTS = List.of(BEFORE_TEST_TRAFFIC, AFTER_TEST_TRAFFIC,
      BEFORE_PRODUCTION_TRAFFIC, AFTER_PRODUCTION_TRAFFIC);

  public HooksSpec {
    beforeTestTraffic = beforeTestTraffic == null ? List.of() : List.copyOf(beforeTestTraffic);
    afterTestTraffic = afterTestTraffic == null ? List.of() : List.copyOf(afterTestTraffic);
    beforeProductionTraffic = beforeProductionTraffic == null ? List.of() : List.copyOf(beforeProductionTraffic);
    afterProductionTraffic = afterProductionTraffic == null ? List.of() : List.copyOf(afterProductionTraffic);
  }

  /** The hooks of {@code point} (one of {@link #POINTS}). */
  @JsonIgnore
  public List<HookSpec> at(String point) {
    return switch (point) {
      case BEFORE_TEST_TRAFFIC -> beforeTestTraffic;
      case AFTER_TEST_TRAFFIC -> afterTestTraffic;
      case BEFORE_PRODUCTION_TRAFFIC -> beforeProductionTraffic;
      case AFTER_PRODUCTION_TRAFFIC -> afterProductionTraffic;
      default -> throw new IllegalArgumentException("no hook point " + point);
    };
  }
}
