package faremark.fareserver;

import faremark.contract.Route;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.LocalDate;

/** {@code GET /fares?from=&to=&date=}: one day on one route. */
record FareQuery(Route route, LocalDate date) {

  /** @throws IllegalArgumentException naming the bad parameter */
  static FareQuery parse(QueryStringDecoder query) {
    QueryParams params = new QueryParams(query);
    Route route = new Route(params.station("from"), params.station("to"));
    return new FareQuery(route, params.date("date"));
  }
}
