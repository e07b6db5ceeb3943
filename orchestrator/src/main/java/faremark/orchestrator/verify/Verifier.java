package faremark.orchestrator.verify;

import faremark.contract.DayAggregate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Compares a workload's aggregate with the expected one, day by day. A wrong day is worse than
 * a missing one (the model returned something untrue), so it decides the status first.
 */
public final class Verifier {
  private final Map<LocalDate, DayAggregate> expected;

  public Verifier(List<DayAggregate> expectedDays) {
    Map<LocalDate, DayAggregate> byDate = new LinkedHashMap<>();
    for (DayAggregate day : expectedDays) {
      byDate.put(day.date(), day);
    }
    this.expected = byDate;
  }

  public int expectedDays() {
    return expected.size();
  }

  /** {@code answer} empty: the workload printed no result at all. */
  public Verification verify(Optional<List<DayAggregate>> answer) {
    if (answer.isEmpty()) {
      return Verification.noAnswer(expected.size());
    }
    Map<LocalDate, DayAggregate> actual = new TreeMap<>();
    List<LocalDate> wrong = new ArrayList<>();
    for (DayAggregate day : answer.get()) {
      if (actual.put(day.date(), day) != null && !wrong.contains(day.date())) {
        wrong.add(day.date()); // reported twice: not an answer we can trust
      }
    }
    List<LocalDate> missing = new ArrayList<>();
    List<LocalDate> unexpected = new ArrayList<>();
    int matching = 0;
    for (Map.Entry<LocalDate, DayAggregate> e : expected.entrySet()) {
      DayAggregate got = actual.get(e.getKey());
      if (got == null) {
        missing.add(e.getKey());
      } else if (got.equals(e.getValue()) && !wrong.contains(e.getKey())) {
        matching++;
      } else if (!wrong.contains(e.getKey())) {
        wrong.add(e.getKey());
      }
    }
    for (LocalDate date : actual.keySet()) {
      if (!expected.containsKey(date)) {
        unexpected.add(date);
      }
    }
    Verification.Status status;
    if (!wrong.isEmpty() || !unexpected.isEmpty()) {
      status = Verification.Status.WRONG;
    } else if (!missing.isEmpty()) {
      status = Verification.Status.PARTIAL;
    } else {
      status = Verification.Status.VERIFIED;
    }
    wrong.sort(null);
    return new Verification(
        status, expected.size(), matching, List.copyOf(missing), List.copyOf(wrong),
        List.copyOf(unexpected));
  }
}
