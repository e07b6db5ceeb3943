package faremark.orchestrator.experiment;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether standard output is an interactive terminal that can take a redrawn progress line. */
final class Terminal {
  private Terminal() {}

  static boolean interactive() {
    if ("dumb".equals(System.getenv("TERM")) || "off".equals(System.getenv("FAREMARK_PROGRESS"))) {
      return false;
    }
    Console console = System.console();
    if (console == null) {
      return false; // JDK 21: no console unless stdin and stdout are a terminal
    }
    // From JDK 22 System.console() exists even when redirected; Console.isTerminal() tells.
    // Looked up by reflection because faremark compiles for Java 21.
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}
