/**
 * The vocabulary of the Fathom API: entities, aggregates, grouping fields, date groupings,
 * filter operators and filters, the API revisions and their per-property rules, request size
 * limits ({@code RequestLimits}) and timezone names ({@code TimeZones}). Plain values with their API spellings and parsers; shared by
 * the client, the connector and the emulator, and depending on nothing but the JDK.
 */
package dev.sparkfathom.api;
