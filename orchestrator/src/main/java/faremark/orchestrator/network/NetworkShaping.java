package faremark.orchestrator.network;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import faremark.orchestrator.scenario.Network;
import faremark.shaper.toxic.PlannedToxic;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The network between the workloads and the fare server for one experiment: one Toxiproxy proxy
 * listening on a free loopback port, its upstream the fare server, carrying the scenario's
 * toxics. Driven only through {@code toxiproxy-java}, against the embedded shaper by default or a
 * Toxiproxy at the scenario's {@code proxy.url}. Workloads are given {@link #target()}; the
 * expected answer is still fetched from the server directly.
 *
 * <p>Where one process cannot hold every connection's two sockets, the proxy is served by several
 * shaper processes listening on the same port ({@code SO_REUSEPORT}; the kernel gives each new
 * connection to one of them): the same proxy, with the same toxics, is created on each through
 * its own API, and each is read back and checked. Toxiproxy's toxics act per connection, so a
 * connection sees the same network whichever process carries it; only the random draws of
 * {@code toxicity} and {@code jitter} come from one seeded sequence per process instead of one
 * in all.
 *
 * <p>Closing removes the proxy (a shared Toxiproxy keeps running, without our proxy) and stops
 * the shapers faremark started.
 */
public final class NetworkShaping implements AutoCloseable {
  private static final AtomicInteger PROXIES = new AtomicInteger();

  static {
    // toxiproxy-java talks through HttpURLConnection and sets no timeouts, so an API that accepts
    // a connection but never answers would hang the start for ever. These JDK-wide defaults are
    // read when the first such connection is made; a user's own -D values are kept.
    defaultTimeout("sun.net.client.defaultConnectTimeout", "10000");
    defaultTimeout("sun.net.client.defaultReadTimeout", "10000");
  }

