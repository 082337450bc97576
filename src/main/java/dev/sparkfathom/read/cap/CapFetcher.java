package dev.sparkfathom.read.cap;

import dev.sparkfathom.client.AggregationQuery;
import dev.sparkfathom.client.AggregationRow;
import java.util.List;

/** Makes one aggregation request and returns its decoded rows, in the order Fathom sent them. */
@FunctionalInterface
public interface CapFetcher {
  List<AggregationRow> fetch(AggregationQuery query);
}
