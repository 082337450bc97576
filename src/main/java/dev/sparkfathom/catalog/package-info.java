/**
 * SQL over Fathom: {@code spark.sql.catalog.fathom=dev.sparkfathom.catalog.FathomCatalog}. Its
 * namespaces are the token's sites; each site holds report tables (the dashboard's panels, each
 * one {@link dev.sparkfathom.read.FathomTable} with fixed options, so every pushdown of the read
 * path applies), {@code conversions} (one event read per selected event, unioned) and entity
 * tables read through the {@link dev.sparkfathom.client.FathomClient}. The same entity tables
 * serve {@code format("fathom").option("resource", ...)}; {@code current_visitors} takes its columns
 * and rows from {@code stream}, where it also streams. Depends on {@code read}, {@code stream},
 * {@code config}, {@code client} and {@code api}; nothing depends on it but the data source.
 */
package dev.sparkfathom.catalog;