  private static void defaultTimeout(String property, String millis) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, millis);
    }
  }

  private final List<ToxiproxyApi> apis;
  /** What the proxy holds now: the scenario's network, or the point a sweep last set. */
  private volatile Network network;
  private final List<Proxy> proxies;
  private final URI target;
  private final String version;
  private volatile List<Map<String, Object>> applied;
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  private NetworkShaping(List<ToxiproxyApi> apis, Network network, List<Proxy> proxies, URI target,
      String version, List<Map<String, Object>> applied) {
    this.apis = List.copyOf(apis);
    this.network = network;
    this.proxies = List.copyOf(proxies);
    this.target = target;
    this.version = version;
    this.applied = applied;
  }

  /**
   * Starts the proxy (and the embedded shaper unless {@code network} names a Toxiproxy), applies
   * the toxics and checks, by reading them back, that the proxy holds exactly those.
   *
   * @param upstream the fare server, {@code http://127.0.0.1:port}
   * @param seed the embedded shaper's seed for the toxics' random draws (the scenario's
   *     {@code server.seed}), so a flaky link fails the same way every run; a Toxiproxy someone
   *     else runs draws as it was started
   * @throws IOException naming the API when it cannot be reached or refuses a toxic; anything
   *     already started is closed again
   */
  public static NetworkShaping start(Network network, URI upstream, long seed) throws IOException {
    ToxiproxyApi api = network.proxyUrl().isPresent()
        ? ToxiproxyApi.external(network.proxyUrl().get())
        : EmbeddedShaper.start(seed);
    ProxyAddresses addresses = ProxyAddresses.loopback(upstream.getHost() + ":" + upstream.getPort());
    return start(network, List.of(api), addresses);
  }

  /**
   * Creates the proxy on a Toxiproxy API that someone else started (the docker backend's proxy
   * container), where the addresses differ by point of view: the API is reached from here, the
   * upstream from inside the proxy's network, the listen address from the workloads'.
   *
   * @param apiUrl the API as this process reaches it, {@code http://127.0.0.1:port}
   * @param owner what runs the API, for the console and {@code network.json}
   */
  public static NetworkShaping start(Network network, URI apiUrl, String owner,
      ProxyAddresses addresses) throws IOException {
    return start(network, List.of(ToxiproxyApi.external(apiUrl, owner)), addresses);
  }

  /**
   * Creates the proxy, with the scenario's toxics, on every one of {@code apis}: on the first at
   * {@code addresses.listen()}, on the others at the port the first reported, which they share
   * ({@code SO_REUSEPORT}: shapers started with {@code -reuse-port}). Every API is closed again
   * (ours stopped, a foreign one's proxy deleted) if any step fails.
   */
  public static NetworkShaping start(Network network, List<ToxiproxyApi> apis,
      ProxyAddresses addresses) throws IOException {
    if (apis.isEmpty()) {
      throw new IllegalArgumentException("no Toxiproxy API to create the proxy on");
    }
    List<Proxy> proxies = new ArrayList<>();
    try {
      // pid + counter: unique on a Toxiproxy shared by several experiments
      String name = "faremark-" + ProcessHandle.current().pid() + "-" + PROXIES.incrementAndGet();
      String version = null;
      List<Map<String, Object>> applied = null;
      String listen = addresses.listen();
      for (ToxiproxyApi api : apis) {
        ToxiproxyClient client = new ToxiproxyClient(api.host(), api.port());
        String v;
        try {
          v = versionText(client.version());
        } catch (IOException e) {
          throw new IOException("cannot reach the Toxiproxy API of the " + api.describe() + ": " + e, e);
        }
        version = version == null ? v : version;
        // Port 0 on the first: the proxy picks a free port and reports it as its listen address.
        Proxy proxy = client.createProxy(name, listen, addresses.upstream());
        proxies.add(proxy);
        listen = proxy.getListen();
        for (PlannedToxic t : network.toxics()) {
          try {
            Toxics.apply(proxy, t);
          } catch (IOException e) {
            throw new IOException("the " + api.describe() + " refused toxic " + t.describe() + ": "
                + e.getMessage(), e);
          }
        }
        List<Map<String, Object>> back = Toxics.readBack(proxy);
        Toxics.check(network.toxics(), back);
        applied = applied == null ? back : applied;
      }
      return new NetworkShaping(apis, network, proxies, addresses.target(proxies.get(0).getListen()),
          version, applied);
    } catch (IOException | RuntimeException e) {
      for (int i = 0; i < apis.size(); i++) {
        closeQuietly(apis.get(i), i < proxies.size() ? proxies.get(i) : null, e);
      }
      throw e;
    }
  }

  /**
   * Replaces the proxy's toxics with {@code next}'s, on every process that serves it, and checks
   * by reading them back that each holds exactly those: a sweep over {@code network.rtt} calls
   * this before each run with the run's point. Every toxic is removed and the new ones added in
   * their order (Toxiproxy chains a direction's toxics in the order they were added). Nothing
   * flows through the proxy between runs, so no request sees half of it.
   *
   * @throws IOException naming the API that refused or did not hold a toxic; the experiment
   *     stops there rather than measure a network that was not there
   */
  public synchronized void reshape(Network next) throws IOException {
    if (next.toxics().equals(network.toxics())) {
      return;
    }
    List<Map<String, Object>> back = null;
    for (int i = 0; i < apis.size(); i++) {
      Proxy proxy = proxies.get(i);
      try {
        for (eu.rekawek.toxiproxy.model.Toxic t : proxy.toxics().getAll()) {
          t.remove();
        }
        for (PlannedToxic t : next.toxics()) {
          Toxics.apply(proxy, t);
        }
        List<Map<String, Object>> b = Toxics.readBack(proxy);
        Toxics.check(next.toxics(), b);
        back = back == null ? b : back;
      } catch (IOException e) {
        throw new IOException("the " + apis.get(i).describe() + " could not take the network "
            + next.describe() + ": " + e.getMessage(), e);
      }
    }
    network = next;
    applied = back;
  }

  /**
   * Toxiproxy answered {@code /version} in plain text up to 2.5 and as {@code {"version": "…"}}
   * since; toxiproxy-java hands over the body as it came.
   */
  static String versionText(String body) {
    String b = body == null ? "" : body.strip();
    if (b.startsWith("{")) {
      try {
        return faremark.contract.Json.mapper().readTree(b).path("version").asText(b);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        return b;
      }
    }
    return b;
  }

  /** Where workloads send their requests: the proxy's actual listen address. */
  public URI target() {
    return target;
  }

  /** One console line: the toxics, the listen address, whose proxy. */
  public String describe() {
    String by = apis.size() == 1 ? apis.get(0).describe() : apis.size() + " shaper processes"
        + " sharing the port (" + String.join(", ", apis.stream().map(ToxiproxyApi::describe).toList())
        + ")";
    return "proxy " + target.getAuthority() + " → " + proxies.get(0).getUpstream() + ", "
        + network.describe().replace("embedded shaper", by);
  }

  /** How many proxy processes serve the port (1 unless several shapers share it). */
  public int processes() {
    return apis.size();
  }

  /**
   * What {@code network.json} holds: the proxy, the API and its version, the shorthands and the
   * toxics as the proxy reported them after they were applied (Toxiproxy's JSON shape and units);
   * with {@code processes}, how many proxy processes served it, and where several did, every
   * one's API under {@code apis}.
   */
  public Map<String, Object> record() {
    Proxy proxy = proxies.get(0);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", proxy.getName());
    p.put("listen", proxy.getListen());
    p.put("upstream", proxy.getUpstream());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("api", apiRecord(apis.get(0)));
    m.put("processes", apis.size());
    if (apis.size() > 1) {
      m.put("apis", apis.stream().map(this::apiRecord).toList());
    }
    m.put("proxy", p);
    m.put("expandedFrom", network.expandedFrom().asText());
    m.put("toxics", applied);
    return m;
  }

  private Map<String, Object> apiRecord(ToxiproxyApi api) {
    return Map.of("url", "http://" + api.host() + ":" + api.port(), "embedded", api.embedded(),
        "version", version);
  }

  /**
   * Removes the proxy (from a Toxiproxy someone else runs) or stops the shapers we started, each
   * bounded by {@link #CLOSE_LIMIT}: teardown must not hang the experiment or lose its results,
   * so a failure or a proxy that does not answer is reported on stderr, not thrown.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) { // the try block and the Ctrl-C hook may both call
      return;
    }
    for (int i = 0; i < apis.size(); i++) {
      ToxiproxyApi api = apis.get(i);
      Proxy proxy = proxies.get(i);
      try {
        if (api.embedded()) {
          // stopping the shaper stops its proxies; no need to ask it to delete ours first
          bounded("stopping the " + api.describe(), api::close);
        } else {
          bounded("deleting proxy " + proxy.getName() + " from the " + api.describe(), proxy::delete);
        }
      } catch (IOException e) {
        System.err.println("faremark: warning: " + e.getMessage());
      }
    }
  }

  /** How long closing may take before it is given up (a stuck API must not hold the exit). */
  static final java.time.Duration CLOSE_LIMIT = java.time.Duration.ofSeconds(10);

  private interface IoAction {
    void run() throws IOException;
  }

  /** Runs {@code action} on a daemon thread and waits at most CLOSE_LIMIT for it. */
  private static void bounded(String what, IoAction action) throws IOException {
    java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
    Thread t = Thread.ofPlatform().daemon().name("faremark-network-close").start(() -> {
      try {
        action.run();
        done.complete(null);
      } catch (IOException | RuntimeException e) {
        done.completeExceptionally(e);
      }
    });
    try {
      done.get(CLOSE_LIMIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      t.interrupt();
      throw new IOException(what + " did not finish within " + CLOSE_LIMIT.toSeconds()
          + " s; left to the JVM's exit");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException(what + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(what + " was interrupted");
    }
  }

  /** Undoes a half-done start: our proxy if there is one, then the API if it is ours. */
  private static void closeQuietly(ToxiproxyApi api, Proxy proxy, Throwable failure) {
    try {
      if (proxy != null && !api.embedded()) {
        bounded("deleting proxy " + proxy.getName(), proxy::delete);
      }
      if (api.embedded()) {
        bounded("stopping the " + api.describe(), api::close);
      }
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
