package faremark.orchestrator.results;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One run's CPU time by phase, from the run's own counter (cgroup {@code cpuacct.usage} or {@code
 * cpu.stat usage_usec}, user + system of every process and thread in the run) read by the
 * orchestrator as the {@code ready} and {@code done} lines arrive. Milliseconds; null where that
 * moment was not seen or the counter could not be read. Before {@code ready} is the runtime's
 * start-up (and any warm-up passes); the request phase is where a runtime's first use of the
 * request path shows as CPU work (JIT compilation, interpreted code, class loading): the JVMs
 * use several times the CPU of a warm run there, CPython about the same (docs/cold-start.md).
 *
 * @param beforeReadyMs launch to {@code ready}
 * @param requestPhaseMs {@code ready} to {@code done}: the request phase and the moments around
 *     it that the workload spends printing its events
 * @param afterDoneMs {@code done} to the end (shutdown), where the run's total was read
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CpuFigures(Long beforeReadyMs, Long requestPhaseMs, Long afterDoneMs) {

  /** The phases from the counter's readings; null when neither event's reading is there. */
  public static CpuFigures of(Long atReadyMs, Long atDoneMs, Long totalMs) {
    if (atReadyMs == null && atDoneMs == null) {
      return null;
    }
    return new CpuFigures(atReadyMs,
        atReadyMs == null || atDoneMs == null ? null : Math.max(0, atDoneMs - atReadyMs),
        atDoneMs == null || totalMs == null ? null : Math.max(0, totalMs - atDoneMs));
  }
}
