package dev.teal.reconcile;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a webhook hook may be sent. A hook URL is a request the operator makes on a document writer's behalf, from
 * inside the VPC and with the operator's network position, so the same rule as for the analysis (which only ever
 * reaches the test listener's own address) applies in its general form: a document may name only public
 * addresses. Loopback, link-local (the instance and task metadata endpoints, 169.254.169.254 and 169.254.170.2),
 * private (RFC 1918, IPv6 unique local, carrier-grade NAT), unspecified and multicast addresses are refused, for a
 * literal address and for every address a name resolves to. Redirects are never followed (see {@link HookCalls}).
 *
 * <p>The only exception is a URL the operator's configuration allows ({@code teal.hooks.allowed-urls}): an entry
 * {@code https://hooks.internal:8443/deploy/} allows that scheme, host and port, and paths under that path.
 */
public final class HookUrlPolicy {

  /** Resolves a host name to its addresses (the system resolver in the daemon). */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /** Public addresses only; no exception. */
  public static final HookUrlPolicy PUBLIC_ONLY = new HookUrlPolicy(List.of(), InetAddress::getAllByName);

  private final List<URI> allowed;
  private final Resolver resolver;

  /** @param allowed the operator's allowed URLs (scheme, host, port and a path prefix) */
  public HookUrlPolicy(List<URI> allowed, Resolver resolver) {
    this.allowed = List.copyOf(allowed);
    this.resolver = resolver;
  }

  /** With the system resolver. */
  public static HookUrlPolicy allowing(List<String> allowedUrls) {
    return new HookUrlPolicy(allowedUrls.stream().map(URI::create).toList(), InetAddress::getAllByName);
  }

  /**
   * Why {@code url} may not be sent to, or empty when it may. Names are resolved here, so a name that points at
   * a private address is refused as the address would be.
   */
  public Optional<String> refusal(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (java.net.URISyntaxException | NullPointerException e) {
      return Optional.of("is not a URL");
    }
    Optional<String> shape = shapeProblem(uri);
    if (shape.isPresent()) {
      return shape;
    }
    if (allowed.stream().anyMatch(a -> allows(a, uri))) {
      return Optional.empty();
    }
    String host = bare(uri.getHost());
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      return Optional.of("names host " + host + ", which does not resolve");
    }
    for (InetAddress address : addresses) {
      Optional<String> kind = nonPublic(address);
      if (kind.isPresent()) {
        return Optional.of("reaches " + kind.get() + " address " + address.getHostAddress() + " (host " + host
            + "); the operator sends hooks to public addresses only, unless teal.hooks.allowed-urls allows the URL");
      }
    }
    return Optional.empty();
  }

  /** The rules the document validator applies too: http or https, a host, no user info, no fragment. */
  public static Optional<String> shapeProblem(URI uri) {
    return dev.teal.document.DocumentValidator.hookUrlProblem(uri);
  }

  private static boolean allows(URI entry, URI uri) {
    if (!uri.normalize().equals(uri)) {
      return false; // a /../ could leave the allowed path once the server resolves it
    }
    if (!Objects.equals(lower(entry.getScheme()), lower(uri.getScheme()))
        || !Objects.equals(lower(bare(entry.getHost())), lower(bare(uri.getHost())))
        || port(entry) != port(uri)) {
      return false;
    }
    // On a segment boundary: /deploy/ (or /deploy) allows /deploy and /deploy/..., never /deployer.
    String prefix = entry.getRawPath() == null ? "" : entry.getRawPath().replaceAll("/+$", "");
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }

  private static int port(URI uri) {
    return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static String lower(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }

  /** A host without the brackets of an IPv6 literal. */
  private static String bare(String host) {
    return host != null && host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /** What kind of non-public address this is, or empty for a public one. */
  static Optional<String> nonPublic(InetAddress address) {
    if (address.isLoopbackAddress()) {
      return Optional.of("the loopback");
    }
    if (address.isLinkLocalAddress()) {
      return Optional.of("a link-local (metadata)");
    }
    if (address.isAnyLocalAddress()) {
      return Optional.of("the unspecified");
    }
    if (address.isMulticastAddress()) {
      return Optional.of("a multicast");
    }
    if (address.isSiteLocalAddress()) {
      return Optional.of("a private");
    }
    byte[] b = address.getAddress();
    if (b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) {
      return Optional.of("a carrier-grade NAT");
    }
    if (b.length == 4 && (b[0] & 0xff) == 0) {
      return Optional.of("a this-network");
    }
    if (b.length == 16 && (b[0] & 0xfe) == 0xfc) {
      return Optional.of("a unique local (private)"); // fc00::/7, the IPv6 metadata endpoint fd00:ec2::254 among them
    }
    return Optional.empty();
  }
}
