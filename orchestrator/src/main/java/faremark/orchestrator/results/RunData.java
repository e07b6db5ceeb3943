package faremark.orchestrator.results;

import faremark.orchestrator.sampling.MemorySample;
import java.util.List;
import java.util.Optional;

/**
 * One run as read back from its folder: the record the runner wrote ({@code run.json}), its
 * memory samples ({@code samples.csv}) and the times its {@code ready} and {@code done} lines
 * arrived ({@code events.jsonl}), in ms on the run's own clock (0 = process launch).
 */
public record RunData(
    RunRecord record, List<MemorySample> samples, Optional<Double> readyMs, Optional<Double> doneMs) {

  public RunData {
    samples = List.copyOf(samples);
  }
}
