package faremark.orchestrator.lifecycle;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns Ctrl-C into an orderly stop the CLI can see.
 *
 * <p>Without it, SIGINT makes the JVM run its shutdown hooks and exit 130 on its own: {@link
 * Cleanup} still removes every process and cgroup, but the runner never learns it was stopped and
 * writes nothing. With {@link #install(Thread)} the first Ctrl-C only sets {@link #interrupted()}
 * and interrupts the given thread (the runner's waits throw InterruptedException, its
 * try-with-resources blocks close the run, and the CLI exits with {@link #exitCode(int)} = 130). A
 * second Ctrl-C exits at once with 130; the shutdown hook of {@link Cleanup} then cleans up.
 *
 * <p>The handler uses {@code sun.misc.Signal} (module jdk.unsupported, present in every JDK
 * since 9) through reflection, so the build has no dependency on an unsupported API. Where it is
 * missing, {@link #install} returns false and the JVM's default behaviour (hooks, exit 130)
 * remains.
 */
public final class ShutdownGuard {
  public static final int INTERRUPTED_EXIT_CODE = 130;

  private static final AtomicInteger SIGINTS = new AtomicInteger();

  private ShutdownGuard() {}

  /**
   * Installs the SIGINT handler.
   *
   * @param toInterrupt the thread that runs the experiment (usually the main thread)
   * @return false when this JVM offers no signal API (the default Ctrl-C behaviour remains)
   */
  public static boolean install(Thread toInterrupt) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      InvocationHandler onSignal =
          (Object proxy, Method method, Object[] args) -> {
            if (method.getName().equals("handle")) {
              onInterrupt(toInterrupt);
              return null;
            }
            return switch (method.getName()) {
              case "hashCode" -> System.identityHashCode(proxy);
              case "equals" -> proxy == args[0];
              default -> "faremark SIGINT handler";
            };
          };
      Object h = Proxy.newProxyInstance(ShutdownGuard.class.getClassLoader(), new Class<?>[] {handler}, onSignal);
      Object sigint = signal.getConstructor(String.class).newInstance("INT");
      signal.getMethod("handle", signal, handler).invoke(null, sigint, h);
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** What the handler does on SIGINT; public so the CLI and tests can trigger the same path. */
  public static void onInterrupt(Thread toInterrupt) {
    if (SIGINTS.incrementAndGet() == 1) {
      System.err.println("faremark: interrupted, stopping the current run (Ctrl-C again to quit now)");
      toInterrupt.interrupt();
    } else {
      // System.exit runs the shutdown hooks, so Cleanup still removes processes and cgroups.
      new Thread(() -> System.exit(INTERRUPTED_EXIT_CODE), "faremark-exit").start();
    }
  }

  /** True once Ctrl-C was pressed (or {@link #onInterrupt} called). */
  public static boolean interrupted() {
    return SIGINTS.get() > 0;
  }

  /** {@code normal}, or 130 (128 + SIGINT, what shells expect) when interrupted. */
  public static int exitCode(int normal) {
    return interrupted() ? INTERRUPTED_EXIT_CODE : normal;
  }
}
