/**
 * The read's options: their keys, defaults and documentation ({@link
 * dev.sparkfathom.config.FathomOptions}), and the one place they are checked, {@link
 * dev.sparkfathom.config.ReadSpec}, an immutable, serializable value every later stage reads.
 * Depends on {@code dev.sparkfathom.api} and the client's value types; never on Spark's
 * runtime or the network.
 */
package dev.sparkfathom.config;
