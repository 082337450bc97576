package dev.sparkfathom.emulator.engine;

import java.util.List;

/** The current-visitors answer; {@code content} and {@code referrers} empty unless detailed. */
public record CurrentVisitors(long total, List<Page> content, List<Referrer> referrers) {
  public record Page(String hostname, String pathname, long total) {}

  public record Referrer(String referrerHostname, String referrerPathname, long total) {}
}
