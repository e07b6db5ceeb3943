package faremark.orchestrator.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.Json;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerificationTest {
  private static final LocalDate D = LocalDate.of(2024, 6, 1);

  private static List<LocalDate> days(int n) {
    return Collections.nCopies(n, D);
  }

  @Test
  void describesAVerifiedAnswer() {
    Verification v = new Verification(Verification.Status.VERIFIED, 100, 100, List.of(), List.of(), List.of());

    assertThat(v.describe()).isEqualTo("verified 100/100");
  }

  @Test
  void describesAPartialAnswerWithItsMissingDays() {
    Verification v = new Verification(Verification.Status.PARTIAL, 100, 95, days(5), List.of(), List.of());

    assertThat(v.describe()).isEqualTo("partial 95/100, 5 missing");
  }

  @Test
  void describesAWrongAnswerWithEveryKindOfDifference() {
    Verification v = new Verification(Verification.Status.WRONG, 100, 90, days(4), days(6), days(2));

    assertThat(v.describe()).isEqualTo("wrong 90/100, 4 missing, 6 wrong, 2 unexpected");
  }

  @Test
  void describesOnlyTheKindsOfDifferenceThatOccurred() {
    Verification unexpectedOnly =
        new Verification(Verification.Status.WRONG, 100, 100, List.of(), List.of(), days(1));

    assertThat(unexpectedOnly.describe()).isEqualTo("wrong 100/100, 1 unexpected");
  }

  @Test
  void describesNoAnswer() {
    Verification v = Verification.noAnswer(100);

    assertThat(v.describe()).isEqualTo("no answer");
    assertThat(v.status()).isEqualTo(Verification.Status.NO_ANSWER);
    assertThat(v.expectedDays()).isEqualTo(100);
    assertThat(v.verified()).isFalse();
  }

  @Test
  void onlyVerifiedIsVerified() {
    for (Verification.Status status : Verification.Status.values()) {
      Verification v = new Verification(status, 1, 1, List.of(), List.of(), List.of());
      assertThat(v.verified()).as(status.id()).isEqualTo(status == Verification.Status.VERIFIED);
    }
  }

  @Test
  void statusIsWrittenAsItsId() {
    JsonNode json = Json.mapper().valueToTree(
        new Verification(Verification.Status.NO_ANSWER, 3, 0, List.of(), List.of(), List.of(D)));

    assertThat(json.path("status").asText()).isEqualTo("no-answer");
    assertThat(json.path("unexpected").get(0).asText()).isEqualTo("2024-06-01");
  }
}
