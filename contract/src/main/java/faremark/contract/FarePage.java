package faremark.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/** The body of {@code GET /fares}: one day's fares on one route. */
public record FarePage(String from, String to, LocalDate date, String currency, List<Fare> fares) {

  /**
   * Parses a response body the way a client would (full data binding, every fare materialized),
   * which is the "parse" part of the article's job and part of what each model's memory pays.
   */
  public static FarePage parse(byte[] body) {
    try {
      return Json.mapper().readValue(body, FarePage.class);
    } catch (IOException e) {
      throw new UncheckedIOException("fare page did not parse: " + originalMessage(e), e);
    }
  }

  /** The article's "prepare for processing": cheapest fare of the day. */
  public DayAggregate aggregate() {
    if (fares == null || fares.isEmpty()) {
      return new DayAggregate(date, 0, 0, "", currency);
    }
    Fare cheapest =
        fares.stream()
            .min(Comparator.comparingLong(Fare::priceCents).thenComparing(Fare::id))
            .orElseThrow();
    return new DayAggregate(date, fares.size(), cheapest.priceCents(), cheapest.id(), currency);
  }

  private static String originalMessage(IOException e) {
    return e instanceof com.fasterxml.jackson.core.JsonProcessingException j
        ? j.getOriginalMessage()
        : e.getMessage();
  }
}
