package dev.teal.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where a webhook hook may go: public addresses, or what the operator's configuration allows. */
class HookUrlPolicyTest {

  /** A resolver with fixed answers, so no test depends on DNS. */
  static final Map<String, String> DNS = Map.of(
      "hooks.example.com", "203.0.113.10",
      "internal.example.com", "10.0.3.7",
      "rebind.example.com", "169.254.169.254",
      "v6-metadata.example.com", "fd00:ec2::254");

  static InetAddress[] resolve(String host) throws UnknownHostException {
    String address = DNS.get(host);
    if (address == null && !host.matches("[0-9.:a-fA-F]+")) {
      if (host.equals("localhost")) {
        return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
      }
      throw new UnknownHostException(host);
    }
    return new InetAddress[] {InetAddress.getByName(address == null ? host : address)};
  }

  final HookUrlPolicy publicOnly = new HookUrlPolicy(List.of(), HookUrlPolicyTest::resolve);
  final HookUrlPolicy allowing = new HookUrlPolicy(List.of(URI.create("http://internal.example.com:8080/deploy/"),
      URI.create("http://127.0.0.1:9000")), HookUrlPolicyTest::resolve);

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
      "https://hooks.example.com/deploy, ",
      "http://169.254.169.254/latest/meta-data/, link-local",
      "http://169.254.170.2/v2/credentials, link-local",
      "http://[fd00:ec2::254]/latest/meta-data/, unique local",
      "http://localhost:8080/, loopback",
      "http://127.0.0.1/, loopback",
      "http://[::1]/, loopback",
      "http://0.0.0.0/, unspecified",
      "http://10.1.2.3/, private",
      "http://192.168.0.1/, private",
      "http://172.16.0.1/, private",
      "http://100.64.0.1/, carrier-grade NAT",
      "http://internal.example.com/, private",
      "http://rebind.example.com/, link-local",
      "http://v6-metadata.example.com/, unique local",
      "http://nowhere.example.com/, does not resolve",
      "ftp://hooks.example.com/, http or https",
      "https://user:pw@hooks.example.com/, user info",
  })
  void publicAddressesOnlyByDefault(String url, String refusal) {
    if (refusal == null) {
      assertThat(publicOnly.refusal(url)).isEmpty();
    } else {
      assertThat(publicOnly.refusal(url)).hasValueSatisfying(r -> assertThat(r).contains(refusal));
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
      "http://internal.example.com:8080/deploy/smoke, true",
      "http://internal.example.com:8080/deploy, true",
      "http://INTERNAL.example.com:8080/deploy/x, true",
      "http://internal.example.com:8080/deployer, false",
      "http://internal.example.com:8080/other, false",
      "http://internal.example.com/deploy/smoke, false",
      "https://internal.example.com:8080/deploy/smoke, false",
      "http://internal.example.com.evil.example/deploy/, false",
      "http://127.0.0.1:9000/anything, true",
      "http://127.0.0.1:9001/anything, false",
      "http://internal.example.com:8080/deploy/../admin, false",
  })
  void theOperatorsAllowListIsTheOnlyException(String url, boolean allowed) {
    assertThat(allowing.refusal(url).isEmpty()).isEqualTo(allowed);
  }
}
