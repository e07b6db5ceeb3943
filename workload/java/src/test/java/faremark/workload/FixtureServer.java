package faremark.workload;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import faremark.contract.ConnectionReuse;
import faremark.contract.DayAggregate;
import faremark.contract.FareGenerator;
import faremark.contract.Route;
import faremark.contract.WorkloadSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small fare API for tests, on the JDK's HttpServer bound to 127.0.0.1: serves
 * {@link FareGenerator} pages after a delay, counts what it sees (requests, most in flight at
 * once, distinct client connections) and injects faults per day. Handlers run on virtual
 * threads, so a delayed response parks instead of holding a server thread: the server is never
 * the thing limiting concurrency.
 */
public final class FixtureServer implements AutoCloseable {
  public static final Route ROUTE = new Route("PRG", "BRQ");
  public static final LocalDate START = LocalDate.of(2018, 6, 1);
  public static final FareGenerator FARES = new FareGenerator(42, 4096);

  /** What to do instead of a normal answer for a day. */
  public enum Fault {
    /** 503 with a short body. */
    STATUS_503,
    /** Close the connection without answering. */
    CLOSE,
    /** Answer 200 with a body that is not a fare page. */
    GARBAGE,
    /** Answer with the next day's page. */
    WRONG_DAY,
    /** Never answer (until the server stops). */
    HANG,
    /** Send headers and half the body, then stall. */
    STALL_BODY
  }

  private final HttpServer server;
  private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
  private final Duration delay;
  private final Map<LocalDate, Fault> faults = new ConcurrentHashMap<>();
  private final Map<LocalDate, AtomicInteger> faultsLeft = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final Set<InetSocketAddress> connections = ConcurrentHashMap.newKeySet();

  public FixtureServer(Duration delay) throws IOException {
    this.delay = delay;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
    server.setExecutor(handlers);
    server.createContext("/fares", this::fares);
    server.start();
  }

  public FixtureServer fault(LocalDate date, Fault fault) {
    faults.put(date, fault);
    return this;
  }

  /** {@code fault} for the first {@code times} requests of {@code date}, then normal answers. */
  public FixtureServer fault(LocalDate date, Fault fault, int times) {
    faultsLeft.put(date, new AtomicInteger(times));
    return fault(date, fault);
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public int requests() {
    return requests.get();
  }

  public int maxInFlight() {
    return maxInFlight.get();
  }

  /** Distinct client (address, port) pairs seen: one per TCP connection. */
  public int connections() {
    return connections.size();
  }

  public WorkloadSpec spec(String model, int days, int concurrency) {
    return spec(model, days, concurrency, ConnectionReuse.SHARED, 100);
  }

  public WorkloadSpec spec(String model, int days, int concurrency, ConnectionReuse reuse, int poolSize) {
    return new WorkloadSpec(model, uri(), ROUTE, START, days, concurrency, reuse, poolSize,
        Duration.ofSeconds(5), Duration.ofSeconds(10), 0, Map.of());
  }

  /** {@link #spec(String, int, int)} allowing {@code retries} per request. */
  public WorkloadSpec spec(String model, int days, int concurrency, int retries) {
    return new WorkloadSpec(model, uri(), ROUTE, START, days, concurrency, ConnectionReuse.SHARED,
        100, Duration.ofSeconds(5), Duration.ofSeconds(10), 2, Map.of(), retries);
  }

  public static List<DayAggregate> expected(WorkloadSpec spec) {
    return spec.dates().stream().map(d -> FARES.aggregate(spec.route(), d)).toList();
  }

  private void fares(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    connections.add(exchange.getRemoteAddress());
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    // A request stops being in flight when its answer starts to leave: the client may send its
    // next request as soon as the body arrives, before this thread gets back to a finally block,
    // and counting that overlap would blame the client for the server's own bookkeeping.
    Runnable answered = new Runnable() {
      private boolean done;

      @Override
      public void run() {
        if (!done) {
          done = true;
          inFlight.decrementAndGet();
        }
      }
    };
    try (exchange) {
      Map<String, String> query = query(exchange.getRequestURI());
      LocalDate date = LocalDate.parse(query.get("date"));
      Route route = new Route(query.get("from"), query.get("to"));
      Thread.sleep(delay);
      Fault fault = faults.get(date);
      AtomicInteger left = faultsLeft.get(date);
      if (left != null && left.getAndDecrement() <= 0) {
        fault = null;
      }
      if (fault == null) {
        answered.run();
        send(exchange, 200, FARES.day(route, date).json());
        return;
      }
      switch (fault) {
        case STATUS_503 -> send(exchange, 503, "busy".getBytes());
        case CLOSE -> throw new IOException("fixture: closing the connection on purpose");
        case GARBAGE -> send(exchange, 200, "{\"fares\": [oops".getBytes());
        case WRONG_DAY -> send(exchange, 200, FARES.day(route, date.plusDays(1)).json());
        case HANG -> Thread.sleep(Duration.ofMinutes(10));
        case STALL_BODY -> {
          byte[] body = FARES.day(route, date).json();
          exchange.sendResponseHeaders(200, body.length);
          OutputStream out = exchange.getResponseBody();
          out.write(body, 0, body.length / 2);
          out.flush();
          Thread.sleep(Duration.ofMinutes(10));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      answered.run();
    }
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> params = new java.util.HashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      params.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return params;
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow(); // wakes HANG / STALL_BODY handlers
  }
}
