package dev.sparkfathom.emulator.server;

import java.time.Instant;
import java.util.Map;

/**
 * One {@code /v1} request as the emulator answered it. {@code time} is the emulator clock at
 * arrival; {@code parameters} are the query-string and form parameters (with {@code
 * share_password} masked); {@code tokenName} is the name of the token used (null when none or
 * unknown; the secret is never recorded); {@code rows} is the number of rows or list objects
 * returned (null for single objects and errors); {@code fault} names the injected fault, if
 * any ({@code error}, {@code disconnect}, {@code truncate}, {@code garbage}); {@code cut} is
 * true when an aggregation had more groups than it returned, because of its {@code limit} or
 * today's default row cap (the API does not say so; the log does, for tests).
 */
public record RequestLogEntry(
    Instant time,
    String method,
    String path,
    Map<String, String> parameters,
    int status,
    String tokenName,
    Integer rows,
    String fault,
    boolean cut) {
  public RequestLogEntry {
    parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
  }

  /** An entry of an answer that was not cut. */
  public RequestLogEntry(Instant time, String method, String path, Map<String, String> parameters,
      int status, String tokenName, Integer rows, String fault) {
    this(time, method, path, parameters, status, tokenName, rows, fault, false);
  }
}
