package dev.teal.sandbox.elb;

import java.time.Instant;
import java.util.List;

final class LoadBalancer {

  final String arn;
  final String name;
  final String scheme;
  final String type;
  final String ipAddressType;
  final String vpcId;
  final List<String> subnets;
  final List<String> securityGroups;
  final String dnsName;
  final Instant createdAt;

  LoadBalancer(String arn, String name, String scheme, String type, String ipAddressType, String vpcId,
         List<String> subnets, List<String> securityGroups, String dnsName, Instant createdAt) {
    this.arn = arn;
    this.name = name;
    this.scheme = scheme;
    this.type = type;
    this.ipAddressType = ipAddressType;
    this.vpcId = vpcId;
    this.subnets = subnets;
    this.securityGroups = securityGroups;
    this.dnsName = dnsName;
    this.createdAt = createdAt;
  }
}
