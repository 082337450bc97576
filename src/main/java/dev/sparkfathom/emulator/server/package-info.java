/**
 * The emulator's HTTP layer on the JDK's {@code com.sun.net.httpserver}: routing of {@code
 * /v1}, tokens and permissions, per-token rolling rate limits, parameter parsing and
 * validation into an {@link dev.sparkfathom.emulator.engine.EngineQuery}, rendering in the
 * observed or documented style, seeded fault injection, the {@code /_emulator/} control API,
 * the request log, and the settable {@link dev.sparkfathom.emulator.server.EmulatorClock}.
 *
 * <p>Depends on {@code dev.sparkfathom.api} (the vocabulary), the store contract ({@code
 * emulator.data}, {@code emulator.engine}) and Jackson; not on the client or the connector.
 * The choices made where the Fathom docs are silent are in {@code BEHAVIOUR.md} beside this
 * file, and in the Javadoc of the class that makes each.
 */
package dev.sparkfathom.emulator.server;
