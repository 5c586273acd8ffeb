/**
 * The {@code teal} command line (plain picocli): one class per command, the exit codes, the table and
 * watch output. It writes intent only (the spec, through {@code dev.teal.store}) and reads status; the
 * operator does the work.
 *
 * <p>Must not depend on the operator ({@code dev.teal.operator}) or Quarkus: it runs as a plain JVM
 * process, started by {@code bin/teal}. Of the reconciler it uses {@code PlanPreview} alone: {@code teal
 * plan} runs the operator's own planner and observer, read only, rather than a copy of them.
 */
package dev.teal.cli;
