package faremark.orchestrator.sampling;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A container's cgroup, read directly on the host. The engine removes that cgroup the moment the
 * container stops, so the kernel's totals (peak, OOM kills, CPU time) cannot be read "at the
 * end" as the local backend does: they are read with every sample and the last reading is kept.
 * The kernel's peak is a high-water mark, so what is missed is only growth within the last
 * sample interval before the container stopped.
 */
public final class ContainerCgroupProbe implements MemoryProbe {
  private final MemoryProbe cgroup;
  private final AtomicReference<MemoryTotals> lastTotals = new AtomicReference<>();

  /** @param cgroup a {@link CgroupV1Probe} or {@link CgroupV2Probe} of the container's cgroup */
  public ContainerCgroupProbe(MemoryProbe cgroup) {
    this.cgroup = cgroup;
  }

  @Override
  public MemorySample sample(Duration at) {
    MemorySample s = cgroup.sample(at);
    lastTotals.set(cgroup.totals());
    return s;
  }

  /** The freshest totals: read now while the cgroup exists, else the last reading. */
  @Override
  public MemoryTotals totals() {
    try {
      MemoryTotals now = cgroup.totals();
      lastTotals.set(now);
      return now;
    } catch (ProbeException e) {
      MemoryTotals last = lastTotals.get();
      if (last == null) {
        throw e;
      }
      return last;
    }
  }

  @Override
  public java.util.Optional<Duration> cpuNow() {
    return cgroup.cpuNow();
  }

  @Override
  public String source() {
    return cgroup.source();
  }

  @Override
  public String definition() {
    return cgroup.definition().replace("the run's cgroup", "the container's cgroup, read on the host")
        + " The engine removes the cgroup when the container stops, so peak, OOM kills and CPU"
        + " time are as last read, at most one sample interval before the end; the engine's"
        + " own OOMKilled flag is counted as one OOM kill when the counter missed it.";
  }
}
