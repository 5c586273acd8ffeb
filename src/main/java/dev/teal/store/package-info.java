/**
 * The DynamoDB store of deployment documents: optimistic concurrency on the spec, guarded status
 * writes, an audit record in the same transaction as every spec change, table setup and the caller
 * identity for the audit. SDK exceptions are translated here into {@link dev.teal.store.StoreException}s.
 * The item layout is {@link dev.teal.store.ItemLayout}'s and is documented in docs/document-store.md.
 */
package dev.teal.store;
