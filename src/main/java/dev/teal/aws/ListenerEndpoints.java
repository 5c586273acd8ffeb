package dev.teal.aws;

import java.net.URI;
import java.util.Optional;

/**
 * Where a listener can be reached over HTTP, for analysis requests through the test route. On AWS
 * this is the load balancer's DNS name and the listener's port; the sandbox maps listeners to local
 * ports.
 */
@FunctionalInterface
public interface ListenerEndpoints {

  Optional<URI> urlOf(String listenerArn);
}
