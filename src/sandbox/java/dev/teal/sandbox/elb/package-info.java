/**
 * The simulated ELBv2 control plane: load balancers, listeners, rules with weighted forward actions,
 * target groups and target health over time, with AWS's validation and errors, over the Query protocol.
 * Must not depend on ECS.
 */
package dev.teal.sandbox.elb;
