package faremark.orchestrator.cli;

/** The process exit codes of every faremark command, documented in {@code --help}. */
public final class ExitCodes {
  private ExitCodes() {}

  /** Everything asked for was done; every run verified. */
  public static final int OK = 0;
  /** The experiment ran but some runs failed (or an internal error stopped it). */
  public static final int RUNS_FAILED = 1;
  /** Bad input: options, scenario file, unknown models. Nothing was started. */
  public static final int BAD_INPUT = 2;
  /** Interrupted (Ctrl-C): 128 + SIGINT, as shells report it. */
  public static final int INTERRUPTED = 130;
  /** Stopped by SIGTERM (a service manager, CI): 128 + SIGTERM; stopped as on Ctrl-C. */
  public static final int TERMINATED = 143;

  static final String HELP =
      "%nExit codes:%n  0    ok%n  1    some runs failed%n  2    bad input (options or scenario);"
          + " nothing was started%n  130  interrupted (Ctrl-C)%n  143  stopped by SIGTERM%n";
}
