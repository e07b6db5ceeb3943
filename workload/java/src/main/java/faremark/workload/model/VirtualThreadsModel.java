package faremark.workload.model;

import faremark.contract.FailureCause;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * {@code virtual-threads}: one virtual thread per request, all started at once, a semaphore
 * letting at most {@code concurrency} of them into the request — the idiomatic Loom way to
 * bound concurrency (limit the resource, not the threads). A blocked virtual thread parks and
 * frees its carrier, so the platform thread count stays near the carrier pool size.
 */
final class VirtualThreadsModel implements WorkloadModel {
  static final String ID = "virtual-threads";

  private final WorkloadSpec spec;
  private final RunRecorder recorder = new RunRecorder();
  private final RequestExecutor requests;
  private final Semaphore slots;

  VirtualThreadsModel(WorkloadSpec spec) {
    this.spec = spec;
    this.requests = new RequestExecutor(spec, recorder);
    this.slots = new Semaphore(spec.concurrency());
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void prepare() throws InterruptedException {
    requests.warmUp();
    // Start (and finish) one virtual thread so the scheduler and its carrier pool exist
    // before ready: that is the runtime, not the cost of concurrency.
    Thread.ofVirtual().name("warm-up").start(() -> {}).join();
  }

  @Override
  public WorkloadResult run() {
    try (ExecutorService perRequest =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fetch-", 1).factory())) {
      for (LocalDate date : spec.dates()) {
        perRequest.submit(() -> fetchWithSlot(date));
      }
    } // close() waits for every task
    return recorder.result(ID, spec.days(), RunDetails.of(spec, recorder));
  }

  private void fetchWithSlot(LocalDate date) {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      recorder.lost(FailureCause.INTERRUPTED, 1, "interrupted waiting for a slot: " + date);
      return;
    }
    try {
      requests.fetch(date);
    } finally {
      slots.release();
    }
  }

  @Override
  public void close() {
    requests.close();
  }

  /** Registers {@value #ID} (one line in META-INF/services/faremark.workload.JavaModel). */
  public static final class Provider extends JavaModel.Of {
    public Provider() {
      super(ModelDeclaration.java(ID,
          "one virtual thread per request, at most concurrency at once", "#59a14f",
          Parallelism.CLIENT_POOL),
          VirtualThreadsModel::new);
    }
  }
}
