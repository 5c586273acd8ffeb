/**
 * The simulated ECS control plane: clusters, services with the EXTERNAL deployment controller, task
 * definitions, task sets and their tasks, with AWS's validation and errors, over the JSON 1.1 protocol.
 * Registers tasks with the ELB model; must not depend on the ALB data plane.
 */
package dev.teal.sandbox.ecs;
