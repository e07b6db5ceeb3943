package faremark.orchestrator.experiment;

import faremark.orchestrator.scenario.Sweep;

/**
 * Where one run sits in a sweep.
 *
 * @param point the point's position in the sweep's list (0-based, scenario order)
 * @param value the swept parameter's value at that point
 * @param label the point (and heap variant) as it appears in the run id: {@code c1000}, {@code
 *     c1000-heap512mib}
 * @param heap the Java heap variant ({@link Sweep#DEFAULT_HEAP} for every non-Java model)
 */
public record SweepCell(int point, int value, String label, String heap) {

  static SweepCell of(Sweep sweep, int point, String heap) {
    int value = sweep.value(point);
    String heapLabel = Sweep.heapLabel(heap);
    return new SweepCell(point, value,
        sweep.parameter().label(value) + (heapLabel.isEmpty() ? "" : "-" + heapLabel), heap);
  }
}
