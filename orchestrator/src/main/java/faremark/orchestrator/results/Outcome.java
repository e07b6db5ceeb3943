package faremark.orchestrator.results;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a run ended. Only {@link #OK} runs enter the medians: a run that failed, crashed or was
 * killed is reported as such, never averaged in.
 */
public enum Outcome {
  /** Every request succeeded and the answer equals the server's expected aggregate. */
  OK("ok"),
  /** The workload reported failed requests (a partial answer). */
  FAILED_REQUESTS("failed-requests"),
  /** All requests reported ok but the answer is wrong or incomplete. */
  UNVERIFIED("unverified"),
  /** The kernel's OOM killer ended it (the run's memory limit). */
  OOM_KILLED("oom-killed"),
  /** It ran past the scenario's per-run timeout and was killed. */
  TIMED_OUT("timed-out"),
  /** It exited without a result, or broke the stdout contract. */
  CRASHED("crashed"),
  /** The experiment was interrupted (Ctrl-C) while it ran. */
  INTERRUPTED("interrupted"),
  /**
   * What it ran on failed under it: the Docker engine stopped answering (experiments spread over
   * several engines: the engine's later runs went to the others), or its pod was evicted or its
   * node lost (kubernetes backend). What was seen is kept; none of it counts.
   */
  ENGINE_FAILED("engine-failed");

  private final String id;

  Outcome(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  public boolean ok() {
    return this == OK;
  }
}
