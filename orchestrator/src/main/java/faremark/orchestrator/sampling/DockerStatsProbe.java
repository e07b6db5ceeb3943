package faremark.orchestrator.sampling;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StatsConfig;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fallback where a container's cgroup files are not visible to this process (Docker Desktop's
 * VM, a remote engine): the engine's stats API, which streams about one reading per second
 * whatever the sample interval. A sample repeats the latest reading, so the series is coarse;
 * the report says which source it came from.
 */
public final class DockerStatsProbe implements MemoryProbe, Closeable {
  private final AtomicReference<Statistics> latest = new AtomicReference<>();
  private final AtomicLong highest = new AtomicLong();
  private final Closeable stream;

  private DockerStatsProbe(DockerClient docker, String containerId) {
    this.stream = docker.statsCmd(containerId).withNoStream(false).exec(new ResultCallback.Adapter<>() {
      @Override
      public void onNext(Statistics s) {
        if (s != null && s.getMemoryStats() != null && s.getMemoryStats().getUsage() != null) {
          latest.set(s);
          highest.accumulateAndGet(s.getMemoryStats().getUsage(), Math::max);
        }
      }
    });
  }

  public static DockerStatsProbe start(DockerClient docker, String containerId) {
    return new DockerStatsProbe(docker, containerId);
  }

  @Override
  public MemorySample sample(Duration at) {
    Statistics s = latest.get();
    if (s == null) {
      throw new ProbeException("no stats from the engine yet");
    }
    MemoryStatsConfig m = s.getMemoryStats();
    StatsConfig st = m.getStats();
    long anon = st == null ? 0 : firstOf(st.getTotalRss(), st.getRss());
    long file = st == null ? 0 : firstOf(st.getTotalCache(), st.getCache());
    return new MemorySample(at, m.getUsage(), anon, file);
  }

  /** The total_* counter (children included, as the cgroup probes read) where the engine has it. */
  private static long firstOf(Long total, Long own) {
    return total != null ? total : own != null ? own : 0;
  }

  @Override
  public MemoryTotals totals() {
    Statistics s = latest.get();
    if (s == null) {
      throw new ProbeException("no stats from the engine");
    }
    Long maxUsage = s.getMemoryStats().getMaxUsage();
    long peak = Math.max(maxUsage == null ? 0 : maxUsage, highest.get());
    Long cpu = s.getCpuStats() == null || s.getCpuStats().getCpuUsage() == null ? null
        : s.getCpuStats().getCpuUsage().getTotalUsage();
    return new MemoryTotals(OptionalLong.of(peak), 0, OptionalLong.empty(),
        Optional.ofNullable(cpu).map(Duration::ofNanos));
  }

  /**
   * Nothing: the engine's last reading is up to a second old, so splitting the run's CPU at an
   * event with it would move a second's work into the wrong phase.
   */
  @Override
  public Optional<java.time.Duration> cpuNow() {
    return Optional.empty();
  }

  @Override
  public String source() {
    return "docker-stats";
  }

  @Override
  public String definition() {
    return "the Docker engine's stats API (GET /containers/{id}/stats, about one reading per"
        + " second): current = memory_stats.usage; anon = total_rss (cgroup v1) or 0 where the"
        + " engine does not report it; file = total_cache; peak = memory_stats.max_usage where the"
        + " engine reports it, else the highest reading. Used where the container's cgroup files"
        + " are not visible to faremark (Docker Desktop, a remote engine). OOM kills come from the"
        + " engine's OOMKilled flag.";
  }

  @Override
  public void close() throws IOException {
    stream.close();
  }
}
