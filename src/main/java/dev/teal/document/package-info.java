/**
 * The document as people write it: strict YAML/JSON reading ({@link dev.teal.document.DocumentCodec}),
 * validation ({@link dev.teal.document.DocumentValidator}), defaults ({@link dev.teal.document.SpecDefaults}),
 * the spec hash ({@link dev.teal.document.SpecHash}), Go-style durations and the JSON Schema resource
 * ({@code schema/blue-green-deployment.schema.json}).
 *
 * <p>Pure functions over the model; nothing here may import Quarkus or the AWS SDK.
 */
package dev.teal.document;
