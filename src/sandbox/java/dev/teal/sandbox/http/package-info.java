/**
 * The simulator's HTTP front: one server for every API, dispatch by protocol (JSON 1.1, Query), AWS's
 * error shapes, the call log and the {@code /_sim} admin endpoints. Must not depend on the ECS and ELB
 * models, which plug into it as protocol handlers.
 */
package dev.teal.sandbox.http;
