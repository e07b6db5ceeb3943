package faremark.orchestrator.verify;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.DayAggregate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerifierTest {
  private static final LocalDate D1 = LocalDate.of(2024, 6, 1);
  private static final LocalDate D2 = D1.plusDays(1);
  private static final LocalDate D3 = D1.plusDays(2);
  private static final LocalDate D4 = D1.plusDays(3);

  private static DayAggregate day(LocalDate date, long cheapestCents) {
    return new DayAggregate(date, 12, cheapestCents, "F-" + date + "-" + cheapestCents, "EUR");
  }

  private static final List<DayAggregate> EXPECTED =
      List.of(day(D1, 1_000), day(D2, 2_000), day(D3, 3_000));

  private final Verifier verifier = new Verifier(EXPECTED);

  private Verification verify(DayAggregate... answer) {
    return verifier.verify(Optional.of(List.of(answer)));
  }

  @Test
  void anAnswerEqualToTheExpectedOneIsVerified() {
    Verification v = verify(day(D1, 1_000), day(D2, 2_000), day(D3, 3_000));

    assertThat(v.status()).isEqualTo(Verification.Status.VERIFIED);
    assertThat(v.verified()).isTrue();
    assertThat(v.expectedDays()).isEqualTo(3);
    assertThat(v.matchingDays()).isEqualTo(3);
    assertThat(v.missing()).isEmpty();
    assertThat(v.wrong()).isEmpty();
    assertThat(v.unexpected()).isEmpty();
  }

  @Test
  void dayOrderInTheAnswerDoesNotMatter() {
    assertThat(verify(day(D3, 3_000), day(D1, 1_000), day(D2, 2_000)).verified()).isTrue();
  }

  @Test
  void missingDaysMakeItPartial() {
    Verification v = verify(day(D1, 1_000), day(D3, 3_000));

    assertThat(v.status()).isEqualTo(Verification.Status.PARTIAL);
    assertThat(v.verified()).isFalse();
    assertThat(v.matchingDays()).isEqualTo(2);
    assertThat(v.missing()).containsExactly(D2);
    assertThat(v.wrong()).isEmpty();
  }

  @Test
  void anEmptyAnswerIsPartialWithEveryDayMissing() {
    Verification v = verifier.verify(Optional.of(List.of()));

    assertThat(v.status()).isEqualTo(Verification.Status.PARTIAL);
    assertThat(v.matchingDays()).isZero();
    assertThat(v.missing()).containsExactly(D1, D2, D3);
  }

  @Test
  void aDayWithADifferentAggregateIsWrong() {
    Verification v = verify(day(D1, 1_000), day(D2, 2_001), day(D3, 3_000));

    assertThat(v.status()).isEqualTo(Verification.Status.WRONG);
    assertThat(v.matchingDays()).isEqualTo(2);
    assertThat(v.wrong()).containsExactly(D2);
  }

  @Test
  void anyDifferenceInTheAggregateCounts() {
    DayAggregate fewerFares = new DayAggregate(D1, 11, 1_000, "F-" + D1 + "-1000", "EUR");
    DayAggregate otherFareId = new DayAggregate(D2, 12, 2_000, "other", "EUR");
    DayAggregate otherCurrency = new DayAggregate(D3, 12, 3_000, "F-" + D3 + "-3000", "CZK");

    Verification v = verify(fewerFares, otherFareId, otherCurrency);

    assertThat(v.wrong()).containsExactly(D1, D2, D3);
    assertThat(v.matchingDays()).isZero();
  }

  @Test
  void wrongDecidesTheStatusBeforeMissing() {
    Verification v = verify(day(D1, 9_999));

    assertThat(v.status()).isEqualTo(Verification.Status.WRONG);
    assertThat(v.wrong()).containsExactly(D1);
    assertThat(v.missing()).containsExactly(D2, D3);
  }

  @Test
  void aDayReportedTwiceIsWrongEvenIfBothCopiesAreRight() {
    Verification v = verify(day(D1, 1_000), day(D2, 2_000), day(D2, 2_000), day(D3, 3_000));

    assertThat(v.status()).isEqualTo(Verification.Status.WRONG);
    assertThat(v.wrong()).containsExactly(D2);
    assertThat(v.matchingDays()).isEqualTo(2);
  }

  @Test
  void aDayReportedThreeTimesIsListedAsWrongOnce() {
    Verification v =
        verify(day(D1, 1_000), day(D2, 2_000), day(D2, 2_000), day(D2, 2_000), day(D3, 3_000));

    assertThat(v.wrong()).containsExactly(D2);
    assertThat(v.describe()).isEqualTo("wrong 2/3, 1 wrong");
  }

  @Test
  void aDayTheJobDidNotAskForIsUnexpectedAndWrong() {
    Verification v = verify(day(D1, 1_000), day(D2, 2_000), day(D3, 3_000), day(D4, 4_000));

    assertThat(v.status()).isEqualTo(Verification.Status.WRONG);
    assertThat(v.unexpected()).containsExactly(D4);
    assertThat(v.wrong()).isEmpty();
    assertThat(v.matchingDays()).isEqualTo(3);
  }

  @Test
  void listsAreSortedByDate() {
    Verification v = verify(day(D4.plusDays(1), 1), day(D3, 1), day(D4, 1), day(D1, 1));

    assertThat(v.wrong()).containsExactly(D1, D3);
    assertThat(v.unexpected()).containsExactly(D4, D4.plusDays(1));
    assertThat(v.missing()).containsExactly(D2);
  }

  @Test
  void noAnswerAtAll() {
    Verification v = verifier.verify(Optional.empty());

    assertThat(v.status()).isEqualTo(Verification.Status.NO_ANSWER);
    assertThat(v.verified()).isFalse();
    assertThat(v.expectedDays()).isEqualTo(3);
    assertThat(v.matchingDays()).isZero();
    assertThat(v.missing()).isEmpty();
  }

  @Test
  void expectedDaysCountsTheExpectedAggregate() {
    assertThat(verifier.expectedDays()).isEqualTo(3);
  }

  @Test
  void theVerdictsListsCannotBeChanged() {
    List<DayAggregate> answer = new ArrayList<>(List.of(day(D1, 5)));
    Verification v = verifier.verify(Optional.of(answer));

    assertThat(v.missing()).isUnmodifiable();
    assertThat(v.wrong()).isUnmodifiable();
    assertThat(v.unexpected()).isUnmodifiable();
  }
}
