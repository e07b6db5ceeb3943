package faremark.workload;

import faremark.contract.WorkloadResult;
import faremark.contract.WorkloadSpec;
import java.time.LocalDate;

/** {@code sequential}: one request after another on the main thread — the article's baseline. */
final class SequentialModel implements WorkloadModel {
  static final String ID = "sequential";

  private final WorkloadSpec spec;
  private final RunRecorder recorder = new RunRecorder();
  private final RequestExecutor requests;

  SequentialModel(WorkloadSpec spec) {
    this.spec = spec;
    this.requests = new RequestExecutor(spec, recorder);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void prepare() {
    requests.warmUp();
  }

  @Override
  public WorkloadResult run() {
    for (LocalDate date : spec.dates()) {
      requests.fetch(date);
    }
    return recorder.result(ID, spec.days(), RunDetails.of(spec, recorder));
  }

  /** For a multi-process worker, which reports its tally rather than a result. */
  RunRecorder recorder() {
    return recorder;
  }

  @Override
  public void close() {
    requests.close();
  }
}
