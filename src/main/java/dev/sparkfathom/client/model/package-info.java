/**
 * The Fathom API's objects as immutable records: what the client sends (validated site and
 * event writes, page requests) and what it decodes (account, sites, events, pages, wipe and
 * delete receipts, current visitors). Depends on the JDK only.
 */
package dev.sparkfathom.client.model;
