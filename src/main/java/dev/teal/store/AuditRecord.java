package dev.teal.store;

import dev.teal.document.FieldChange;
import java.time.Instant;
import java.util.List;

/**
 * One spec (or label) change, written in the same transaction as the change itself.
 *
 * @param name the deployment
 * @param at when the change was written
 * @param actor the caller's ARN
 * @param command the command line, or "direct"
 * @param generation the document's generation after the change
 * @param resourceVersion the document's resourceVersion after the change (0 for a deletion)
 * @param changes every field that changed, from what to what
 */
public record AuditRecord(String name, Instant at, String actor, String command, long generation,
    long resourceVersion, List<FieldChange> changes) {}
