/**
 * The simulated load balancers' data plane: each listener answers HTTP on 127.0.0.1 and routes a request
 * the way its rules and weights say to a healthy target, as the ELB model has them. Must not depend on
 * ECS.
 */
package dev.teal.sandbox.alb;
