package faremark.orchestrator.model;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code batches}: the days in batches of {@code concurrency}, each batch on virtual threads, the
 * next one started only when the whole batch has answered — the chunked gather many scripts do,
 * where one slow answer holds back its whole batch.
 *
 * <p>Declared in test sources only, with one line in this module's test
 * {@code META-INF/services/faremark.workload.JavaModel}: the proof that a Java model is its class
 * plus that line (docs/extending.md, "Add a model"). Nothing else in the project names it.
 */
final class BatchesModel implements WorkloadModel {
  static final String ID = "batches";

  private final WorkloadSpec spec;
  private final RunRecorder recorder = new RunRecorder();
  private final RequestExecutor requests;

  BatchesModel(WorkloadSpec spec) {
    this.spec = spec;
    this.requests = new RequestExecutor(spec, recorder);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void prepare() throws InterruptedException {
    requests.warmUp();
    // The virtual-thread scheduler is part of the runtime, not of the batches' cost.
    Thread.ofVirtual().start(() -> {}).join();
  }

  @Override
  public WorkloadResult run() throws InterruptedException {
    List<LocalDate> dates = spec.dates();
    int batches = 0;
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int from = 0; from < dates.size(); from += spec.concurrency()) {
        List<Callable<Void>> batch = new ArrayList<>();
        for (LocalDate date : dates.subList(from, Math.min(dates.size(), from + spec.concurrency()))) {
          batch.add(() -> {
            requests.fetch(date); // records its own outcome, failures included
            return null;
          });
        }
        threads.invokeAll(batch); // the whole batch, before the next one starts
        batches++;
      }
    }
    var details = RunDetails.of(spec, recorder);
    details.put("batches", batches);
    return recorder.result(ID, spec.days(), details);
  }

  @Override
  public void close() {
    requests.close();
  }

  /** Registers {@value #ID}: the services line in src/test/resources names this class. */
  public static final class Provider extends JavaModel.Of {
    public Provider() {
      super(ModelDeclaration.java(ID,
          "batches of concurrency requests on virtual threads, each batch waiting for its slowest",
          Parallelism.CLIENT_POOL),
          BatchesModel::new);
    }
  }
}
