/**
 * The rate budget of a token across a cluster: a {@link dev.sparkfathom.budget.Coordinator}
 * grants each HTTP request a lease when it is about to be sent (pure decisions in
 * {@link dev.sparkfathom.budget.TokenLedger}: rolling windows on real send times, a cap on
 * requests in flight, pauses learnt from 429s), hosted by the driver
 * ({@link dev.sparkfathom.budget.DriverCoordinator}, over {@link dev.sparkfathom.budget.CoordinatorServer})
 * or standalone ({@link dev.sparkfathom.budget.CoordinatorMain}). Tasks reach it through
 * {@link dev.sparkfathom.budget.Budgets}, which falls back to a per-JVM limiter when it cannot.
 * Depends on the JDK (its HTTP server and client) and on {@code client}'s
 * {@link dev.sparkfathom.client.SendBudget} and rolling window; never on Spark.
 */
package dev.sparkfathom.budget;
