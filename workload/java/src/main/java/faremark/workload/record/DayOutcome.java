package faremark.workload.record;

import faremark.contract.DayAggregate;

/** What one request came to: the day's aggregate, or the cause it failed with. */
public sealed interface DayOutcome {

  record Ok(DayAggregate aggregate) implements DayOutcome {}

  /**
   * @param cause a {@link faremark.contract.FailureCause} id, counted in the result
   * @param detail human-readable, only logged (first occurrence of each cause)
   */
  record Failed(String cause, String detail) implements DayOutcome {}
}
