/**
 * The opt-in response cache of closed windows ({@code cache.path}): entry keys (a hash of the
 * full request, without the token, scoped to the token), the checked entry format, and the
 * store on any Hadoop-compatible file system. Depends on {@code client} (the rows it stores) and
 * Hadoop's {@code FileSystem}; knows nothing of Spark's read API, so it is tested without Spark.
 */
package dev.sparkfathom.cache;
