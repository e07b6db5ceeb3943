package faremark.orchestrator.backend.docker;

import faremark.orchestrator.sampling.MemorySample;
import faremark.orchestrator.sampling.MemoryTotals;
import faremark.orchestrator.sampling.SamplerStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A run's memory as the probe container streamed it, on the run's clock: what a run records as
 * {@code memory.source: probe}.
 *
 * <p>The probe stamps its samples on its own monotonic clock from an origin it gives on its wall
 * clock; the run's clock starts at the run container's start call, whose wall-clock time this
 * side took. The two wall clocks are the same clock where the engine runs on this machine's
 * kernel (the probe's {@code Instant.now()} and ours read the same CLOCK_REALTIME), so the shift
 * is exact to the microsecond there; on another host it is off by the two clocks' difference.
 *
 * @param samples on the run's clock
 * @param stats the probe's own sampler figures, or counted here from the samples when the
 *     stream was cut before them
 */
public record ProbeFigures(List<MemorySample> samples, SamplerStats stats,
    Optional<MemoryTotals> totals, String definition) {

  public static final String SOURCE = "probe";

  /**
   * @param launchedAt the wall-clock time of the run clock's zero
   * @param image the probe's image reference, for the definition
   */
  public static ProbeFigures of(ProbeStreamReader.Result r, Instant launchedAt, Duration interval,
      String image) {
    long shift = r.originEpochNanos().isPresent()
        ? r.originEpochNanos().getAsLong() - ProbeLines.epochNanos(launchedAt) : 0;
    List<MemorySample> samples = new ArrayList<>(r.samples().size());
    for (MemorySample s : r.samples()) {
      samples.add(new MemorySample(s.at().plusNanos(shift), s.currentBytes(), s.anonBytes(), s.fileBytes()));
    }
    String cut = r.complete() ? "" : cutOff(r);
    SamplerStats stats = r.stats().map(st -> r.complete() ? st : withFailure(st, cut))
        .orElseGet(() -> counted(samples, interval, cut));
    return new ProbeFigures(List.copyOf(samples), stats, r.totals(), definition(r, image, cut));
  }

  private static String cutOff(ProbeStreamReader.Result r) {
    return "the probe's stream ended before its end line (" + r.samples().size() + " samples, "
        + (r.totals().isPresent() ? "totals" : "no totals") + ", " + r.malformed().size()
        + " unreadable line(s) such as a cut-off last one): the series stops there";
  }

  private static SamplerStats withFailure(SamplerStats st, String cut) {
    return new SamplerStats(st.samples(), st.missedTicks(), st.failures(), st.interval(),
        st.meanInterval(), st.meanSampleCost(), Optional.of(cut));
  }

  /** Stats from the samples alone: missed ticks and the cost of a read are unknown (0). */
  private static SamplerStats counted(List<MemorySample> samples, Duration interval, String cut) {
    Optional<Duration> mean = samples.size() < 2 ? Optional.empty() : Optional.of(
        samples.getLast().at().minus(samples.getFirst().at()).dividedBy(samples.size() - 1));
    return new SamplerStats(samples.size(), 0, 0, interval, mean, Duration.ZERO,
        Optional.of(cut.isEmpty() ? "the probe sent no stats line" : cut));
  }

  private static String definition(ProbeStreamReader.Result r, String image, String cut) {
    StringBuilder d = new StringBuilder("a probe container (" + image + ") beside the run's"
        + " container on the same engine, reading the host's cgroup tree mounted read-only"
        + r.dir().map(dir -> " (" + dir + ", " + r.source().orElse("?") + ")").orElse("")
        + " with the local backend's sampling code, its own memory charged to its own cgroup: ");
    d.append(r.definition().orElse("(the probe sent no definition)"));
    d.append(" Times are the probe's, aligned on the wall clock (the same clock where the engine"
        + " runs on this machine; off by the clocks' difference on another host). CPU time is not"
        + " split at ready and done (read only at the end).");
    if (!cut.isEmpty()) {
      d.append(" Incomplete: ").append(cut).append('.');
    }
    return d.toString();
  }
}
