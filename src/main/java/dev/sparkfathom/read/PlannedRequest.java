package dev.sparkfathom.read;

import dev.sparkfathom.client.AggregationQuery;
import dev.sparkfathom.read.plan.Window;
import java.io.Serializable;

/** One request of a scan: the window it owns and the exact query that fetches it. */
public record PlannedRequest(Window window, AggregationQuery query) implements Serializable {}
