package dev.teal.aws.sdk;

import static dev.teal.aws.sdk.AwsErrors.call;

import dev.teal.aws.AwsNotFoundException;
import dev.teal.aws.ListenerEndpoints;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;

/**
 * A listener's URL on AWS: {@code protocol://<load balancer DNS name>:<port>}.
 *
 * <p>A listener's load balancer, protocol and port never change (ModifyListener can change protocol
 * and port, but teal's test listener is not one it modifies), so each listener is described once and
 * remembered. A listener that does not exist is not remembered; AWS errors other than "not found"
 * propagate, so a throttled lookup is retried by the reconcile instead of failing an analysis.
 */
public final class ElbListenerEndpoints implements ListenerEndpoints {

  private final ElasticLoadBalancingV2Client elb;
  private final Map<String, URI> cache = new ConcurrentHashMap<>();

  public ElbListenerEndpoints(ElasticLoadBalancingV2Client elb) {
    this.elb = elb;
  }

  @Override
  public Optional<URI> urlOf(String listenerArn) {
    URI known = cache.get(listenerArn);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<URI> url = lookUp(listenerArn);
    url.ifPresent(u -> cache.put(listenerArn, u));
    return url;
  }

  private Optional<URI> lookUp(String listenerArn) {
    try {
      var listeners = call("elb:DescribeListeners", () -> elb.describeListeners(r -> r.listenerArns(listenerArn)))
          .listeners();
      if (listeners.isEmpty()) {
        return Optional.empty();
      }
      Listener listener = listeners.get(0);
      var balancers = call("elb:DescribeLoadBalancers",
          () -> elb.describeLoadBalancers(r -> r.loadBalancerArns(listener.loadBalancerArn()))).loadBalancers();
      if (balancers.isEmpty() || balancers.get(0).dnsName() == null) {
        return Optional.empty();
      }
      String scheme = listener.protocolAsString().toLowerCase(Locale.ROOT);
      return Optional.of(URI.create(scheme + "://" + balancers.get(0).dnsName() + ":" + listener.port()));
    } catch (AwsNotFoundException e) {
      return Optional.empty();
    }
  }
}
