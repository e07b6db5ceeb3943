package faremark.fareserver;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Typed access to a request's query parameters. Every failure is an
 * {@link IllegalArgumentException} whose message names the parameter and what was expected; the
 * router turns it into a 400 with that message.
 */
final class QueryParams {
  private static final Pattern STATION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
  private static final String STATION_EXPECTED =
      "a station code (1-32 letters, digits, '-' or '_'), e.g. PRG";
  private static final String DATE_EXPECTED = "a date YYYY-MM-DD, e.g. 2018-06-01";

  private final Map<String, List<String>> params;

  QueryParams(QueryStringDecoder decoder) {
    this.params = decoder.parameters();
  }

  String station(String name) {
    String value = required(name, STATION_EXPECTED);
    if (!STATION.matcher(value).matches()) {
      throw invalid(name, STATION_EXPECTED, value);
    }
    return value;
  }

  LocalDate date(String name) {
    String value = required(name, DATE_EXPECTED);
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw invalid(name, DATE_EXPECTED, value);
    }
  }

  int integer(String name, int min, int max) {
    String expected = "a whole number " + min + "-" + max;
    String value = required(name, expected);
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw invalid(name, expected, value);
  }

  private String required(String name, String expected) {
    List<String> values = params.get(name);
    if (values == null || values.isEmpty() || values.get(0).isEmpty()) {
      throw new IllegalArgumentException(
          "missing query parameter '" + name + "': expected " + expected);
    }
    return values.get(0);
  }

  private static IllegalArgumentException invalid(String name, String expected, String value) {
    return new IllegalArgumentException(
        "query parameter '" + name + "' must be " + expected + ", got '" + value + "'");
  }
}
