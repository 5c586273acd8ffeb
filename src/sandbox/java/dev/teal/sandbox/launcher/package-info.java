/**
 * {@code teal-sandbox}, the sandbox for a team's own CI: the release archive's launcher that starts DynamoDB
 * Local and the simulator, seeds the demo world and teal's {@code web} document (or nothing), optionally runs
 * the packaged operator beside them, and prints the environment to export. Like {@code dev.teal.sandbox.devmode}
 * it hands teal a document, so it may use teal's store and model; the simulator itself never does.
 */
package dev.teal.sandbox.launcher;
