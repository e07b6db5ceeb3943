package faremark.contract;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * One bus connection offered on a day, shaped like a real fare API's item. {@code price} is a
 * decimal with two places, as such APIs send it; workloads aggregate it in cents.
 */
public record Fare(
    String id,
    String carrier,
    String from,
    String to,
    LocalDateTime departure,
    LocalDateTime arrival,
    int durationMinutes,
    BigDecimal price,
    String currency,
    int seatsLeft,
    String vehicle,
    List<String> amenities) {

  public long priceCents() {
    return price.movePointRight(2).longValueExact();
  }
}
