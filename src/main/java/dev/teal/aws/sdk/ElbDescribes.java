package dev.teal.aws.sdk;

import static dev.teal.aws.sdk.AwsErrors.call;

import dev.teal.aws.AwsNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * ELB's batch describes, which fail as a whole when one of the named resources does not exist. Each
 * makes one call for the batch and, only if that call says "not found", one call per item, so the
 * items that do exist are still returned and the missing ones are simply absent.
 */
final class ElbDescribes {

  private final ElasticLoadBalancingV2Client elb;

  ElbDescribes(ElasticLoadBalancingV2Client elb) {
    this.elb = elb;
  }

  List<Rule> rules(List<String> arns) {
    return withFallback(arns, batch -> call("elb:DescribeRules",
        () -> elb.describeRulesPaginator(r -> r.ruleArns(batch)).rules().stream().toList()));
  }

  List<Listener> listeners(List<String> arns) {
    return withFallback(arns, batch -> call("elb:DescribeListeners",
        () -> elb.describeListenersPaginator(r -> r.listenerArns(batch)).listeners().stream().toList()));
  }

  List<TargetGroup> targetGroupsByName(List<String> names) {
    return withFallback(names, batch -> call("elb:DescribeTargetGroups",
        () -> elb.describeTargetGroupsPaginator(r -> r.names(batch)).targetGroups().stream().toList()));
  }

  /**
   * Names or ARNs per call. ELB documents no limit for these lists; 20 is the limit it documents for
   * DescribeTags, and keeps a fleet-wide describe of two thousand rules at a hundred calls.
   */
  static final int IDS_PER_CALL = 20;

  /** An empty batch makes no call: these APIs would describe everything instead of nothing. */
  private static <T> List<T> withFallback(List<String> ids, Function<List<String>, List<T>> describe) {
    List<T> found = new ArrayList<>();
    for (List<String> batch : Batches.of(ids, IDS_PER_CALL)) {
      found.addAll(batchWithFallback(batch, describe));
    }
    return found;
  }

  private static <T> List<T> batchWithFallback(List<String> ids, Function<List<String>, List<T>> describe) {
    try {
      return describe.apply(ids);
    } catch (AwsNotFoundException batchFailed) {
      if (ids.size() == 1) {
        return List.of();
      }
    }
    List<T> found = new ArrayList<>();
    for (String id : ids) {
      try {
        found.addAll(describe.apply(List.of(id)));
      } catch (AwsNotFoundException missing) {
        // absent from the result, as the gateway's contract says
      }
    }
    return found;
  }
}
