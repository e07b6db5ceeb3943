package faremark.orchestrator.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Process-wide registry of live resources (processes, cgroups, servers). Whatever is still
 * registered when the JVM shuts down, by Ctrl-C, SIGTERM or an uncaught exit, is closed by a
 * shutdown hook in reverse registration order, so a run's process dies before its cgroup is
 * removed and the server it talked to goes last.
 *
 * <p>Normal code closes its resources in try-with-resources and deregisters on close; the hook is
 * the backstop for the paths try-with-resources does not cover.
 */
public final class Cleanup {
  private static final Cleanup GLOBAL = new Cleanup();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(GLOBAL::shutdownHook, "faremark-cleanup"));
  }

  private final Map<Long, Entry> live = new LinkedHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private volatile boolean ranAtShutdown;

  /** Package-private so tests can exercise a registry without the JVM's hook. */
  Cleanup() {}

  /** The registry whose contents the JVM shutdown hook closes. */
  public static Cleanup global() {
    return GLOBAL;
  }

  /** A registered resource; closing the registration only forgets it, it does not close it. */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  private record Entry(String what, AutoCloseable resource) {}

  /**
   * Registers {@code resource}; call {@link Registration#close()} once it is closed normally.
   *
   * @param what for the message if closing it at shutdown fails, e.g. "process 1234 (java ...)"
   */
  public Registration register(String what, AutoCloseable resource) {
    long id = ids.incrementAndGet();
    synchronized (this) {
      live.put(id, new Entry(what, resource));
    }
    return () -> {
      synchronized (Cleanup.this) {
        live.remove(id);
      }
    };
  }

  /** Descriptions of what is registered now, oldest first. */
  public synchronized List<String> live() {
    return live.values().stream().map(Entry::what).toList();
  }

  /**
   * Closes everything registered, newest first, each once; a failure is reported and does not
   * stop the others.
   *
   * @return descriptions of the resources whose close failed
   */
  public List<String> closeAll() {
    List<Entry> entries;
    synchronized (this) {
      entries = new ArrayList<>(live.values());
      live.clear();
    }
    List<String> failed = new ArrayList<>();
    for (Entry e : entries.reversed()) {
      try {
        e.resource().close();
      } catch (Exception | Error ex) {
        failed.add(e.what());
        System.err.println("faremark: cleanup of " + e.what() + " failed: " + ex);
      }
    }
    return failed;
  }

  /** True when the shutdown hook found resources still live, i.e. the run did not end normally. */
  public boolean ranAtShutdown() {
    return ranAtShutdown;
  }

  private void shutdownHook() {
    synchronized (this) {
      if (live.isEmpty()) {
        return;
      }
      ranAtShutdown = true;
    }
    System.err.println("faremark: shutting down, cleaning up " + live());
    closeAll();
  }
}
