package faremark.fareserver;

import faremark.contract.DayAggregate;
import faremark.contract.FareGenerator;
import faremark.contract.Route;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code GET /expected}: what a correct workload reports for {@code days} days from
 * {@code start}, with the generator parameters it was computed with, so a verifier can tell a
 * wrong answer from a server started with another seed.
 */
public record ExpectedAnswer(
    String from, String to, LocalDate start, int days, long seed, long payloadBytes,
    List<DayAggregate> aggregate) {

  /** Upper bound on {@code days}: see {@link ServerCapacity#MAX_DAYS}. */
  static final int MAX_DAYS = ServerCapacity.MAX_DAYS;

  /** Computes the answer for a parsed {@code /expected} query. */
  static ExpectedAnswer compute(QueryStringDecoder query, FareGenerator generator) {
    QueryParams params = new QueryParams(query);
    Route route = new Route(params.station("from"), params.station("to"));
    LocalDate start = params.date("start");
    int days = params.integer("days", 1, MAX_DAYS);
    return compute(route, start, days, generator);
  }

  /** The same answer a Java caller can compute without a server. */
  public static ExpectedAnswer compute(
      Route route, LocalDate start, int days, FareGenerator generator) {
    List<DayAggregate> aggregate = new ArrayList<>(days);
    for (int i = 0; i < days; i++) {
      aggregate.add(generator.aggregate(route, start.plusDays(i)));
    }
    return new ExpectedAnswer(
        route.from(), route.to(), start, days, generator.seed(), generator.payloadBytes(),
        List.copyOf(aggregate));
  }
}
