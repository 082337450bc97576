/**
 * The local Fathom emulator: a real HTTP server that speaks the whole Fathom API from raw
 * records, for offline development and for tests. {@link dev.sparkfathom.emulator.FathomEmulator}
 * is the Java API (builder, start, base URL, admin token, request log, faults, clock);
 * {@link dev.sparkfathom.emulator.EmulatorMain} the command line, wired to a store, a demo-data
 * generator and a live feed through {@link dev.sparkfathom.emulator.DemoDataLoader} and
 * {@link dev.sparkfathom.emulator.LiveFeedStarter}.
 *
 * <p>Depends on {@code emulator.server} (HTTP), {@code emulator.data} and {@code
 * emulator.engine} (the store contract), never on the connector or the client. The behaviour
 * where the docs are silent is listed in {@code server/BEHAVIOUR.md} next to the server
 * package.
 */
package dev.sparkfathom.emulator;
