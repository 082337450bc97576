/**
 * The typed Fathom API client: {@link dev.sparkfathom.client.FathomClient} with one method per
 * endpoint of the API revision its {@link dev.sparkfathom.client.ClientConfig} names (today's by
 * default, the docs page's in legacy mode), streaming decoders, the retry policy, the
 * {@link dev.sparkfathom.client.SendBudget} every attempt takes its permit from (by default the
 * per-token, per-JVM rate limiter) and the typed exceptions. Depends on
 * {@code dev.sparkfathom.api}, OkHttp and Jackson's streaming parser;
 * nothing here knows about Spark. Request and answer records live in
 * {@code dev.sparkfathom.client.model}.
 */
package dev.sparkfathom.client;
