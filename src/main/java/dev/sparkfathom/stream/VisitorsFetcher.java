package dev.sparkfathom.stream;

import dev.sparkfathom.budget.BudgetRoute;
import dev.sparkfathom.budget.Budgets;
import dev.sparkfathom.client.FathomClient;
import dev.sparkfathom.client.FathomException;
import dev.sparkfathom.client.model.CurrentVisitors;
import dev.sparkfathom.read.FathomReadException;

/** Asks Fathom for a site's current visitors once. The stream's only way to the network. */
@FunctionalInterface
public interface VisitorsFetcher {
  CurrentVisitors fetch(String siteId, boolean detailed);

  /**
   * Through the client, each request leasing its slot from the token's budget coordinator on
   * {@code route} (an aggregation-class request, like a report's).
   *
   * @throws FathomReadException when the request fails for good (after the client's retries)
   */
  static VisitorsFetcher client(CurrentVisitorsSpec spec, BudgetRoute route) {
    return (siteId, detailed) -> {
      try (FathomClient c = FathomClient.builder(spec.client()).budget(Budgets.forRoute(route, spec.client())).build()) {
        return c.currentVisitors(siteId, detailed);
      } catch (FathomException e) {
        throw new FathomReadException("the current visitors of site " + siteId, e);
      }
    };
  }
}
