package faremark.orchestrator.scenario;

import faremark.contract.DurationText;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The scenario parameters a {@code sweep} can vary, one entry each: its path as written in the
 * scenario, how a value is checked, and how it is applied to a {@link Scenario}. Adding a
 * parameter is one constant here. The client's knobs travel in each run's spec; a {@link
 * #stageWide()} one changes what every run talks to, and the runner sets it on the stage before
 * each run ({@code network.rtt}: the proxy's toxics, replaced and read back through the Toxiproxy
 * API). {@code server.payload} is not here: the fare server's pages are built for one size at its
 * start, so a point would need its own fare server.
 */
public enum SweepParameter {
  /**
   * Requests in flight. The job grows to at least one request per slot (days &gt;= concurrency), so
   * that every slot really holds a request; a pool that was as large as the concurrency (the
   * default) follows it, so the pool never caps the point.
   */
  CONCURRENCY("client.concurrency", "c") {
    @Override
    Scenario apply(Scenario s, int value) {
      ClientSettings c = s.client();
      int pool = c.poolSize() == c.concurrency() ? value : c.poolSize();
      Job job = s.job();
      return s.with(new Job(job.route(), job.startDate(), Math.max(job.days(), value)),
          new ClientSettings(value, c.connections(), pool, c.connectTimeout(), c.requestTimeout(),
              c.processes(), c.retries()));
    }
  },
  /** Connections the shared client keeps open; the concurrency stays as written. */
  POOL_SIZE("client.poolSize", "pool") {
    @Override
    Scenario apply(Scenario s, int value) {
      ClientSettings c = s.client();
      return s.with(s.job(), new ClientSettings(c.concurrency(), c.connections(), value,
          c.connectTimeout(), c.requestTimeout(), c.processes(), c.retries()));
    }
  },
  /**
   * Worker processes of the multi-process models (each one request at a time); the job grows to
   * at least one request per worker.
   */
  PROCESSES("client.processes", "proc") {
    @Override
    Scenario apply(Scenario s, int value) {
      ClientSettings c = s.client();
      Job job = s.job();
      return s.with(new Job(job.route(), job.startDate(), Math.max(job.days(), value)),
          new ClientSettings(c.concurrency(), c.connections(), c.poolSize(), c.connectTimeout(),
              c.requestTimeout(), value, c.retries()));
    }
  },
  /**
   * The round trip the proxy adds, in whole milliseconds (written as a number of ms or as a
   * duration such as {@code 150ms}): the scenario's {@code network.rtt} shorthand at each point,
   * its jitter and bandwidth kept, the section's own toxics after it. 0 keeps the two latency
   * toxics at 0 ms, so every point's requests take the same path through the proxy.
   */
  RTT("network.rtt", "rtt") {
    @Override
    Scenario apply(Scenario s, int value) {
      return s.withNetwork(s.network().withRtt(Duration.ofMillis(value)));
    }

    @Override
    public int minValue() {
      return 0;
    }

    @Override
    public boolean stageWide() {
      return true;
    }

    @Override
    Optional<Double> fromText(String text) {
      try {
        Duration d = DurationText.parse(text.strip());
        return d.toNanos() % 1_000_000 == 0 ? Optional.of((double) d.toMillis()) : Optional.empty();
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }

    @Override
    String expected() {
      return "whole milliseconds >= 0 (a number of ms, or a duration such as 150ms)";
    }

    @Override
    public String format(int value) {
      return value + "ms";
    }
  };


  private final String path;
  private final String label;

  SweepParameter(String path, String label) {
    this.path = path;
    this.label = label;
  }

  /** As written in the scenario: {@code client.concurrency}. */
  public String path() {
    return path;
  }

  /** The run-id part of a point: {@code c1000} (short, so {@code runs/} stays readable). */
  public String label(int value) {
    return label + value;
  }

  /** {@code s} with this parameter set to {@code value}; checked by {@link #check} first. */
  abstract Scenario apply(Scenario s, int value);

  /** Every value of this parameter is a whole number of at least this. */
  public int minValue() {
    return 1;
  }

  /**
   * Whether a point changes the stage (fare server or proxy) rather than the run's own spec: the
   * runner then sets the point on the stage before each run.
   */
  public boolean stageWide() {
    return false;
  }

  /** A value written as text ({@code 150ms}), as a number; empty where text is not a value. */
  Optional<Double> fromText(String text) {
    return Optional.empty();
  }

  /** A value as a reader sees it: {@code 1000}, {@code 150ms}. */
  public String format(int value) {
    return Integer.toString(value);
  }

  /** What a value looks like, for the error that refuses one. */
  String expected() {
    return "a whole number >= " + minValue();
  }

  /** Why {@code value} is not a value of this parameter; empty when it is. */
  Optional<String> check(double value) {
    if (value != Math.rint(value) || value < minValue() || value > Integer.MAX_VALUE) {
      return Optional.of("expected " + expected() + " for " + path);
    }
    return Optional.empty();
  }

  public static Optional<SweepParameter> of(String path) {
    return Arrays.stream(values()).filter(p -> p.path.equals(path)).findFirst();
  }

  public static List<String> paths() {
    return Arrays.stream(values()).map(SweepParameter::path).toList();
  }
}
