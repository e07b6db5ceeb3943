package faremark.orchestrator.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The scenario parameters a {@code sweep} can vary, one entry each: its path as written in the
 * scenario, how a value is checked, and how it is applied to a {@link Scenario}. Adding a
 * parameter is one constant here (a stage-wide one such as {@code server.payload} or {@code
 * network.rtt} would also need the stage rebuilt per point, which the runner does not do yet, so
 * only the client's knobs, which travel in each run's spec, are listed).
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
  };

  /** Every value of these parameters is a whole number of at least this. */
  public static final int MIN_VALUE = 1;

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

  /** Why {@code value} is not a value of this parameter; empty when it is. */
  Optional<String> check(double value) {
    if (value != Math.rint(value) || value < MIN_VALUE || value > Integer.MAX_VALUE) {
      return Optional.of("expected a whole number >= " + MIN_VALUE + " for " + path);
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
