package faremark.orchestrator.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One model × repetition, in experiment order.
 *
 * @param index 1-based position in the experiment
 * @param repetition 1-based repetition of this model
 */
public record PlannedRun(int index, String model, int repetition) {

  /** Folder name under {@code runs/}: sorts in run order. */
  public String runId() {
    return String.format(Locale.ROOT, "%03d-%s-r%d", index, model, repetition);
  }

  /**
   * Interleaved: repetition 1 of every model, then repetition 2, ... so a slow drift of the
   * machine (thermal, noisy neighbours) spreads over all models instead of biasing the last one.
   */
  public static List<PlannedRun> interleave(List<String> models, int repetitions) {
    List<PlannedRun> plan = new ArrayList<>();
    for (int rep = 1; rep <= repetitions; rep++) {
      for (String model : models) {
        plan.add(new PlannedRun(plan.size() + 1, model, rep));
      }
    }
    return List.copyOf(plan);
  }
}
