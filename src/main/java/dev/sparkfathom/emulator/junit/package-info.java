/**
 * A JUnit 5 extension that runs a {@link dev.sparkfathom.emulator.FathomEmulator} per test
 * class (static field) or per test (instance field) and starts every test with an empty
 * request log and fresh rate budgets. JUnit is a {@code provided} dependency: users bring it.
 */
package dev.sparkfathom.emulator.junit;
