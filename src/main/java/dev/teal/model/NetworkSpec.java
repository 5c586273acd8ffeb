package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * awsvpc network settings and launch type for new task sets. Teal copies the stable task set's placement
 * (capacity provider strategy or launch type, platform version, network, Cloud Map registries) when there
 * is one; this block is needed only for a service with no task set yet, beside the service's own settings.
 *
 * @param launchType FARGATE or EC2
 * @param subnets subnet ids ({@code subnet-...})
 * @param securityGroups security group ids ({@code sg-...})
 * @param assignPublicIp whether tasks get a public IP
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"launchType", "subnets", "securityGroups", "assignPublicIp"})
public record NetworkSpec(
    String launchType, List<String> subnets, List<String> securityGroups, Boolean assignPublicIp) {}
