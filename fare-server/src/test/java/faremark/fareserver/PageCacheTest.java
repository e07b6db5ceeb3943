package faremark.fareserver;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.FareGenerator;
import faremark.contract.Route;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PageCacheTest {
  private static final Route ROUTE = new Route("PRG", "BRQ");
  private static final LocalDate DAY = LocalDate.of(2018, 6, 1);

  @Test
  void servesTheGeneratorsBytesAndReusesThem() {
    FareGenerator generator = new FareGenerator(3, 2048);
    PageCache cache = new PageCache(generator, 1 << 20);

    byte[] first = cache.page(ROUTE, DAY);
    assertThat(first).isEqualTo(generator.day(ROUTE, DAY).json());
    assertThat(cache.page(ROUTE, DAY)).isSameAs(first);
    assertThat(cache.sizeBytes()).isEqualTo(first.length);
  }

  @Test
  void staysWithinItsBudget() {
    FareGenerator generator = new FareGenerator(3, 2048);
    long budget = 10 * 2048 + 1000;
    PageCache cache = new PageCache(generator, budget);

    for (int i = 0; i < 100; i++) {
      assertThat(cache.page(ROUTE, DAY.plusDays(i))).isEqualTo(generator.day(ROUTE, DAY.plusDays(i)).json());
      assertThat(cache.sizeBytes()).isLessThanOrEqualTo(budget);
    }
    assertThat(cache.size()).isBetween(5, 11);
  }

  @Test
  void aPageBiggerThanTheBudgetIsServedButNotKept() {
    PageCache cache = new PageCache(new FareGenerator(3, 4096), 1024);
    assertThat(cache.page(ROUTE, DAY)).hasSizeGreaterThan(1024);
    assertThat(cache.size()).isZero();
  }
}
