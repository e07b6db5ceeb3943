package faremark.workload;

import faremark.contract.WarmupPass;
import faremark.contract.WorkloadEvent;
import faremark.contract.WorkloadResult;
import faremark.contract.WorkloadSpec;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The workload contract for the Java models:
 * {@code java -cp workload-java.jar faremark.workload.WorkloadMain --spec <file.json>} (or
 * {@code --spec-json '<json>'}). Stdout gets exactly a {@code ready} line, then a {@code done}
 * line; everything else goes to stderr. Exit codes: 0 every request succeeded, 1 some failed,
 * 2 bad or missing spec (nothing was started), 3 the model itself broke (no {@code done}) or
 * the model registry cannot be read.
 */
public final class WorkloadMain {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILED_REQUESTS = 1;
  public static final int EXIT_BAD_SPEC = 2;
  public static final int EXIT_CRASHED = 3;

  private WorkloadMain() {}

  public static void main(String[] args) {
    // The contract's channel is the real stdout; anything else that prints (a library, a stray
    // println) lands on stderr and cannot corrupt the event stream.
    PrintStream events =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    System.exit(run(args, events));
  }

  static int run(String[] args, PrintStream events) {
    WorkloadSpec spec;
    try {
      spec = SpecReader.fromArgs(args);
    } catch (SpecException e) {
      System.err.println("faremark workload: bad spec: " + e.getMessage());
      return EXIT_BAD_SPEC;
    } catch (IllegalStateException e) {
      // The model registry itself is broken (a provider that does not load, a repeated id):
      // a build problem, not the spec's, and no model can be trusted to run.
      System.err.println("faremark workload: " + e.getMessage());
      return EXIT_CRASHED;
    }
    try {
      // The spec's warm-up passes, if any, run before the measured instance is even made.
      List<WarmupPass> passes = new ArrayList<>();
      try (WorkloadModel model = WarmupPasses.run(spec, JavaModels.create(spec), passes)) {
        model.prepare();
        WorkloadEvent.print(
            new WorkloadEvent.Ready(model.id(), ProcessHandle.current().pid(), RunDetails.runtime(), Instant.now()),
            events);
        WorkloadResult result = WarmupPasses.record(model.run(), passes);
        WorkloadEvent.print(new WorkloadEvent.Done(result, Instant.now()), events);
        return result.exitCode();
      }
    } catch (Exception | Error e) {
      System.err.println("faremark workload: model " + spec.model() + " failed: " + e);
      e.printStackTrace();
      return EXIT_CRASHED;
    }
  }
}
