package faremark.orchestrator.experiment;

/** Runs one experiment end to end. (Being written; placeholder so the CLI compiles.) */
public final class ExperimentRunner {
  private ExperimentRunner() {}

  /** Returns the process exit code: 0 all runs ok, 1 some failed, 2 bad input, 130 interrupted. */
  public static int run(RunRequest request) {
    throw new UnsupportedOperationException("not yet");
  }
}
