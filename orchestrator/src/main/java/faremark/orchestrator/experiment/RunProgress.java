package faremark.orchestrator.experiment;

import faremark.orchestrator.results.RunRecord;
import faremark.orchestrator.scenario.Scenario;
import java.io.PrintStream;
import java.util.List;

/**
 * What the console shows while an experiment runs. On a terminal: a progress bar (runs done of
 * total, current model and repetition, elapsed and estimated remaining time) above which each
 * finished run's line appears. Anywhere else (a pipe, a file, CI logs): the plain per-run lines,
 * nothing redrawn.
 */
interface RunProgress extends AutoCloseable {

  void started(PlannedRun run);

  /** @param line the run's one-line result, as {@link RunLine} writes it */
  void ended(PlannedRun run, RunRecord record, String line);

  @Override
  void close();

  static RunProgress of(PrintStream out, List<PlannedRun> plan, Scenario scenario) {
    if (out == System.out && Terminal.interactive()) {
      return new TerminalProgress(out, new Eta(plan, scenario));
    }
    return new PlainProgress(out, plan.size());
  }

  /** The lines faremark always printed: {@code [3/10] async #1 ... ok  request phase ...}. */
  final class PlainProgress implements RunProgress {
    private final PrintStream out;
    private final int total;

    PlainProgress(PrintStream out, int total) {
      this.out = out;
      this.total = total;
    }

    @Override
    public void started(PlannedRun run) {
      out.print(prefix(run, total));
      out.flush();
    }

    @Override
    public void ended(PlannedRun run, RunRecord record, String line) {
      out.println(line);
    }

    @Override
    public void close() {}
  }

  static String prefix(PlannedRun run, int total) {
    return "[" + run.index() + "/" + total + "] " + run.model()
        + (run.cell() == null ? "" : " at " + run.cell().label())
        + (run.reference() ? " warm #" : " #") + run.repetition() + " ... ";
  }
}
