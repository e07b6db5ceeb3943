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

  /** Short id of the source, as written in the results: cgroup-v2, cgroup-v1 or proc-rss. */
  String source();

  /** What current, anon, file and peak mean for this source, in plain English, for the results. */
  String definition();
}
