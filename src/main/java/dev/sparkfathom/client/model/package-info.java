/**
 * The Fathom API's objects as immutable records: what the client sends (validated site, event
 * and milestone writes, page requests) and what it decodes (account, token metadata, sites,
 * events, milestones, pages, wipe and delete receipts, current visitors). Depends on the JDK
 * and the {@code api} vocabulary only.
 */
package dev.sparkfathom.client.model;
