package dev.teal.history;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * The transitions teal notifies about. The wire name is the EventBridge {@code detail-type} and the
 * webhooks' {@code detail-type}; docs/notifications.md lists them with the field each one fills.
 */
public enum NotificationType {
  /** A new green revision is being brought up (a new image, or another change that makes a new revision). */
  STARTED("Deployment Started"),
  /** Green is healthy and analysed behind the test route: it waits for {@code phase: promote}. */
  WAITING_FOR_PROMOTION("Deployment Waiting For Promotion"),
  /** Production moved to the next step of the promotion. */
  STEP("Deployment Step"),
  /** The new revision serves production. */
  PROMOTED("Deployment Promoted"),
  /** Green failed a gate and was aborted; production is on stable. */
  DEGRADED("Deployment Degraded"),
  /** {@code phase: rollback} is done: production serves the last stable image. */
  ROLLED_BACK("Deployment Rolled Back"),
  /** teal cannot act on the deployment (a missing resource, an invalid spec, AWS refused a request). */
  FAILED("Deployment Failed");

  private final String detailType;

  NotificationType(String detailType) {
    this.detailType = detailType;
  }

  @JsonValue
  public String detailType() {
    return detailType;
  }

  @JsonCreator
  public static NotificationType fromDetailType(String value) {
    return Arrays.stream(values()).filter(t -> t.detailType.equals(value)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown notification type '" + value + "'"));
  }

  /** Whether people should look: the attempt failed or teal cannot act. */
  public boolean isWarning() {
    return this == DEGRADED || this == FAILED;
  }
}
