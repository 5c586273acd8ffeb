/**
 * {@code /q/health/live} and {@code /q/health/ready}: the SmallRye Health checks and the report they
 * give, and the cached probe of the deployments table the readiness check reads. Must not act on AWS.
 */
package dev.teal.operator.health;
