package faremark.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FareGeneratorTest {
  private static final Route ROUTE = new Route("PRG", "BRQ");
  private static final LocalDate DAY = LocalDate.of(2018, 6, 1);

  @Test
  void sameSeedRouteAndDayGiveTheSameBytes() {
    byte[] a = new FareGenerator(42, 8192).day(ROUTE, DAY).json();
    byte[] b = new FareGenerator(42, 8192).day(ROUTE, DAY).json();
    assertThat(a).isEqualTo(b);
  }

  @Test
  void seedRouteAndDayEachChangeTheFares() {
    FareGenerator g = new FareGenerator(42, 8192);
    byte[] base = g.day(ROUTE, DAY).json();
    assertThat(new FareGenerator(43, 8192).day(ROUTE, DAY).json()).isNotEqualTo(base);
    assertThat(g.day(new Route("BRQ", "PRG"), DAY).json()).isNotEqualTo(base);
    assertThat(g.day(ROUTE, DAY.plusDays(1)).json()).isNotEqualTo(base);
  }

  @Test
  void neighbouringDaysHaveDifferentCheapestFares() {
    FareGenerator g = new FareGenerator(42, 8192);
    Set<String> cheapest = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      cheapest.add(g.aggregate(ROUTE, DAY.plusDays(i)).cheapestFareId());
    }
    assertThat(cheapest).hasSize(100);
  }

  @Test
  void pageIsAtLeastThePayloadSizeAndNotMuchMore() {
    for (long size : new long[] {1, 1024, 8192, 65536}) {
      FareGenerator.Day day = new FareGenerator(7, size).day(ROUTE, DAY);
      assertThat((long) day.json().length).isGreaterThanOrEqualTo(Math.min(size, 300));
      // one fare is ~330 bytes: the page overshoots the target by less than one fare
      assertThat((long) day.json().length).isLessThan(Math.max(size, 0) + 500);
    }
  }

  @Test
  void servedBytesParseBackToTheGeneratedPage() {
    FareGenerator.Day day = new FareGenerator(42, 8192).day(ROUTE, DAY);
    FarePage parsed = FarePage.parse(day.json());
    assertThat(parsed).isEqualTo(day.page());
    assertThat(parsed.aggregate()).isEqualTo(new FareGenerator(42, 8192).aggregate(ROUTE, DAY));
    assertThat(parsed.aggregate().fares()).isEqualTo(day.page().fares().size());
  }

  @Test
  void aggregateIsTheCheapestFare() {
    FarePage page = new FareGenerator(1, 16384).day(ROUTE, DAY).page();
    DayAggregate agg = page.aggregate();
    long min = page.fares().stream().mapToLong(Fare::priceCents).min().orElseThrow();
    assertThat(agg.cheapestCents()).isEqualTo(min);
    assertThat(agg.date()).isEqualTo(DAY);
    assertThat(agg.currency()).isEqualTo("EUR");
  }

  @Test
  void refusesAnEmptyPayload() {
    assertThatThrownBy(() -> new FareGenerator(1, 0)).hasMessageContaining("payload");
  }

  @Test
  void garbageDoesNotParse() {
    assertThatThrownBy(() -> FarePage.parse("{\"fares\": [".getBytes()))
        .hasMessageContaining("did not parse");
  }
}
