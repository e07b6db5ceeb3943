package faremark.orchestrator.scenario;

import faremark.contract.DataSize;
import faremark.contract.DurationText;
import faremark.contract.model.ModelDeclaration;
import faremark.contract.model.Parallelism;
import faremark.fareserver.ServerCapacity;
import faremark.orchestrator.model.Models;
import faremark.orchestrator.verify.ExpectedAnswerClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the fare server, the proxy and this machine can serve, as checks over a scenario's
 * resolved values (not over one field each, so that a sweep can check every point it makes):
 * {@link Severity#REFUSED} findings stop {@code validate} and {@code run} with exit 2 before
 * anything starts, {@link Severity#WARNING}s are printed and the run goes ahead. Every bound is
 * derived from the code that would fail, and says so in its message.
 */
public final class ScenarioLimits {
  private ScenarioLimits() {}

  public enum Severity { REFUSED, WARNING }

  /**
   * One limit a scenario reaches.
   *
   * @param fields the fields that set the value, most to blame first: the first one the file
   *     wrote is where the message points
   */
  public record Finding(Severity severity, List<String> fields, String message) {
    public Finding {
      fields = List.copyOf(fields);
      if (fields.isEmpty()) {
        throw new IllegalArgumentException("a finding names at least one field");
      }
    }

    public String field() {
      return fields.get(0);
    }

    /** {@code warning: run.memoryLimit: ...}, for the console. */
    @Override
    public String toString() {
      return (severity == Severity.WARNING ? "warning: " : "") + field() + ": " + message;
    }
  }

  /** {@code GET /expected} answers at most this many days. */
  public static final int MAX_DAYS = ServerCapacity.MAX_DAYS;

  /** The largest page the fare server serves (its page cache's budget). */
  public static final DataSize MAX_PAYLOAD = ServerCapacity.MAX_PAYLOAD;

  /**
   * The most days x payload: the fare server computes the expected answer by generating every
   * page of the job once, on one event loop, and must be done within {@link
   * ExpectedAnswerClient#TIMEOUT} (60 s). Measured on the 2-core development machine under load
   * (load average 7), in a fresh JVM as the server's is: 1 GiB took 31-37 s (29-34 MB/s; 8 MiB x
   * 128 and 64 MiB x 16 days), so 1 GiB keeps 1.6x from the timeout.
   */
  public static final DataSize MAX_DAYS_TIMES_PAYLOAD = DataSize.ofMiB(1024);

  /** Generation speed used in messages: the lower end of the measurement above. */
  static final double GENERATION_BYTES_PER_SECOND = 29e6;

  /** Parsing a page allocates about this many times its size (Jackson and json.loads, measured). */
  static final int PARSE_FACTOR = 10;

  /**
   * What one runtime costs before any request: the memory at {@code ready} of a model that has
   * done nothing yet, measured here (README: a JVM 66-69 MiB, CPython with requests 18-19 MiB).
   * A memory limit below it can only end in an OOM kill. Keyed by language id.
   */
  public static final Map<String, DataSize> RUNTIME_BASELINE =
      Map.of("java", DataSize.ofMiB(65), "python", DataSize.ofMiB(19));

  /** Every limit {@code s} reaches on {@code machine}; refusals first, in field order. */
  public static List<Finding> check(Scenario s, MachineFacts machine) {
    List<Finding> out = new ArrayList<>(server(s.job(), s.server().payload()));
    out.addAll(machine(s.job(), s.client(), machine));
    out.addAll(workers(s.models(), s.client(), machine));
    out.addAll(warnings(s, machine));
    return out;
  }

  /** What the fare server cannot serve, whatever the machine: days, payload, days x payload. */
  public static List<Finding> server(Job job, DataSize payload) {
    List<Finding> out = new ArrayList<>(payload(payload));
    if (job.days() > MAX_DAYS) {
      out.add(refused(List.of("job.days"), "expected at most " + MAX_DAYS + " days (the fare"
          + " server computes the expected answer, inline, for at most that many); got " + job.days()));
    }
    if (payload.compareTo(MAX_PAYLOAD) <= 0 && job.days() <= MAX_DAYS && total(job, payload) > MAX_DAYS_TIMES_PAYLOAD.bytes()) {
      out.add(refused(List.of("server.payload", "job.days"), "days x payload is "
          + job.days() + " x " + payload + " = " + DataSize.ofBytes(total(job, payload)).human()
          + "; expected at most " + MAX_DAYS_TIMES_PAYLOAD.human() + ": the fare server generates"
          + " every page once to compute the expected answer, which must arrive within "
          + DurationText.format(ExpectedAnswerClient.TIMEOUT) + " (~" + seconds(total(job, payload))
          + " s at the " + mbps() + " MB/s measured on a busy 2-core machine); fewer days or a"
          + " smaller payload"));
    }
    return out;
  }

  /** The page size alone: what the fare server can generate and serve (its config refuses more). */
  public static List<Finding> payload(DataSize payload) {
    if (payload.compareTo(MAX_PAYLOAD) <= 0) {
      return List.of();
    }
    return List.of(refused(List.of("server.payload"), "expected at most " + MAX_PAYLOAD + " (the"
        + " fare server's page cache holds " + ServerCapacity.PAGE_CACHE + "; a bigger page would"
        + " be generated again for every request, allocating ~11 times its size, and Java cannot"
        + " build a page of 1GiB at all); got " + payload));
  }

  /**
   * What this machine cannot hold: open files in each process that holds sockets ({@link
   * FileBudget}), and ephemeral ports for the connections in flight at once.
   */
  public static List<Finding> machine(Job job, ClientSettings client, MachineFacts machine) {
    List<Finding> out = new ArrayList<>();
    long connections = connectionsAtOnce(job, client);
    List<String> fields = client.processes() > client.concurrency()
        ? List.of("client.processes", "client.concurrency") : List.of("client.concurrency");
    out.addAll(FileBudget.plan(connections, machine).refusals(fields));
    Optional<Integer> ports = machine.ephemeralPortCount();
    if (ports.isPresent() && connections > ports.get()) {
      List<Integer> r = machine.ephemeralPorts().orElseThrow();
      out.add(refused(fields, connections + " connections in flight need as many local ports to"
          + " the proxy (and again from the proxy to the server), but the kernel hands out "
          + ports.get() + " (net.ipv4.ip_local_port_range " + r.get(0) + "-" + r.get(1) + "); widen"
          + " it (sysctl -w net.ipv4.ip_local_port_range=\"1024 65535\") or run at most "
          + ports.get() + " at once"));
    }
    return out;
  }

  /**
   * Worker processes this machine's memory cannot hold: {@code client.processes} set explicitly
   * for a model with one request per process (multi-process, py-multiprocessing), each at least
   * its runtime's baseline ({@link #RUNTIME_BASELINE}: a JVM each, or a CPython interpreter; a
   * forked one shares some of its parent's pages, so for Python this errs on the refusing side).
   * Left to themselves ({@code processes: auto}) these models start min(concurrency, cores x 4,
   * days) workers, so a scenario at 10,000 runs them at that count, and their run details say how
   * many: they sweep their process count, not the requests in flight.
   */
  public static List<Finding> workers(List<String> models, ClientSettings client,
      MachineFacts machine) {
    if (client.processes() == 0 || machine.memoryBytes().isEmpty()) {
      return List.of();
    }
    List<String> over = new ArrayList<>();
    long most = Long.MAX_VALUE;
    for (String model : models) {
      Optional<ModelDeclaration> d = Models.find(model);
      if (d.isEmpty() || d.get().parallelism() != Parallelism.PROCESSES) {
        continue;
      }
      DataSize one = RUNTIME_BASELINE.get(d.get().language().id());
      if (one == null) {
        continue;
      }
      long need = Math.multiplyHigh(client.processes(), one.bytes()) != 0
          ? Long.MAX_VALUE : client.processes() * one.bytes();
      if (need > machine.memoryBytes().getAsLong()) {
        over.add(model + " (~" + DataSize.ofBytes(need).human() + ", ~" + one.human() + " each)");
        most = Math.min(most, machine.memoryBytes().getAsLong() / one.bytes());
      }
    }
    if (over.isEmpty()) {
      return List.of();
    }
    return List.of(refused(List.of("client.processes"), client.processes() + " worker processes"
        + " need more memory than this machine's "
        + DataSize.ofBytes(machine.memoryBytes().getAsLong()).human() + " before their first"
        + " request: " + String.join(", ", over) + "; expected at most " + most + " processes,"
        + " or processes: auto (min(concurrency, cores x 4, days))"));
  }

  /** What will run but cost what the scenario may not mean to measure. */
  public static List<Finding> warnings(Scenario s, MachineFacts machine) {
    List<Finding> out = new ArrayList<>();
    s.run().memoryLimit().ifPresent(limit -> {
      List<String> below = new ArrayList<>();
      for (String model : s.models()) {
        baseline(s, model).filter(b -> limit.compareTo(b) < 0)
            .ifPresent(b -> below.add(model + " (~" + b.human() + ")"));
      }
      if (!below.isEmpty()) {
        out.add(warning(List.of("run.memoryLimit"), limit + " is below what these runtimes use"
            + " before their first request: " + String.join(", ", below) + "; their runs will be"
            + " OOM-killed, not measured"));
      }
    });
    DataSize payload = s.server().payload();
    long pages = ServerCapacity.PAGE_CACHE.bytes() / payload.bytes();
    if (pages < s.job().days() && total(s.job(), payload) <= MAX_DAYS_TIMES_PAYLOAD.bytes()) {
      out.add(warning(List.of("server.payload", "job.days"), "the fare server's page cache ("
          + ServerCapacity.PAGE_CACHE + ") holds " + pages + " of the " + s.job().days() + " pages,"
          + " so pages are generated again in every run, ~" + millis(payload.bytes())
          + " ms of the server's CPU each, on top of the service time"));
    }
    long inFlight = connectionsAtOnce(s.job(), s.client());
    double parsing = (double) inFlight * payload.bytes() * PARSE_FACTOR;
    if (machine.memoryBytes().isPresent() && parsing > machine.memoryBytes().getAsLong()) {
      out.add(warning(List.of("server.payload", "client.concurrency"), inFlight + " responses of "
          + payload + " in flight, parsed at ~" + PARSE_FACTOR + " times their size, come to ~"
          + DataSize.ofBytes((long) Math.min(parsing, Long.MAX_VALUE)).human() + ", more than this"
          + " machine's " + DataSize.ofBytes(machine.memoryBytes().getAsLong()).human()));
    }
    return out;
  }

  /**
   * The most connections a model of this scenario has open at once: one per request in flight,
   * at most concurrency (or the processes of a multi-process model), never more than the days.
   */
  public static long connectionsAtOnce(Job job, ClientSettings client) {
    return Math.min(job.days(), Math.max(client.concurrency(), client.processes()));
  }

  /**
   * {@link #connectionsAtOnce} at the sweep's largest point (the scenario's own without a sweep):
   * the fare server and the proxy are set up once per experiment, so they are sized for the
   * point that needs the most.
   */
  public static long connectionsAtOnceAtMost(Scenario s) {
    long most = connectionsAtOnce(s.job(), s.client());
    if (s.sweep().isPresent()) {
      for (int point = 0; point < s.sweep().get().points(); point++) {
        Scenario at = s.atPoint(point, Sweep.DEFAULT_HEAP);
        most = Math.max(most, connectionsAtOnce(at.job(), at.client()));
      }
    }
    return most;
  }

  /** The memory {@code model}'s runtime needs before any request; empty for external models. */
  static Optional<DataSize> baseline(Scenario s, String model) {
    Optional<ModelDeclaration> d = Models.find(model);
    if (d.isEmpty()) {
      return Optional.empty();
    }
    DataSize one = RUNTIME_BASELINE.get(d.get().language().id());
    if (one == null) {
      return Optional.empty();
    }
    // A Java multi-process run is a parent JVM and one JVM per worker; Python's forked workers
    // share their parent's pages until they write them, so one interpreter is the floor there.
    int processes = s.client().processes();
    boolean jvms = d.get().parallelism() == Parallelism.PROCESSES && !d.get().isPython() && processes > 0;
    return Optional.of(jvms ? DataSize.ofBytes(one.bytes() * (1 + processes)) : one);
  }

  private static long total(Job job, DataSize payload) {
    return Math.multiplyHigh(job.days(), payload.bytes()) != 0
        ? Long.MAX_VALUE : job.days() * payload.bytes();
  }

  private static String seconds(long bytes) {
    return String.format(Locale.ROOT, "%.0f", bytes / GENERATION_BYTES_PER_SECOND);
  }

  private static String millis(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / GENERATION_BYTES_PER_SECOND * 1000);
  }

  private static String mbps() {
    return String.format(Locale.ROOT, "%.0f", GENERATION_BYTES_PER_SECOND / 1e6);
  }

  private static Finding refused(List<String> fields, String message) {
    return new Finding(Severity.REFUSED, fields, message);
  }

  private static Finding warning(List<String> fields, String message) {
    return new Finding(Severity.WARNING, fields, message);
  }
}
