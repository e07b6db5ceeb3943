package faremark.orchestrator.results.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import faremark.contract.Json;

/** {@code sweep.json}: {@link SweepAnalysis} as JSON, pretty-printed, ending in a newline. */
public final class SweepJson {
  private SweepJson() {}

  public static String write(SweepAnalysis sweep) {
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(sweep) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("sweep analysis does not serialize", e);
    }
  }
}
