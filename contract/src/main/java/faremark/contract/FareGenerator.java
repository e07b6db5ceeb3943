package faremark.contract;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic fares: the same (seed, route, date, payload size) gives byte-for-byte the same
 * page in every JVM, so the fare server can serve it and anyone can compute the expected answer.
 * Randomness comes from a {@link SplittableRandom} seeded by a 64-bit mix of seed, route and day
 * (FNV-1a over the route, SplitMix64 finalizer): {@code String.hashCode} is too weak to spread
 * neighbouring days.
 */
public final class FareGenerator {
  private static final String[] CARRIERS = {
    "FlixBus", "RegioJet", "Leo Express", "Arriva", "BlaBlaBus", "Eurolines", "Ouibus",
    "Student Agency", "ÖBB Intercitybus", "Nikolo"
  };
  private static final String[] VEHICLES = {"coach", "double-decker", "minibus", "train-bus"};
  private static final String[] AMENITIES = {"wifi", "power", "toilet", "snacks", "bike-rack"};
  private static final String CURRENCY = "EUR";

  private final long seed;
  private final long payloadBytes;

  /**
   * @param seed experiment seed
   * @param payloadBytes target size of a page; fares are added until the page is at least this
   *     big (at least one fare)
   */
  public FareGenerator(long seed, long payloadBytes) {
    if (payloadBytes < 1) {
      throw new IllegalArgumentException("payload must be at least 1 byte, got " + payloadBytes);
    }
    this.seed = seed;
    this.payloadBytes = payloadBytes;
  }

  public long seed() {
    return seed;
  }

  public long payloadBytes() {
    return payloadBytes;
  }

  /** The page and its JSON bytes, as served. */
  public Day day(Route route, LocalDate date) {
    SplittableRandom random = new SplittableRandom(mix(seed, route, date));
    List<Fare> fares = new ArrayList<>();
    StringBuilder json = new StringBuilder((int) Math.min(payloadBytes + 512, 1 << 24));
    json.append("{\"from\":\"").append(route.from())
        .append("\",\"to\":\"").append(route.to())
        .append("\",\"date\":\"").append(date)
        .append("\",\"currency\":\"").append(CURRENCY)
        .append("\",\"fares\":[");
    // Sizes are counted in UTF-8 bytes as we go, so the loop is linear in the page size.
    long bytes = utf8Length(json);
    while (fares.isEmpty() || bytes + 2 < payloadBytes) {
      Fare fare = fare(random, route, date, fares.size());
      int before = json.length();
      if (!fares.isEmpty()) {
        json.append(',');
      }
      appendFare(json, fare);
      bytes += utf8Length(json.subSequence(before, json.length()));
      fares.add(fare);
    }
    json.append("]}");
    return new Day(
        new FarePage(route.from(), route.to(), date, CURRENCY, List.copyOf(fares)),
        json.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** What a correct client computes for this day. */
  public DayAggregate aggregate(Route route, LocalDate date) {
    return day(route, date).page().aggregate();
  }

  /** A generated day: the page and exactly the bytes the server sends for it. */
  public record Day(FarePage page, byte[] json) {}

  private static Fare fare(SplittableRandom random, Route route, LocalDate date, int index) {
    int departureMinute = 4 * 60 + random.nextInt(19 * 60 + 30);
    int duration = 95 + random.nextInt(240);
    LocalDateTime departure = date.atStartOfDay().plusMinutes(departureMinute);
    long cents = 390 + random.nextInt(3600) + (departureMinute > 16 * 60 ? 200 : 0);
    int amenityBits = random.nextInt(1 << AMENITIES.length);
    List<String> amenities = new ArrayList<>();
    for (int i = 0; i < AMENITIES.length; i++) {
      if ((amenityBits & (1 << i)) != 0) {
        amenities.add(AMENITIES[i]);
      }
    }
    String id = String.format("%016x", random.nextLong()) + "-" + index;
    return new Fare(
        id,
        CARRIERS[random.nextInt(CARRIERS.length)],
        route.from(),
        route.to(),
        departure,
        departure.plusMinutes(duration),
        duration,
        BigDecimal.valueOf(cents, 2),
        CURRENCY,
        random.nextInt(61),
        VEHICLES[random.nextInt(VEHICLES.length)],
        List.copyOf(amenities));
  }

  private static void appendFare(StringBuilder json, Fare fare) {
    json.append("{\"id\":\"").append(fare.id())
        .append("\",\"carrier\":\"").append(fare.carrier())
        .append("\",\"from\":\"").append(fare.from())
        .append("\",\"to\":\"").append(fare.to())
        .append("\",\"departure\":\"").append(fare.departure())
        .append("\",\"arrival\":\"").append(fare.arrival())
        .append("\",\"durationMinutes\":").append(fare.durationMinutes())
        .append(",\"price\":").append(fare.price().toPlainString())
        .append(",\"currency\":\"").append(fare.currency())
        .append("\",\"seatsLeft\":").append(fare.seatsLeft())
        .append(",\"vehicle\":\"").append(fare.vehicle())
        .append("\",\"amenities\":[");
    for (int i = 0; i < fare.amenities().size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append('"').append(fare.amenities().get(i)).append('"');
    }
    json.append("]}");
  }

  private static long utf8Length(CharSequence s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  static long mix(long seed, Route route, LocalDate date) {
    long h = 0xcbf29ce484222325L;
    for (byte b : (route.from() + "\u0000" + route.to()).getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return splitMix64(splitMix64(seed ^ h) + date.toEpochDay());
  }

  private static long splitMix64(long z) {
    z += 0x9e3779b97f4a7c15L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
