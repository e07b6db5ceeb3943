package faremark.orchestrator.lifecycle;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns Ctrl-C and SIGTERM into an orderly stop the CLI can see.
 *
 * <p>Without it, SIGINT or SIGTERM makes the JVM run its shutdown hooks and exit on its own:
 * {@link Cleanup} still removes every process and cgroup, but the runner never learns it was
 * stopped, so the run in flight is recorded as a crash of its workload (killed by the hook) and no
 * summary is written. With {@link #install(Thread)} the first such signal only sets {@link
 * #interrupted()} and interrupts the given thread (the runner's waits throw InterruptedException,
 * its try-with-resources blocks close the run, the run is recorded as interrupted, the summary and
 * report are written, and the CLI exits with {@link #exitCode(int)}: 130 for SIGINT, 143 for
 * SIGTERM, as shells report them). A second signal exits at once with that code; the shutdown hook
 * of {@link Cleanup} then cleans up. SIGTERM is what service managers and CI runners send before
 * SIGKILL: they expect an orderly stop within seconds, and get one.
 *
 * <p>The handler uses {@code sun.misc.Signal} (module jdk.unsupported, present in every JDK
 * since 9) through reflection, so the build has no dependency on an unsupported API. Where it is
 * missing, {@link #install} returns false and the JVM's default behaviour (hooks, exit 130/143)
 * remains.
 */
public final class ShutdownGuard {
  public static final int INTERRUPTED_EXIT_CODE = 130;
  /** 128 + SIGTERM. */
  public static final int TERMINATED_EXIT_CODE = 143;

  /** The signals handled, in the order {@code install} registers them. */
  public enum Stop {
    INT("Ctrl-C", "interrupted", INTERRUPTED_EXIT_CODE),
    TERM("SIGTERM", "terminated (SIGTERM)", TERMINATED_EXIT_CODE);

    private final String said;
    private final String heard;
    private final int exitCode;

    Stop(String said, String heard, int exitCode) {
      this.said = said;
      this.heard = heard;
      this.exitCode = exitCode;
    }

    /** What the console says as the signal comes: "interrupted", "terminated (SIGTERM)". */
    public String heard() {
      return heard;
    }

    /** How the console and the run records name it: "Ctrl-C", "SIGTERM". */
    public String said() {
      return said;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  private static final AtomicInteger SIGNALS = new AtomicInteger();
  /** The first stop signal; null until one came (or {@link #onInterrupt} was called directly). */
  private static volatile Stop first;

  private ShutdownGuard() {}

  /**
   * Installs the SIGINT and SIGTERM handlers.
   *
   * @param toInterrupt the thread that runs the experiment (usually the main thread)
   * @return false when this JVM offers no signal API (the default Ctrl-C behaviour remains)
   */
  public static boolean install(Thread toInterrupt) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      for (Stop stop : Stop.values()) {
        InvocationHandler onSignal =
            (Object proxy, Method method, Object[] args) -> {
              if (method.getName().equals("handle")) {
                onStop(stop, toInterrupt);
                return null;
              }
              return switch (method.getName()) {
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> "faremark " + stop + " handler";
              };
            };
        Object h = Proxy.newProxyInstance(ShutdownGuard.class.getClassLoader(), new Class<?>[] {handler}, onSignal);
        Object sig = signal.getConstructor(String.class).newInstance(stop.name());
        signal.getMethod("handle", signal, handler).invoke(null, sig, h);
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** What the handler does on SIGINT; public so the CLI and tests can trigger the same path. */
  public static void onInterrupt(Thread toInterrupt) {
    onStop(Stop.INT, toInterrupt);
  }

  /** What the handler does on {@code stop}: the first one stops the run, a second exits now. */
  static void onStop(Stop stop, Thread toInterrupt) {
    if (SIGNALS.incrementAndGet() == 1) {
      first = stop;
      System.err.println("faremark: " + stop.heard() + ", stopping the current run ("
          + stop.said() + " again to quit now)");
      toInterrupt.interrupt();
    } else {
      // System.exit runs the shutdown hooks, so Cleanup still removes processes and cgroups.
      int code = stopSignal().exitCode();
      new Thread(() -> System.exit(code), "faremark-exit").start();
    }
  }

  /** Forgets every signal: for tests of the flag, which is process-wide. */
  static void forgetForTests() {
    SIGNALS.set(0);
    first = null;
  }

  /** The signal that stopped the experiment: the first one that came, Ctrl-C when none did. */
  public static Stop stopSignal() {
    Stop s = first;
    return s == null ? Stop.INT : s;
  }

  /** True once Ctrl-C was pressed or SIGTERM came (or {@link #onInterrupt} called). */
  public static boolean interrupted() {
    return SIGNALS.get() > 0;
  }

  /**
   * {@code normal}, or when stopped 128 + the signal (130 for SIGINT, 143 for SIGTERM: what
   * shells and service managers expect).
   */
  public static int exitCode(int normal) {
    return interrupted() ? stopSignal().exitCode() : normal;
  }
}
