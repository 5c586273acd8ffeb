/**
 * Every {@code teal.*} property ({@link dev.teal.operator.config.TealConfig}, a SmallRye
 * {@code @ConfigMapping}); docs/configuration.md lists them and ConfigurationDocsTest keeps the two the
 * same. Nothing but declarations: it must not depend on the rest of the operator.
 */
package dev.teal.operator.config;
