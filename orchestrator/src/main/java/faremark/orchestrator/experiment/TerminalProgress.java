package faremark.orchestrator.experiment;

import faremark.orchestrator.results.RunRecord;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A progress bar on the terminal's last line, redrawn every second while a run goes on; finished
 * runs' lines are printed above it. The ticker is a daemon thread stopped by {@link #close()}.
 */
final class TerminalProgress implements RunProgress {
  static final int BAR_WIDTH = 24;
  private static final String CLEAR_LINE = "\r\033[K";
  private final PrintStream out;
  private final Eta eta;
  private final long startedAt = System.nanoTime();
  private final ScheduledExecutorService ticker;
  private PlannedRun current;
  private long runStartedAt;
  private int done;

  TerminalProgress(PrintStream out, Eta eta) {
    this.out = out;
    this.eta = eta;
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "faremark-progress");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
  }

  @Override
  public synchronized void started(PlannedRun run) {
    current = run;
    runStartedAt = System.nanoTime();
    redraw();
  }

  @Override
  public synchronized void ended(PlannedRun run, RunRecord record, String line) {
    done++;
    eta.finished(run,
        record.processWallMs() == null ? Duration.ofNanos(System.nanoTime() - runStartedAt)
            : Duration.ofNanos(Math.round(record.processWallMs() * 1e6)),
        record.requestPhaseMs() == null ? null : Duration.ofNanos(Math.round(record.requestPhaseMs() * 1e6)));
    out.print(CLEAR_LINE + RunProgress.prefix(run, eta.total()) + line + "\n");
    current = null;
    redraw();
  }

  @Override
  public synchronized void close() {
    ticker.shutdownNow();
    out.print(CLEAR_LINE);
    out.flush();
  }

  private synchronized void redraw() {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startedAt);
    String now = current == null ? ""
        : current.model() + (current.reference() ? " warm #" : " #") + current.repetition();
    Duration left = current == null ? null
        : eta.remaining(current, Duration.ofNanos(System.nanoTime() - runStartedAt));
    out.print(CLEAR_LINE + line(done, eta.total(), now, elapsed, left));
    out.flush();
  }

  /** {@code [=========>          ] 3/10 runs  async #2  0:42 elapsed  ~1:10 left} */
  static String line(int done, int total, String now, Duration elapsed, Duration left) {
    int filled = total == 0 ? BAR_WIDTH : done * BAR_WIDTH / total;
    StringBuilder bar = new StringBuilder("[");
    for (int i = 0; i < BAR_WIDTH; i++) {
      bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
    }
    bar.append("] ").append(done).append('/').append(total).append(" runs");
    if (!now.isEmpty()) {
      bar.append("  ").append(now);
    }
    bar.append("  ").append(clock(elapsed)).append(" elapsed");
    if (left != null) {
      bar.append("  ~").append(clock(left)).append(" left");
    }
    return bar.toString();
  }

  static String clock(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
