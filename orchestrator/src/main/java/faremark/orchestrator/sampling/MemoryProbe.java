package faremark.orchestrator.sampling;

import java.time.Duration;

/**
 * Reads one run's memory from one source. The set of sources is closed so the results and the
 * report can switch over them exhaustively.
 *
 * <p>Probes take any directory or pid, not only ones faremark created: the docker backend points
 * the cgroup probes at a container's cgroup directory on the host.
 */
public sealed interface MemoryProbe
    permits CgroupV2Probe, CgroupV1Probe, ProcTreeProbe, ContainerCgroupProbe, DockerStatsProbe {

  /**
   * Reads the current figures and stamps them with {@code at}.
   *
   * @throws ProbeException when the source cannot be read (e.g. it is gone)
   */
  MemorySample sample(Duration at);

  /**
   * Reads peak, OOM kills and CPU time. Call it at the end of the run, before the cgroup is
   * removed.
   *
   * @throws ProbeException when the source cannot be read
   */
  MemoryTotals totals();

  /**
   * The run's CPU time so far (user + system, every process of the run), read now and cheaply:
   * the orchestrator reads it on the workload's stdout reader thread as {@code ready} and {@code
   * done} arrive, to split the run's CPU into phases. Empty where the source cannot tell, or not
   * as of now. This default reads every total; the cgroup probes read their one CPU file.
   */
  default java.util.Optional<Duration> cpuNow() {
    try {
      return totals().cpuTime();
    } catch (ProbeException e) {
      return java.util.Optional.empty();
    }
  }

  /** Short id of the source, as written in the results: cgroup-v2, cgroup-v1 or proc-rss. */
  String source();

  /** What current, anon, file and peak mean for this source, in plain English, for the results. */
  String definition();
}
