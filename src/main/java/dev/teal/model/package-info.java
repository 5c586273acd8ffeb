/**
 * The BlueGreenDeployment document: what people write (spec) and what the operator reports (status).
 *
 * <p>Plain records with Jackson annotations only, so the planner, the store, the CLI and the status
 * API all share one shape. Nothing here may import Quarkus or the AWS SDK.
 */
package dev.teal.model;
