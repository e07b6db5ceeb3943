package faremark.orchestrator.results;

import faremark.orchestrator.sampling.MemorySample;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.ToLongFunction;

/** Derives {@link MemoryFigures} from raw samples aligned with the workload's events. */
public final class MemoryFiguresCalculator {
  private MemoryFiguresCalculator() {}

  /**
   * @param samples in time order, on the same clock as {@code readyAt} and {@code doneAt}
   * @param readyAt when the {@code ready} line arrived, if it did
   * @param doneAt when the {@code done} line arrived, if it did
   * @param kernelPeak the kernel's high-water mark for the run, where the source has one
   */
  public static MemoryFigures compute(
      String source,
      String definition,
      List<MemorySample> samples,
      Optional<Duration> readyAt,
      Optional<Duration> doneAt,
      OptionalLong kernelPeak,
      Optional<Duration> cpuTime,
      long oomKills) {
    Long sampledPeak = max(samples, MemorySample::currentBytes, null, null);
    Long anonPeak = max(samples, MemorySample::anonBytes, null, null);
    Optional<MemorySample> atReady = readyAt.flatMap(t -> sampleAt(samples, t));
    Long baseline = atReady.map(MemorySample::currentBytes).orElse(null);
    Long anonBaseline = atReady.map(MemorySample::anonBytes).orElse(null);
    Long phasePeak =
        readyAt.isPresent() && doneAt.isPresent()
            ? max(samples, MemorySample::currentBytes, readyAt.get(), doneAt.get())
            : null;
    Long peak;
    String peakSource;
    if (kernelPeak.isPresent()) {
      // The kernel's counter and our samples are read at different instants: never report a
      // peak below something we saw ourselves.
      peak = Math.max(kernelPeak.getAsLong(), sampledPeak == null ? 0 : sampledPeak);
      peakSource = "kernel";
    } else {
      peak = sampledPeak;
      peakSource = "sampled";
    }
    Long aboveBaseline = peak != null && baseline != null ? peak - baseline : null;
    Double meanInterval =
        samples.size() < 2
            ? null
            : (samples.get(samples.size() - 1).at().toNanos() - samples.get(0).at().toNanos())
                / 1e6 / (samples.size() - 1);
    return new MemoryFigures(
        source, definition, samples.size(), meanInterval, baseline, peak, peakSource,
        sampledPeak, phasePeak, aboveBaseline, anonBaseline, anonPeak,
        cpuTime.map(Duration::toMillis).orElse(null), oomKills);
  }

  /**
   * The last sample taken at or before {@code t}: the memory the runtime held when it said
   * ready. If the runtime was ready before the first sample, the first sample stands in.
   */
  static Optional<MemorySample> sampleAt(List<MemorySample> samples, Duration t) {
    MemorySample last = null;
    for (MemorySample s : samples) {
      if (s.at().compareTo(t) > 0) {
        break;
      }
      last = s;
    }
    if (last == null && !samples.isEmpty()) {
      last = samples.get(0);
    }
    return Optional.ofNullable(last);
  }

  private static Long max(
      List<MemorySample> samples, ToLongFunction<MemorySample> f, Duration from, Duration to) {
    Long best = null;
    for (MemorySample s : samples) {
      if (from != null && (s.at().compareTo(from) < 0 || s.at().compareTo(to) > 0)) {
        continue;
      }
      long v = f.applyAsLong(s);
      if (best == null || v > best) {
        best = v;
      }
    }
    return best;
  }
}
