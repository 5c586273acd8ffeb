package dev.teal.aws.sdk;

/** ELBv2 XML fragments shaped like real answers (element names as in the SDK's ELBv2 model). */
final class ElbFixtures {

  static final String LB_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web-alb/50dc6c495c0c9188";
  static final String LISTENER_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web-alb/50dc6c495c0c9188/f2f7dc8efc522ab2";
  static final String TEST_LISTENER_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web-alb/50dc6c495c0c9188/0467ef3c8400ae65";
  static final String PROD_RULE_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/web-alb/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee";
  static final String TEST_RULE_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/web-alb/50dc6c495c0c9188/0467ef3c8400ae65/1a2b3c4d5e6f7a8b";
  static final String BLUE_TG = EcsFixtures.BLUE_TG;
  static final String GREEN_TG = EcsFixtures.GREEN_TG;

  private ElbFixtures() {}

  static String targetGroupArn(String name) {
    return "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/" + name + "/"
        + String.format("%016x", name.hashCode() & 0xffffffffL);
  }

  /** A rule with a host-header condition in both the current and the legacy form, as ALB returns it. */
  static String hostRule(String ruleArn, int priority, String host, String actionsXml) {
    return """
            <member>
              <IsDefault>false</IsDefault>
              <Conditions>
                <member>
                  <Field>host-header</Field>
                  <HostHeaderConfig>
                    <Values>
                      <member>%s</member>
                    </Values>
                  </HostHeaderConfig>
                  <Values>
                    <member>%s</member>
                  </Values>
                </member>
              </Conditions>
              <Priority>%d</Priority>
              <Actions>%s
              </Actions>
              <RuleArn>%s</RuleArn>
            </member>""".formatted(host, host, priority, actionsXml, ruleArn);
  }

  /** A weighted forward, with the target group stickiness block ALB always reports. */
  static String weightedForward(String... arnWeightPairs) {
    StringBuilder groups = new StringBuilder();
    for (int i = 0; i < arnWeightPairs.length; i += 2) {
      groups.append("""

                        <member>
                          <TargetGroupArn>%s</TargetGroupArn>
                          <Weight>%s</Weight>
                        </member>""".formatted(arnWeightPairs[i], arnWeightPairs[i + 1]));
    }
    return """

                <member>
                  <Type>forward</Type>
                  <Order>1</Order>
                  <ForwardConfig>
                    <TargetGroups>%s
                    </TargetGroups>
                    <TargetGroupStickinessConfig>
                      <Enabled>false</Enabled>
                    </TargetGroupStickinessConfig>
                  </ForwardConfig>
                </member>""".formatted(groups);
  }

  static String listener(String listenerArn, int port, String protocol, String defaultActionsXml) {
    return """
            <member>
              <LoadBalancerArn>%s</LoadBalancerArn>
              <Protocol>%s</Protocol>
              <Port>%d</Port>
              <ListenerArn>%s</ListenerArn>
              <DefaultActions>%s
              </DefaultActions>
            </member>""".formatted(LB_ARN, protocol, port, listenerArn, defaultActionsXml);
  }

  static String targetGroup(String name, int interval) {
    return """
            <member>
              <TargetGroupArn>%s</TargetGroupArn>
              <TargetGroupName>%s</TargetGroupName>
              <Protocol>HTTP</Protocol>
              <Port>8080</Port>
              <VpcId>vpc-0a1b2c3d4e5f60718</VpcId>
              <HealthCheckProtocol>HTTP</HealthCheckProtocol>
              <HealthCheckPort>traffic-port</HealthCheckPort>
              <HealthCheckEnabled>true</HealthCheckEnabled>
              <HealthCheckIntervalSeconds>%d</HealthCheckIntervalSeconds>
              <HealthCheckTimeoutSeconds>5</HealthCheckTimeoutSeconds>
              <HealthyThresholdCount>3</HealthyThresholdCount>
              <UnhealthyThresholdCount>2</UnhealthyThresholdCount>
              <HealthCheckPath>/healthz</HealthCheckPath>
              <Matcher>
                <HttpCode>200</HttpCode>
              </Matcher>
              <LoadBalancerArns/>
              <TargetType>ip</TargetType>
              <ProtocolVersion>HTTP1</ProtocolVersion>
              <IpAddressType>ipv4</IpAddressType>
            </member>""".formatted(targetGroupArn(name), name, interval);
  }

  static String tagDescription(String arn, String... keyValuePairs) {
    StringBuilder tags = new StringBuilder();
    for (int i = 0; i < keyValuePairs.length; i += 2) {
      tags.append("<member><Key>%s</Key><Value>%s</Value></member>".formatted(keyValuePairs[i], keyValuePairs[i + 1]));
    }
    return "<member><ResourceArn>%s</ResourceArn><Tags>%s</Tags></member>".formatted(arn, tags);
  }

  static String targetHealth(String ip, String state) {
    return """
            <member>
              <Target><Id>%s</Id><Port>8080</Port><AvailabilityZone>us-east-1a</AvailabilityZone></Target>
              <HealthCheckPort>8080</HealthCheckPort>
              <TargetHealth><State>%s</State></TargetHealth>
            </member>""".formatted(ip, state);
  }
}
