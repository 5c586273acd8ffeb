/**
 * The read-only status API ({@code /api/deployments}) behind the status page, whose files are in
 * {@code META-INF/resources}. It reads the documents from DynamoDB and the last reconcile from the
 * operator; it must never write.
 */
package dev.teal.operator.web;
