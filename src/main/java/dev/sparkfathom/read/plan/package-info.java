/**
 * Window splitting: cuts a read's date range into API requests on bucket boundaries of the
 * read's timezone, within the API's range limits, so that every bucket is owned by exactly one
 * window and fully covered by that window's request, DST included. Pure functions over
 * {@code java.time} values; depends only on {@code dev.sparkfathom.api}.
 */
package dev.sparkfathom.read.plan;
