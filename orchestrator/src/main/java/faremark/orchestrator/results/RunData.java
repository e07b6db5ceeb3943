package faremark.orchestrator.results;

import faremark.orchestrator.sampling.MemorySample;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * One run as read back from its folder: the record the runner wrote ({@code run.json}), its
 * memory samples ({@code samples.csv}), the times its {@code ready} and {@code done} lines
 * arrived ({@code events.jsonl}), in ms on the run's own clock (0 = process launch), and its
 * whole latency histogram ({@code latency.hlog}, µs), empty where the folder has none.
 */
public record RunData(
    RunRecord record, List<MemorySample> samples, Optional<Double> readyMs, Optional<Double> doneMs,
    Optional<Histogram> latency) {

  public RunData {
    samples = List.copyOf(samples);
  }

  /** A run without a latency histogram, as every folder before it was kept. */
  public RunData(RunRecord record, List<MemorySample> samples, Optional<Double> readyMs,
      Optional<Double> doneMs) {
    this(record, samples, readyMs, doneMs, Optional.empty());
  }
}
