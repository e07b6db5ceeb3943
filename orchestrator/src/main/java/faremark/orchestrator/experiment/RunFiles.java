package faremark.orchestrator.experiment;

import faremark.contract.Json;
import faremark.orchestrator.backend.EventLog;
import faremark.orchestrator.backend.RunObservation;
import faremark.orchestrator.output.AtomicFiles;
import faremark.orchestrator.results.LatencyLog;
import faremark.orchestrator.results.ResultsFolder;
import faremark.orchestrator.results.ResultsLayout;
import faremark.orchestrator.results.RunRecord;
import faremark.orchestrator.sampling.SamplerStats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * The raw files of one finished run (measured or pre-flight), each written whole: samples,
 * events, the sampler's account, the latency histogram when the workload sent one, then {@code
 * run.json} last, so that a folder with a {@code run.json} has everything and a folder without
 * one is a run cut off before it was recorded.
 */
final class RunFiles {
  private RunFiles() {}

  static void write(ResultsFolder folder, Path runDir, RunObservation seen, RunRecord record)
      throws IOException {
    ResultsFolder.writeSamples(runDir.resolve(ResultsLayout.SAMPLES), seen.samples());
    writeEvents(runDir.resolve(ResultsLayout.EVENTS), seen.events());
    folder.writeJson(runDir.resolve(ResultsLayout.SAMPLER), samplerRecord(seen.samplerStats()));
    Optional<Histogram> latency = RunLatency.of(seen).histogram();
    if (latency.isPresent() && record.result() != null) {
      LatencyLog.write(runDir.resolve(ResultsLayout.LATENCY), record.runId(), latency.get(),
          record.result().startedAt(), record.result().requestPhase());
    }
    folder.writeJson(runDir.resolve(ResultsLayout.RUN_RECORD), record);
  }

  /** How dense the series really is: a reader can tell a busy machine's gaps from a quiet run. */
  private static Map<String, Object> samplerRecord(SamplerStats stats) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("samples", stats.samples());
    record.put("missedTicks", stats.missedTicks());
    record.put("failedReads", stats.failures());
    record.put("intervalMs", stats.interval().toNanos() / 1e6);
    record.put("meanIntervalMs", stats.meanInterval().map(d -> d.toNanos() / 1e6).orElse(null));
    record.put("meanReadCostMs", stats.meanSampleCost().toNanos() / 1e6);
    record.put("lastFailure", stats.lastFailure().orElse(null));
    return record;
  }

  private static void writeEvents(Path file, EventLog events) throws IOException {
    StringBuilder text = new StringBuilder();
    for (EventLog.Line line : events.lines()) {
      text.append(Json.mapper().writeValueAsString(Map.of("tMs", line.tMs(), "line", line.text())))
          .append('\n');
    }
    AtomicFiles.writeString(file, text);
  }
}
