package dev.sparkfathom.read;

import dev.sparkfathom.api.Aggregate;
import dev.sparkfathom.api.Filter;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Everything a scan will request, decided on the driver before any task runs.
 *
 * @param from the read's inclusive local start, after defaults
 * @param to the read's inclusive local end, after defaults
 * @param aggregates what each request asks for (the read columns' aggregates)
 * @param filters the Fathom filters each request carries (option filters and pushed ones)
 * @param requests one per window, in date order; empty when no row can match
 */
public record ReadPlan(
    LocalDateTime from,
    LocalDateTime to,
    List<Aggregate> aggregates,
    List<Filter> filters,
    List<PlannedRequest> requests) {}
