/**
 * The {@code teal} command line (plain picocli): one class per command, the exit codes, the table and
 * watch output. It writes intent only (the spec, through {@code dev.teal.store}) and reads status; the
 * operator does the work.
 *
 * <p>Must not depend on the operator ({@code dev.teal.operator}), the reconciler or Quarkus: it runs as
 * a plain JVM process, started by {@code bin/teal}.
 */
package dev.teal.cli;
