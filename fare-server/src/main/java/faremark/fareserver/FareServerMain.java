package faremark.fareserver;

import java.io.PrintStream;

/**
 * {@code java -jar fare-server.jar [options]}: runs one server until SIGTERM / Ctrl-C. Prints
 * exactly one line on stdout when listening, so a parent process can wait for it; usage errors go
 * to stderr with exit code 2.
 */
public final class FareServerMain {
  static final int USAGE_ERROR = 2;

  private FareServerMain() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
    // Returning leaves the (non-daemon) event loops running; the shutdown hook stops them.
  }

  /** Starts the server unless the arguments are bad or ask for help; returns an exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    FareServerCli.Command command;
    try {
      command = FareServerCli.parse(args);
    } catch (FareServerCli.UsageException e) {
      err.println("fare-server: " + e.getMessage());
      return USAGE_ERROR;
    }
    return switch (command) {
      case FareServerCli.Help help -> {
        out.print(FareServerCli.USAGE);
        yield 0;
      }
      case FareServerCli.Run run -> {
        FareServer server;
        try {
          server = FareServer.start(run.config());
        } catch (RuntimeException e) {
          // The port taken or not bindable: what was asked for cannot be had here, like a bad
          // flag, and nothing was started (the shaper's -port says the same with exit 2).
          err.println("fare-server: " + e.getMessage());
          yield 2;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "fare-server-shutdown"));
        out.println("fare-server listening on " + server.uri());
        out.flush();
        yield 0;
      }
    };
  }
}
