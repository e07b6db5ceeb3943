package faremark.orchestrator.verify;

import java.time.LocalDate;
import java.util.List;

/**
 * The verdict on one run's answer against the fare server's expected aggregate.
 *
 * @param status {@code verified} only when every day is present and equal
 * @param expectedDays days the job asked for
 * @param matchingDays days whose aggregate equals the expected one
 * @param missing days the workload did not report (failed requests, partial answer)
 * @param wrong days reported with a different aggregate (misparsed, truncated, wrong day)
 * @param unexpected days reported that the job did not ask for
 */
public record Verification(
    Status status,
    int expectedDays,
    int matchingDays,
    List<LocalDate> missing,
    List<LocalDate> wrong,
    List<LocalDate> unexpected) {

  public enum Status {
    VERIFIED("verified"),
    PARTIAL("partial"),
    WRONG("wrong"),
    NO_ANSWER("no-answer");

    private final String id;

    Status(String id) {
      this.id = id;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
      return id;
    }
  }

  public static Verification noAnswer(int expectedDays) {
    return new Verification(Status.NO_ANSWER, expectedDays, 0, List.of(), List.of(), List.of());
  }

  public boolean verified() {
    return status == Status.VERIFIED;
  }

  /** One line for people: "verified 100/100" or "partial 95/100 (5 missing)". */
  public String describe() {
    return switch (status) {
      case VERIFIED -> "verified " + matchingDays + "/" + expectedDays;
      case NO_ANSWER -> "no answer";
      case PARTIAL, WRONG ->
          status.id() + " " + matchingDays + "/" + expectedDays
              + (missing.isEmpty() ? "" : ", " + missing.size() + " missing")
              + (wrong.isEmpty() ? "" : ", " + wrong.size() + " wrong")
              + (unexpected.isEmpty() ? "" : ", " + unexpected.size() + " unexpected");
    };
  }
}
