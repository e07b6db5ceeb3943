package faremark.orchestrator.backend.docker;

import faremark.orchestrator.sampling.MemorySample;
import faremark.orchestrator.sampling.MemoryTotals;
import faremark.orchestrator.sampling.SamplerStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the probe container's output ({@link ProbeLines}) line by line as it arrives, on the
 * attach stream's thread, while the orchestrator waits on it from another. A stream that stops
 * early (the probe was killed, the attach connection dropped) keeps every line read so far and
 * says it was cut off: {@link Result#complete()} is false and a half-written last line is counted
 * as malformed, never read as a smaller number.
 */
public final class ProbeStreamReader {
  /** Where the probe is, as far as its output tells. */
  public enum Stage { STARTING, WAITING, SAMPLING, FAILED, ENDED }

  private final List<MemorySample> samples = new ArrayList<>();
  private final List<String> malformed = new ArrayList<>();
  private Stage stage = Stage.STARTING;
  private long originEpochNanos = -1;
  private String containerId;
  private String source;
  private String dir;
  private String definition;
  private MemoryTotals totals;
  private SamplerStats stats;
  private String error;
  private String endedBecause;
  private boolean streamClosed;

  /**
   * Everything the probe said.
   *
   * @param originEpochNanos the probe's wall clock at its time 0; empty without the first line
   * @param samples stamped on the probe's clock (since its origin)
   * @param complete the stream reached its {@code end} line
   * @param malformed lines that were not the format (a cut-off last line among them)
   */
  public record Result(OptionalLong originEpochNanos, Optional<String> containerId,
      Optional<String> source, Optional<String> dir, Optional<String> definition,
      List<MemorySample> samples, Optional<MemoryTotals> totals, Optional<SamplerStats> stats,
      Optional<String> error, Optional<String> endedBecause, boolean complete, List<String> malformed) {}

  /** One stdout line of the probe, without its newline. */
  public synchronized void accept(String line) {
    try {
      read(line);
    } catch (RuntimeException e) {
      malformed.add(line);
    }
    notifyAll();
  }

  private void read(String line) {
    String[] f = line.split(" ");
    switch (f[0]) {
      case ProbeLines.HELLO -> {
        need(f, 5);
        if (Integer.parseInt(f[1]) != ProbeLines.VERSION) {
          throw new IllegalArgumentException("version " + f[1]);
        }
        originEpochNanos = Long.parseLong(f[2]);
        containerId = f[4];
      }
      case "waiting" -> stage = Stage.WAITING;
      case "cgroup" -> {
        need(f, 3);
        source = f[1];
        dir = line.substring("cgroup ".length() + f[1].length() + 1);
        stage = Stage.SAMPLING;
      }
      case "def" -> definition = rest(line, "def");
      case "s" -> {
        need(f, 5);
        if (f.length != 5) {
          throw new IllegalArgumentException("fields");
        }
        samples.add(new MemorySample(Duration.ofNanos(Long.parseLong(f[1])),
            Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])));
      }
      case "totals" -> {
        need(f, 5);
        totals = new MemoryTotals(ProbeLines.optLong(f[1]), Long.parseLong(f[2]),
            ProbeLines.optLong(f[3]), ProbeLines.optNanos(f[4]));
      }
      case "stats" -> {
        need(f, 7);
        int prefix = 6;
        String last = null;
        if (f.length > 7) {
          int at = 0;
          for (int i = 0; i <= prefix; i++) {
            at = line.indexOf(' ', at) + 1;
          }
          last = line.substring(at);
        }
        stats = new SamplerStats(Integer.parseInt(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
            Duration.ofNanos(Long.parseLong(f[4])), ProbeLines.optNanos(f[5]),
            Duration.ofNanos(Long.parseLong(f[6])), Optional.ofNullable(last));
      }
      case "end" -> {
        endedBecause = rest(line, "end");
        stage = Stage.ENDED;
      }
      case "error" -> {
        error = rest(line, "error");
        stage = Stage.FAILED;
      }
      default -> throw new IllegalArgumentException("unknown line");
    }
  }

  /** The stream ended (the probe exited, or the connection was cut). */
  public synchronized void closed() {
    streamClosed = true;
    notifyAll();
  }

  /**
   * Waits until the probe is past {@code stage} (or failed, ended, or its stream closed) and
   * returns where it is then.
   */
  public synchronized Stage awaitPast(Stage stage, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (this.stage.ordinal() <= stage.ordinal() && !streamClosed) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return this.stage;
  }

  /** Waits until the stream closes; false when {@code timeout} passed first. */
  public synchronized boolean awaitClosed(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!streamClosed) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  public synchronized Stage stage() {
    return stage;
  }

  public synchronized Result result() {
    return new Result(originEpochNanos < 0 ? OptionalLong.empty() : OptionalLong.of(originEpochNanos),
        Optional.ofNullable(containerId), Optional.ofNullable(source), Optional.ofNullable(dir),
        Optional.ofNullable(definition), List.copyOf(samples), Optional.ofNullable(totals),
        Optional.ofNullable(stats), Optional.ofNullable(error), Optional.ofNullable(endedBecause),
        endedBecause != null, List.copyOf(malformed));
  }

  private static void need(String[] fields, int n) {
    if (fields.length < n) {
      throw new IllegalArgumentException("short line");
    }
  }

  private static String rest(String line, String tag) {
    return line.length() <= tag.length() + 1 ? "" : line.substring(tag.length() + 1);
  }
}
