package faremark.workload.process;

import faremark.contract.WorkloadResult;
import faremark.contract.WorkloadSpec;
import faremark.workload.RunDetails;
import faremark.workload.model.SequentialModel;
import faremark.workload.record.RunRecorder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A multi-process worker JVM: runs its slice of the days sequentially (the multiprocessing.Pool
 * analogue of one worker) and reports its tally; see {@link WorkerProtocol}. Started only by
 * the multi-process model, which names this class on the worker's command line.
 */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream protocol = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    System.setOut(System.err); // stdout carries the protocol only
    watchParent();
    BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String specLine = stdin.readLine();
    if (specLine == null) {
      System.exit(4); // parent went away before sending work
    }
    WorkloadSpec spec = WorkerProtocol.readSpec(specLine);
    List<WorkerProtocol.WarmupReport> warmup = warmUp(spec);
    try (SequentialModel model = new SequentialModel(spec)) {
      model.prepare();
      protocol.println(WorkerProtocol.write(
          new WorkerProtocol.Ready(ProcessHandle.current().pid(), warmup)));
      String go = stdin.readLine();
      if (!WorkerProtocol.GO.equals(go)) {
        System.exit(4); // parent closed our stdin or gave up: never send a request
      }
      model.run();
      RunRecorder tally = model.recorder();
      protocol.println(WorkerProtocol.write(new WorkerProtocol.Report(
          tally.ok(), tally.failed(), tally.aggregate(), WorkerProtocol.encode(tally.latencyCopy()),
          RunDetails.peakThreads(), tally.peakInFlight(), tally.retried())));
    }
    System.exit(0);
  }

  /**
   * The spec's warm-up passes over this worker's slice, each through a throw-away sequential
   * model closed before the measured one is made: in this JVM, the one whose requests are
   * measured, as {@code WorkloadMain} does for a model of one process.
   */
  private static List<WorkerProtocol.WarmupReport> warmUp(WorkloadSpec spec) throws Exception {
    List<WorkerProtocol.WarmupReport> passes = new ArrayList<>();
    for (int pass = 1; pass <= spec.warmup(); pass++) {
      try (SequentialModel model = new SequentialModel(spec)) {
        model.prepare();
        Duration cpuBefore = RunDetails.processCpu();
        WorkloadResult result = model.run();
        Duration cpu = RunDetails.processCpu().minus(cpuBefore);
        RunRecorder tally = model.recorder();
        passes.add(new WorkerProtocol.WarmupReport(result.requestPhase().toNanos() / 1_000,
            result.requested(), tally.ok(), tally.failed(), tally.retried(),
            WorkerProtocol.encode(tally.latencyCopy()), cpu.toNanos() / 1_000));
      }
    }
    return passes;
  }

  /** Dies with the parent, even when it was killed and its shutdown hook never ran. */
  private static void watchParent() {
    ProcessHandle.current().parent().ifPresent(parent ->
        parent.onExit().thenRun(() -> {
          System.err.println("faremark worker: parent " + parent.pid() + " exited, stopping");
          Runtime.getRuntime().halt(5);
        }));
  }
}
