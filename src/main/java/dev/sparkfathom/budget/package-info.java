/**
 * The rate budget on the driver: one {@link dev.sparkfathom.budget.BudgetSchedule} per token in
 * the JVM, shared by every scan of the application, gives each planned request its earliest start
 * so that no rolling window holds more requests than the limit. Pure arithmetic plus a small keyed
 * registry; depends only on the JDK, with time from an injected {@link java.time.Clock}.
 */
package dev.sparkfathom.budget;
