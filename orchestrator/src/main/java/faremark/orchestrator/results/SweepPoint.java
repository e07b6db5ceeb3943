package faremark.orchestrator.results;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a run sits in a sweep: the scenario parameter the sweep varies (its path as written in the
 * scenario, e.g. {@code client.concurrency}), the value of this point, and the point's position in
 * the sweep's list (0-based, in the order the scenario gives them).
 *
 * @param heap the Java heap the run was pinned to ({@code sweep.javaHeap}, e.g. {@code 512MiB});
 *     null for the JVM's own ergonomics and for every non-Java model, and then absent from {@code
 *     run.json}. Runs of one model with different heaps are different series: a fit never mixes
 *     them.
 */
public record SweepPoint(
    String parameter, double value, int point,
    @JsonInclude(JsonInclude.Include.NON_NULL) String heap) {

  /** A point of a run with the JVM's own heap, or of a non-Java model. */
  public SweepPoint(String parameter, double value, int point) {
    this(parameter, value, point, null);
  }

  /**
   * The series a run belongs to: its model, and its pinned heap where it had one ({@code
   * virtual-threads heap 512MiB}).
   */
  public static String series(String model, SweepPoint point) {
    return point == null || point.heap() == null ? model : model + " heap " + point.heap();
  }
}
