package faremark.orchestrator.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Open files every process that holds sockets needs at a scenario's connections in flight, against
 * the limit it runs under, and the layout of fare server and proxy that makes each fit.
 *
 * <p>Small scenarios keep today's layout ({@link Staging#EMBEDDED}): fare server and proxy in
 * faremark's JVM, 3 descriptors per connection there. When that process cannot hold them, they
 * run as child processes on loopback ({@link Staging#PROCESSES}): the fare server 1 per
 * connection, and the proxy 2 per connection spread over as many shaper processes as needed,
 * which share the listen port ({@code SO_REUSEPORT}; the kernel hashes each new connection to one
 * of them). Every child is a JVM, which raises its soft limit to the hard one as it starts
 * ({@code -XX:+MaxFDLimit}, HotSpot's default on Linux), as the workloads do (the Python runner
 * with {@code setrlimit}), so a child's allowance is the hard limit; faremark's own process has
 * its soft limit, already raised by its JVM.
 *
 * @param connections requests in flight at once ({@link ScenarioLimits#connectionsAtOnce})
 * @param staging where fare server and proxy run
 * @param proxyProcesses shaper processes behind the proxy's port (1 when embedded)
 * @param needs what each process needs, with what it is allowed
 */
public record FileBudget(long connections, Staging staging, int proxyProcesses, List<Need> needs) {

  public enum Staging { EMBEDDED, PROCESSES }

  /**
   * One process's need: {@code perConnection} descriptors for each of its {@code connections},
   * plus {@code own}.
   *
   * @param process what it is, for messages ("the fare server")
   * @param copies how many such processes share the connections (the proxy's; else 1)
   * @param allowed the most it may open (its hard limit, or faremark's soft one); empty: unknown
   */
  public record Need(String process, int perConnection, long connections, int own, int copies,
      OptionalLong allowed) {
    public long files() {
      return perConnection * connections + own;
    }

    public boolean fits() {
      return allowed.isEmpty() || files() <= allowed.getAsLong();
    }

    /** The connections these processes hold between them within their limit. */
    long most() {
      if (perConnection == 0) {
        return Long.MAX_VALUE;
      }
      long one = Math.max(0, (allowed.orElse(Long.MAX_VALUE) - own) / perConnection);
      return one * copies;
    }

    String breakdown() {
      return perConnection + " per connection" + (copies > 1 ? " for up to " + connections
          + " connections each" : "") + " + " + own + " of its own";
    }
  }

  /**
   * Open files faremark's own process holds besides the connections it carries: jars, Netty's
   * epoll descriptors, listening sockets, cgroup files, the workload's pipes. Measured in {@code
   * /proc/<pid>/fd} of {@code ./faremark run} (local backend): 59-63 during the seed scenario;
   * 675 with 200 connections in flight (async, 8 s service time), 75 + 3 x 200, which confirms
   * {@link #EMBEDDED_PER_CONNECTION}. Rounded up to about three times that.
   */
  public static final int FILES_OF_FAREMARK = 256;

  /** Descriptors per connection when fare server and proxy share faremark's process. */
  public static final int EMBEDDED_PER_CONNECTION = 3;

  /**
   * What a standalone fare server, shaper or workload process holds at rest (a JVM's jars, epoll
   * and event descriptors, its listeners; an interpreter's modules). Measured in {@code
   * /proc/<pid>/fd}: the shaper 19 (docs/shaper.md), a fare server 30-40, a Java workload ~40;
   * rounded up to 128 each, which covers the multi-process parent's pipes to a few dozen workers.
   */
  public static final int FILES_OF_A_PROCESS = 128;

  /**
   * How far above its even share one shaper process's count may go, in standard deviations of
   * the kernel's spread (each connection lands on one of k listeners, as a fair die would: the
   * count is binomial). At 10,000 over 2 processes, 5 sigma is 354 connections above 5,000.
   */
  static final double SPREAD_SIGMAS = 5;

  /** The budget at {@code connections} under {@code machine}'s limits. */
  public static FileBudget plan(long connections, MachineFacts machine) {
    OptionalLong own = machine.openFiles();
    OptionalLong child = machine.openFilesHard().isPresent() ? machine.openFilesHard() : own;
    long embedded = EMBEDDED_PER_CONNECTION * connections + FILES_OF_FAREMARK;
    Need workload = new Need("the workload", 1, connections, FILES_OF_A_PROCESS, 1, child);
    if (own.isEmpty() || embedded <= own.getAsLong()) {
      return new FileBudget(connections, Staging.EMBEDDED, 1, List.of(
          new Need("faremark (fare server and proxy in its JVM)", EMBEDDED_PER_CONNECTION,
              connections, FILES_OF_FAREMARK, 1, own),
          workload));
    }
    int proxies = proxyProcesses(connections, child.orElse(Long.MAX_VALUE));
    long perProxy = share(connections, proxies);
    List<Need> needs = new ArrayList<>();
    needs.add(new Need("faremark", 0, connections, FILES_OF_FAREMARK, 1, own));
    needs.add(workload);
    needs.add(new Need("the fare server", 1, connections, FILES_OF_A_PROCESS, 1, child));
    needs.add(new Need(proxies == 1 ? "the proxy" : "each of " + proxies + " proxy processes", 2,
        perProxy, FILES_OF_A_PROCESS, proxies, child));
    return new FileBudget(connections, Staging.PROCESSES, proxies, needs);
  }

  /**
   * The fewest shaper processes that hold {@code connections} within {@code limit} each, allowing
   * for the kernel's uneven spread; never more than 64 (beyond that the limit is too low anyway,
   * and {@link #refusals} says so).
   */
  static int proxyProcesses(long connections, long limit) {
    for (int k = 1; k < 64; k++) {
      if (2 * share(connections, k) + FILES_OF_A_PROCESS <= limit) {
        return k;
      }
    }
    return 64;
  }

  /** The most connections one of {@code k} listeners is expected to get (mean + 5 sigma). */
  static long share(long connections, int k) {
    if (k == 1) {
      return connections;
    }
    double p = 1.0 / k;
    double mean = connections * p;
    double sigma = Math.sqrt(connections * p * (1 - p));
    return Math.min(connections, (long) Math.ceil(mean + SPREAD_SIGMAS * sigma));
  }

  /** The processes that do not fit, each one refusal naming needed, allowed and the fix. */
  public List<ScenarioLimits.Finding> refusals(List<String> fields) {
    List<ScenarioLimits.Finding> out = new ArrayList<>();
    for (Need n : needs) {
      if (!n.fits()) {
        out.add(new ScenarioLimits.Finding(ScenarioLimits.Severity.REFUSED, fields, connections
            + " connections in flight need about " + n.files() + " open files in " + n.process()
            + " (" + n.breakdown() + "), more than its limit of " + n.allowed().getAsLong()
            + "; " + raise(n) + (n.perConnection() == 0 ? ""
                : ", or run at most " + n.most() + " at once")));
      }
    }
    return out;
  }

  private static String raise(Need n) {
    return "raise the hard limit as root to at least " + n.files() + ": `ulimit -Hn " + n.files()
        + "` in the shell that starts faremark, LimitNOFILE=" + n.files() + " for a systemd service,"
        + " /etc/security/limits.conf for a login; in a container, `docker run --ulimit nofile="
        + n.files() + ":" + n.files() + "` (the Docker daemon's own LimitNOFILE bounds it; root"
        + " without CAP_SYS_RESOURCE cannot raise a hard limit at all)";
  }

  /**
   * Where the proxy must be one process (the docker backend's one proxy container): why it cannot
   * hold these connections, empty when it can. A container's limit is the engine's default ({@code
   * --ulimit nofile}, else the Docker daemon's own), which this process cannot read: its own hard
   * limit stands in for it (the same where the daemon runs on this machine under the same limits).
   */
  public java.util.Optional<String> oneProxyProcess(MachineFacts machine) {
    Need one = new Need("one proxy process", 2, connections, FILES_OF_A_PROCESS, 1,
        machine.openFilesHard().isPresent() ? machine.openFilesHard() : machine.openFiles());
    if (one.fits()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(connections + " connections in flight need about " + one.files()
        + " open files in the proxy's container (2 per connection + " + FILES_OF_A_PROCESS
        + " of its own), more than the " + one.allowed().getAsLong() + " a process may open here;"
        + " the docker backend runs the proxy as one container: raise the limit the containers"
        + " get (`--default-ulimit nofile=" + one.files() + ":" + one.files() + "` or"
        + " LimitNOFILE=" + one.files() + " for the Docker daemon, which bounds them), run at most "
        + one.most() + " at once, or use --backend local, which spreads the proxy over "
        + proxyProcesses(connections, one.allowed().getAsLong()) + " shaper processes");
  }

  /** One line per process for {@code validate}: needed of allowed. */
  public String describe() {
    StringBuilder b = new StringBuilder(staging == Staging.EMBEDDED
        ? "fare server and proxy in faremark's JVM"
        : "fare server and " + (proxyProcesses == 1 ? "proxy" : proxyProcesses + " proxy processes")
            + " as child processes");
    for (Need n : needs) {
      b.append("; ").append(n.process()).append(" ~").append(n.files());
      n.allowed().ifPresent(a -> b.append(" of ").append(a == Long.MAX_VALUE ? "unlimited"
          : String.format(Locale.ROOT, "%d", a)));
    }
    return b.append(" open files").toString();
  }
}
