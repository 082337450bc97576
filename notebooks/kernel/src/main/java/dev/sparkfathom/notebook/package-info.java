/**
 * The notebooks' Java kernel and chart helper, kept out of the connector jar. {@link
 * dev.sparkfathom.notebook.JShellHost} evaluates cells with {@code jdk.jshell} in its own JVM for
 * the Python kernel in {@code notebooks/kernel/fathom_kernel.py}; {@link
 * dev.sparkfathom.notebook.Display} carries rich output (PNG) to it; {@link
 * dev.sparkfathom.notebook.Charts} draws a DataFrame's series with XChart. Depends on the JDK,
 * Spark's public API and XChart only, never on the connector's internals.
 */
package dev.sparkfathom.notebook;
