package dev.sparkfathom.emulator.generator;

import dev.sparkfathom.emulator.data.ConversionRecord;
import dev.sparkfathom.emulator.data.EventRecord;
import dev.sparkfathom.emulator.data.PageviewRecord;
import dev.sparkfathom.emulator.data.SiteRecord;
import java.io.IOException;
import java.util.List;

/**
 * Where generated records go: a store, a JSONL file, a list. Sites come first, then events,
 * then batches of records in time order per site and day.
 */
public interface RecordSink {
  void site(SiteRecord site) throws IOException;

  void event(EventRecord event) throws IOException;

  void pageviews(List<PageviewRecord> batch) throws IOException;

  void conversions(List<ConversionRecord> batch) throws IOException;
}
