package dev.teal.aws.sdk;

import static dev.teal.aws.sdk.AwsWireMock.elb;
import static dev.teal.aws.sdk.AwsWireMock.elbError;
import static dev.teal.aws.sdk.AwsWireMock.elbParams;
import static dev.teal.aws.sdk.AwsWireMock.elbRequests;
import static dev.teal.aws.sdk.AwsWireMock.elbReturns;
import static dev.teal.aws.sdk.ElbFixtures.BLUE_TG;
import static dev.teal.aws.sdk.ElbFixtures.LB_ARN;
import static dev.teal.aws.sdk.ElbFixtures.LISTENER_ARN;
import static dev.teal.aws.sdk.ElbFixtures.listener;
import static dev.teal.aws.sdk.ElbFixtures.weightedForward;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.teal.aws.AwsCallListener;
import dev.teal.aws.AwsTransientException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

class ElbListenerEndpointsTest {

  @RegisterExtension
  static WireMockExtension wm = AwsWireMock.server();

  private ElasticLoadBalancingV2Client client;
  private ElbListenerEndpoints endpoints;

  @BeforeEach
  void setUp() {
    client = new AwsClients(AwsWireMock.settings(wm, AwsCallListener.NONE)).newElbClient();
    endpoints = new ElbListenerEndpoints(client);
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  @Test
  void aListenersUrlIsItsProtocolTheLoadBalancersDnsNameAndItsPortAndIsLookedUpOnce() {
    elbReturns(wm, "DescribeListeners", "<Listeners>" + listener(LISTENER_ARN, 8443, "HTTPS",
        weightedForward(BLUE_TG, "1")) + "</Listeners>");
    elbReturns(wm, "DescribeLoadBalancers", """
        <LoadBalancers>
          <member>
            <LoadBalancerArn>%s</LoadBalancerArn>
            <DNSName>web-alb-1234567890.us-east-1.elb.amazonaws.com</DNSName>
            <CanonicalHostedZoneId>Z35SXDOTRQ7X7K</CanonicalHostedZoneId>
            <CreatedTime>2024-01-15T10:00:00.000Z</CreatedTime>
            <LoadBalancerName>web-alb</LoadBalancerName>
            <Scheme>internet-facing</Scheme>
            <VpcId>vpc-0a1b2c3d4e5f60718</VpcId>
            <State><Code>active</Code></State>
            <Type>application</Type>
            <AvailabilityZones>
              <member><ZoneName>us-east-1a</ZoneName><SubnetId>subnet-0a1b2c3d</SubnetId></member>
            </AvailabilityZones>
            <SecurityGroups><member>sg-0123456789abcdef0</member></SecurityGroups>
            <IpAddressType>ipv4</IpAddressType>
          </member>
        </LoadBalancers>""".formatted(LB_ARN));

    URI first = endpoints.urlOf(LISTENER_ARN).orElseThrow();
    URI second = endpoints.urlOf(LISTENER_ARN).orElseThrow();

    assertThat(first).isEqualTo(URI.create("https://web-alb-1234567890.us-east-1.elb.amazonaws.com:8443"));
    assertThat(second).isEqualTo(first);
    assertThat(elbRequests(wm, "DescribeListeners"))
        .containsExactly(elbParams("DescribeListeners", Map.of("ListenerArns.member.1", LISTENER_ARN)));
    assertThat(elbRequests(wm, "DescribeLoadBalancers"))
        .containsExactly(elbParams("DescribeLoadBalancers", Map.of("LoadBalancerArns.member.1", LB_ARN)));
  }

  @Test
  void aMissingListenerHasNoUrlAndIsAskedForAgainNextTime() {
    wm.stubFor(elb("DescribeListeners").willReturn(elbError(400, "ListenerNotFound", "One or more listeners not found")));

    assertThat(endpoints.urlOf(LISTENER_ARN)).isEmpty();
    assertThat(endpoints.urlOf(LISTENER_ARN)).isEmpty();
    assertThat(elbRequests(wm, "DescribeListeners")).hasSize(2);
  }

  @Test
  void aThrottledLookupIsAnErrorNotAMissingUrl() {
    // An empty answer would fail the analysis; a transient error makes the reconcile try again.
    wm.stubFor(elb("DescribeListeners").willReturn(elbError(400, "Throttling", "Rate exceeded")));

    assertThatThrownBy(() -> endpoints.urlOf(LISTENER_ARN)).isInstanceOf(AwsTransientException.class);
    assertThat(elbRequests(wm, "DescribeListeners")).hasSize(3);
  }
}
