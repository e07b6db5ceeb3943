package faremark.orchestrator.scenario;

import faremark.contract.Route;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The article's job: fetch one route's fares for {@code days} consecutive days.
 *
 * @param route the route fetched
 * @param startDate the first day
 * @param days how many days, one request each
 */
public record Job(Route route, LocalDate startDate, int days) {
  public Job {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(startDate, "startDate");
    if (days < ScenarioDefaults.MIN_DAYS) {
      throw new IllegalArgumentException("days must be >= 1, got " + days);
    }
  }
}
