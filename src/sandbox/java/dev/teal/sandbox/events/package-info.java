/**
 * The simulated Amazon EventBridge: event buses and PutEvents over the JSON 1.1 protocol
 * ({@code X-Amz-Target: AWSEvents.<Op>}), with AWS's validation, per-entry results and its silent drop of
 * events put on a bus that does not exist. What each bus received is kept, as a rule's target would get
 * it, for tests and for people ({@code GET /_sim/events}).
 */
package dev.teal.sandbox.events;
