package faremark.workload.process;

import faremark.contract.WarmupPass;
import faremark.contract.WorkloadResult;
import faremark.contract.WorkloadSpec;
import faremark.contract.model.ModelDeclaration;
import faremark.contract.model.Parallelism;
import faremark.workload.JavaModel;
import faremark.workload.RunDetails;
import faremark.workload.WorkloadModel;
import faremark.workload.http.Warmup;
import faremark.workload.record.RunRecorder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code multi-process}: K worker JVMs, each fetching a contiguous share of the days one after
 * another — Python's multiprocessing.Pool analogue, the case the article could not measure. K =
 * {@code spec.processes}, or by default min(concurrency, processors × 4, days); never more than
 * days. The parent sends no request itself; it starts the workers, waits for all to be ready
 * (so its own {@code ready} means "every runtime up, no request sent"), tells them to go and
 * merges their reports (counts, aggregates and latency histograms).
 *
 * <p>Start, end and request phase are the parent's: from telling the first worker to go to
 * reading the last report — the time a user of the pool would wait.
 *
 * <p>Workers die with the parent: each watches its parent process, and the parent destroys
 * them from a shutdown hook and on close.
 */
final class MultiProcessModel implements WorkloadModel {
  static final String ID = "multi-process";
  /** Cause counted for the days of a worker that died before reporting. */
  static final String WORKER_LOST = "worker-lost";

  private final WorkloadSpec spec;
  private final int processes;
  private final RunRecorder recorder = new RunRecorder();
  private final List<WorkerProcess> workers = new CopyOnWriteArrayList<>(); // read by the hook
  private final Thread killWorkers = new Thread(this::destroyAll, "kill-workers");
  /** Each worker's warm-up passes, as its ready message reported them. */
  private final List<List<WorkerProtocol.WarmupReport>> workerWarmups = new ArrayList<>();
  private boolean hookInstalled;

  MultiProcessModel(WorkloadSpec spec) {
    this.spec = spec;
    this.processes = processes(spec, Runtime.getRuntime().availableProcessors());
  }

  static int processes(WorkloadSpec spec, int processors) {
    int wanted = spec.processes() > 0 ? spec.processes() : Math.min(spec.concurrency(), processors * 4);
    return Math.max(1, Math.min(wanted, spec.days()));
  }

  /** Contiguous shares of the days, sizes differing by at most one. */
  static List<WorkloadSpec> slices(WorkloadSpec spec, int k) {
    List<WorkloadSpec> slices = new ArrayList<>();
    int base = spec.days() / k;
    int extra = spec.days() % k;
    int offset = 0;
    for (int i = 0; i < k; i++) {
      int count = base + (i < extra ? 1 : 0);
      slices.add(spec.slice(spec.startDate().plusDays(offset), count));
      offset += count;
    }
    return slices;
  }

  @Override
  public String id() {
    return ID;
  }

  int processes() {
    return processes;
  }

  /** The worker processes (for tests: they must all be gone after close). */
  List<ProcessHandle> workerHandles() {
    return workers.stream().map(WorkerProcess::handle).toList();
  }

  @Override
  public void prepare() throws IOException {
    Runtime.getRuntime().addShutdownHook(killWorkers);
    hookInstalled = true;
    Warmup.touchRequestPath(spec); // merging reports uses the same recorder and histogram classes
    List<String> command = JvmCommand.forMainClass(WorkerMain.class.getName());
    for (WorkloadSpec slice : slices(spec, processes)) {
      workers.add(WorkerProcess.start(command, slice)); // all start in parallel...
    }
    for (WorkerProcess worker : workers) {
      // ...and we wait for the slowest, whose warm-up passes (if any) are done by then
      workerWarmups.add(worker.awaitReady().warmup());
    }
  }

  @Override
  public WorkloadResult run() {
    recorder.start();
    List<WorkerProcess> running = new ArrayList<>();
    for (WorkerProcess worker : workers) {
      try {
        worker.go();
        running.add(worker);
      } catch (IOException e) {
        recorder.lost(WORKER_LOST, worker.slice().days(), e.getMessage());
      }
    }
    List<Integer> workerPeakThreads = new ArrayList<>();
    int peakInFlight = 0;
    for (WorkerProcess worker : running) {
      try {
        WorkerProtocol.Report report = worker.awaitReport();
        recorder.merge(report.ok(), report.failed(), report.retried(), report.aggregate(),
            WorkerProtocol.decode(report.latency()));
        workerPeakThreads.add(report.peakThreads());
        peakInFlight += report.peakInFlight();
      } catch (IOException | RuntimeException e) {
        recorder.lost(WORKER_LOST, worker.slice().days(), e.getMessage());
      }
    }
    var details = RunDetails.of(spec, recorder);
    details.put("processes", processes);
    details.put("workerPeakThreads", workerPeakThreads);
    details.put("peakInFlight", peakInFlight); // summed over workers: each runs one at a time
    if (spec.warmup() > 0) {
      details.put(WarmupPass.DETAILS_KEY, warmupPasses());
    }
    return recorder.result(ID, spec.days(), details);
  }

  /**
   * The spec's warm-up passes happen in the workers (each on its slice, before it reports
   * ready): a throw-away instance of this model would start and warm JVMs the measured run
   * never uses.
   */
  @Override
  public boolean warmsUpItself() {
    return true;
  }

  /** Pass i of every worker, merged into pass i of the whole job. */
  private List<WarmupPass> warmupPasses() {
    List<WarmupPass> passes = new ArrayList<>();
    for (int i = 0; i < spec.warmup(); i++) {
      int pass = i;
      List<WorkerProtocol.WarmupReport> reports = workerWarmups.stream()
          .filter(w -> w.size() > pass).map(w -> w.get(pass)).toList();
      if (!reports.isEmpty()) {
        passes.add(WorkerProtocol.mergePass(reports));
      }
    }
    return passes;
  }

  @Override
  public void close() {
    for (WorkerProcess worker : workers) {
      worker.close();
    }
    if (hookInstalled) {
      try {
        Runtime.getRuntime().removeShutdownHook(killWorkers);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or about to: it does the same
      }
      hookInstalled = false;
    }
  }

  private void destroyAll() {
    for (WorkerProcess worker : List.copyOf(workers)) {
      worker.handle().destroyForcibly();
    }
  }

  /** Registers {@value #ID} (one line in META-INF/services/faremark.workload.JavaModel). */
  public static final class Provider extends JavaModel.Of {
    public Provider() {
      super(ModelDeclaration.java(ID,
          "K worker JVMs sharing the days, each sequential", "#b07aa1",
          Parallelism.PROCESSES),
          MultiProcessModel::new);
    }
  }
}
