package dev.teal.sandbox.elb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A listener or rule action. For {@code forward}, {@code targetGroups} holds the weighted groups;
 * other types keep their config object as sent in {@code config}.
 */
public record Action(String type, int order, List<WeightedTargetGroup> targetGroups, boolean stickinessEnabled,
           Integer stickinessDurationSeconds, ObjectNode config) {

  public record WeightedTargetGroup(String targetGroupArn, int weight) {
  }

  public boolean isForward() {
    return "forward".equals(type);
  }
}
