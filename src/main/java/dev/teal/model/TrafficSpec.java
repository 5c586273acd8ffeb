package dev.teal.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The two ALB routes teal drives. Production is either a listener rule or a listener whose default
 * action teal owns (exactly one of the two); the test route is a listener rule.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"productionRule", "productionListener", "testRule", "targetGroup"})
public record TrafficSpec(
    String productionRule, String productionListener, String testRule, TargetGroupSpec targetGroup) {}
