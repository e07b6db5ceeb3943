package faremark.workload.model;

import faremark.contract.WorkloadResult;
import faremark.contract.WorkloadSpec;
import faremark.contract.model.ModelDeclaration;
import faremark.contract.model.Parallelism;
import faremark.workload.JavaModel;
import faremark.workload.RunDetails;
import faremark.workload.WorkloadModel;
import faremark.workload.http.RequestExecutor;
import faremark.workload.record.RunRecorder;
import java.time.LocalDate;

/** {@code sequential}: one request after another on the main thread — the article's baseline. */
public final class SequentialModel implements WorkloadModel {
  static final String ID = "sequential";

  private final WorkloadSpec spec;
  private final RunRecorder recorder = new RunRecorder();
  private final RequestExecutor requests;

  public SequentialModel(WorkloadSpec spec) {
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
  public RunRecorder recorder() {
    return recorder;
  }

  @Override
  public void close() {
    requests.close();
  }

  /** Registers {@value #ID} (one line in META-INF/services/faremark.workload.JavaModel). */
  public static final class Provider extends JavaModel.Of {
    public Provider() {
      super(ModelDeclaration.java(ID,
          "one request after another on the main thread", "#4e79a7",
          Parallelism.ONE),
          SequentialModel::new);
    }
  }
}
