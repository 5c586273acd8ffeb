/**
 * Amazon CloudWatch over the Query protocol (what the SDK's CloudWatch client sends): metric data, from
 * PutMetricData and from the simulated ALBs' data plane, and metric alarms evaluated on the simulator's clock.
 */
package dev.teal.sandbox.cloudwatch;
