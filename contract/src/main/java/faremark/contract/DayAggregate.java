package faremark.contract;

import java.time.LocalDate;

/**
 * The article's "prepare them for processing" step, reduced to what can be checked: for one day,
 * how many fares the response held and which one was cheapest. A workload that dropped, truncated
 * or misparsed a response cannot produce the server's aggregate.
 *
 * @param cheapestCents cheapest price in minor units (cents) of {@code currency}
 */
public record DayAggregate(
    LocalDate date, int fares, long cheapestCents, String cheapestFareId, String currency) {}
