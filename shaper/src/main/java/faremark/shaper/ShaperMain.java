package faremark.shaper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar shaper.jar [-host 127.0.0.1] [-port 8474] [-config proxies.json] [-seed N]
 * [-reuse-port]}: Toxiproxy's server flags (Go style: {@code -flag value}, {@code -flag=value},
 * {@code --flag}), and {@code -reuse-port} (a boolean flag as Go's: alone, or {@code =true|false}),
 * faremark's own: proxies listen with {@code SO_REUSEPORT}, so that several shapers can serve one
 * proxy's port (the orchestrator does, where one process cannot hold every connection's sockets).
 * Prints one line when the API is ready and runs until interrupted. Exit code 2 for bad flags or
 * a bad config file.
 */
public final class ShaperMain {
  private ShaperMain() {}

  public static void main(String[] args) {
    ShaperOptions options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("shaper: " + e.getMessage());
      usage(System.err);
      System.exit(2);
      return;
    }
    Shaper shaper;
    try {
      shaper = Shaper.start(options);
    } catch (IOException e) {
      System.err.println("shaper: " + e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  shaper.close();
                  stopped.countDown();
                },
                "shaper-shutdown"));
    var address = shaper.apiAddress();
    System.out.println(
        "shaper: Toxiproxy 2.12 API listening on " + address.getAddress().getHostAddress() + ":"
            + address.getPort() + " (transport " + shaper.transport() + ")");
    System.out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static ShaperOptions parse(String[] args) {
    String host = ShaperOptions.DEFAULT_HOST;
    int port = ShaperOptions.DEFAULT_PORT;
    Optional<Path> config = Optional.empty();
    OptionalLong seed = OptionalLong.empty();
    boolean reusePort = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("-")) {
        throw new IllegalArgumentException("unexpected argument: " + arg);
      }
      String flag = arg.replaceFirst("^--?", "");
      String value = null;
      int equals = flag.indexOf('=');
      if (equals >= 0) {
        value = flag.substring(equals + 1);
        flag = flag.substring(0, equals);
      }
      if (flag.equals("h") || flag.equals("help")) {
        usage(System.out);
        System.exit(0);
      }
      if (flag.equals("reuse-port")) {
        reusePort = bool(value);
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("flag needs an argument: -" + flag);
        }
        value = args[++i];
      }
      switch (flag) {
        case "host" -> host = value;
        case "port" -> port = port(value);
        case "config" -> {
          Path path = Path.of(value);
          if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("-config " + value + ": no such readable file");
          }
          config = Optional.of(path);
        }
        case "seed" -> seed = OptionalLong.of(seed(value));
        default -> throw new IllegalArgumentException("flag provided but not defined: -" + flag);
      }
    }
    return new ShaperOptions(host, port, config, seed, reusePort);
  }

  /** Go's boolean flag: given alone it is true, else {@code =true} or {@code =false}. */
  private static boolean bool(String value) {
    if (value == null || value.equals("true")) {
      return true;
    }
    if (value.equals("false")) {
      return false;
    }
    throw new IllegalArgumentException(
        "invalid boolean value \"" + value + "\" for -reuse-port: expected true or false");
  }

  private static long seed(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "invalid value \"" + value + "\" for flag -seed: expected a whole number");
    }
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new IllegalArgumentException(
        "invalid value \"" + value + "\" for flag -port: expected a port 0..65535");
  }

  private static void usage(PrintStream out) {
    out.println("usage: java -jar shaper.jar [-host 127.0.0.1] [-port 8474] [-config proxies.json]"
        + " [-seed N] [-reuse-port]");
  }
}
