package faremark.workload.model;

import faremark.contract.WorkloadResult;
import faremark.contract.WorkloadSpec;
import faremark.contract.model.ModelDeclaration;
import faremark.contract.model.Parallelism;
import faremark.workload.JavaModel;
import faremark.workload.RunDetails;
import faremark.workload.WorkloadModel;
import faremark.workload.http.DaemonThreads;
import faremark.workload.http.RequestExecutor;
import faremark.workload.record.RunRecorder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code thread-pool}: a fixed pool of platform threads, one blocking request per thread at a
 * time — the article's ThreadPoolExecutor. Size = concurrency, or days if fewer (more threads
 * than requests would only cost memory). The pool's threads start lazily on the first tasks, so
 * their stacks are part of the concurrency cost, not of the {@code ready} baseline.
 */
final class ThreadPoolModel implements WorkloadModel {
  static final String ID = "thread-pool";

  private final WorkloadSpec spec;
  private final RunRecorder recorder = new RunRecorder();
  private final RequestExecutor requests;
  private final int threads;
  private ExecutorService pool;

  ThreadPoolModel(WorkloadSpec spec) {
    this.spec = spec;
    this.requests = new RequestExecutor(spec, recorder);
    this.threads = Math.min(spec.concurrency(), spec.days());
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void prepare() {
    requests.warmUp();
    pool = Executors.newFixedThreadPool(threads, DaemonThreads.named("fetch-"));
  }

  @Override
  public WorkloadResult run() throws InterruptedException {
    List<Callable<Void>> tasks = new ArrayList<>();
    for (LocalDate date : spec.dates()) {
      tasks.add(() -> {
        requests.fetch(date);
        return null;
      });
    }
    pool.invokeAll(tasks); // fetch() records its own failures; the futures carry nothing
    var details = RunDetails.of(spec, recorder);
    details.put("threads", threads);
    return recorder.result(ID, spec.days(), details);
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
      try {
        pool.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    requests.close();
  }

  /** Registers {@value #ID} (one line in META-INF/services/faremark.workload.JavaModel). */
  public static final class Provider extends JavaModel.Of {
    public Provider() {
      super(ModelDeclaration.java(ID,
          "a fixed pool of platform threads, size = concurrency", "#e15759",
          Parallelism.CLIENT_POOL),
          ThreadPoolModel::new);
    }
  }
}
