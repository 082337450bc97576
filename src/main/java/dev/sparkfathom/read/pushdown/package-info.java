/**
 * Translation of the filters Spark offers a scan into Fathom filters and a date range: pure
 * functions of Spark's V1 {@code sources.Filter} values and a {@link
 * dev.sparkfathom.read.pushdown.PushdownContext}, with no Spark session and no I/O. Depends on
 * {@code dev.sparkfathom.api} and Spark's filter classes only.
 *
 * <h2>Three kinds of filter</h2>
 * The law is {@code shared/spec/connector.md}, "Exactness": a query returns the same rows with
 * every pushdown on as with every pushdown off. So each offered filter (split at its top-level
 * ANDs) is one of:
 * <ul>
 *   <li><b>exact</b>: the API returns exactly the rows the filter keeps, with SQL's
 *       three-valued logic (a filter that is null for a row drops it). It is reported by
 *       {@code pushedFilters()} and not returned by {@code pushFilters()}: Spark does not
 *       check it again. Only when every filter is exact does Spark push an aggregate or a
 *       top-N into the scan, so exactness is what makes a report cost one request.
 *   <li><b>widening</b>: the API returns a superset of its rows. It is pushed (fewer rows
 *       fetched) and also returned by {@code pushFilters()}, so Spark drops the extra rows.
 *   <li><b>kept</b>: not pushed at all; returned by {@code pushFilters()}.
 * </ul>
 * An always-false filter is exact: the scan then makes no request and returns no row.
 *
 * <h2>What is exact</h2>
 * Under the documented semantics ({@code pushdown.assume_documented_semantics}, default true),
 * on a grouped string column {@code a}: {@code a = x} and {@code a IN (x)} become
 * {@code is x}; {@code a <> x} becomes {@code is not x} and {@code is like ""} (the API's
 * {@code is not} lets nulls through, Spark drops them; {@code is like ""} holds for every
 * non-null value); {@code NOT a <=> x} becomes {@code is not x}; {@code a NOT IN (x, y)} becomes
 * {@code is not x}, {@code is not y} and {@code is like ""}, and is never true when the list
 * holds a null; {@code a IS NOT NULL} becomes {@code is like ""}, dropped when another filter
 * on {@code a} sent to the API already implies it; {@code a IS NULL} becomes
 * {@code is not like ""}; {@code contains(a, s)} becomes {@code is like s} and its negation
 * {@code is not like s} and {@code is like ""}, when {@code s} holds no {@code %} or
 * {@code _}. Filters on {@code date} become whole buckets in the read's timezone (see {@link
 * dev.sparkfathom.read.pushdown.BucketAxis}); {@code date IN (..)} is exact when its values
 * are consecutive buckets. An OR is pushed as what its sides share (common Fathom filters, the
 * hull of their date ranges), exactly when both sides are exact, send the same Fathom filters
 * and their ranges touch.
 *
 * <h2>What is widening or kept</h2>
 * Widening: {@code contains} with a wildcard, {@code startswith} and {@code endswith} (become
 * {@code is like s}), {@code date IN} of buckets that are not consecutive, and, when the
 * documented semantics are not assumed, {@code a = x} (the API might ignore case). Kept: a
 * longer {@code IN} (the API ANDs its filters), comparisons {@code < > <= >=} on strings, ORs
 * whose sides share nothing, filters on metrics and on the fields the API cannot filter
 * ({@code keyword}, {@code q}, {@code s}), values that are not strings, and, without the
 * documented semantics, everything that needs {@code is not}, {@code is like} or
 * {@code is not like}.
 */
package dev.sparkfathom.read.pushdown;
