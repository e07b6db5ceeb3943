package faremark.shaper.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of <a href="https://github.com/wg/wrk">wrk</a> (the Debian package) and what its
 * {@code --latency} report says: requests per second, the latency percentiles, the errors.
 */
final class Wrk {
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern PERCENTILE =
      Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s|m)\\s*$", Pattern.MULTILINE);
  private static final Pattern SOCKET_ERRORS =
      Pattern.compile(
          "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

  /**
   * @param p50Micros median latency; {@code p99Micros} the 99th percentile (wrk's own histogram)
   * @param errors socket errors (connect, read, write, timeout) plus non-2xx responses
   */
  record Result(double rate, long requests, double p50Micros, double p99Micros, long errors) {}

  private Wrk() {}

  /** Starts wrk against {@code url}; {@link #await} reads its report. */
  static Process start(String url, int threads, int connections, int seconds) throws IOException {
    return new ProcessBuilder(
            "wrk",
            "-t" + threads,
            "-c" + connections,
            "-d" + seconds + "s",
            "--timeout",
            "10s",
            "--latency",
            url)
        .redirectErrorStream(true)
        .start();
  }

  static Result await(Process wrk, int seconds) throws IOException, InterruptedException {
    byte[] output = wrk.getInputStream().readAllBytes();
    if (!wrk.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
      wrk.destroyForcibly();
      throw new IOException("wrk did not end");
    }
    return parse(new String(output, StandardCharsets.UTF_8));
  }

  static Result run(String url, int threads, int connections, int seconds)
      throws IOException, InterruptedException {
    return await(start(url, threads, connections, seconds), seconds);
  }

  static Result parse(String report) throws IOException {
    Matcher rate = RATE.matcher(report);
    Matcher requests = REQUESTS.matcher(report);
    if (!rate.find() || !requests.find()) {
      throw new IOException("wrk's report has no request rate:\n" + report);
    }
    double p50 = Double.NaN;
    double p99 = Double.NaN;
    Matcher percentile = PERCENTILE.matcher(report);
    while (percentile.find()) {
      double micros = micros(Double.parseDouble(percentile.group(2)), percentile.group(3));
      if (percentile.group(1).equals("50")) {
        p50 = micros;
      } else {
        p99 = micros;
      }
    }
    long errors = 0;
    Matcher socket = SOCKET_ERRORS.matcher(report);
    if (socket.find()) {
      for (int i = 1; i <= 4; i++) {
        errors += Long.parseLong(socket.group(i));
      }
    }
    Matcher non2xx = NON_2XX.matcher(report);
    if (non2xx.find()) {
      errors += Long.parseLong(non2xx.group(1));
    }
    return new Result(
        Double.parseDouble(rate.group(1)), Long.parseLong(requests.group(1)), p50, p99, errors);
  }

  private static double micros(double value, String unit) {
    return switch (unit) {
      case "us" -> value;
      case "ms" -> value * 1_000;
      case "s" -> value * 1_000_000;
      case "m" -> value * 60_000_000;
      default -> throw new IllegalArgumentException(unit);
    };
  }

  /** The version line, for the report header ({@code wrk -v} exits 1 after printing it). */
  static String version() {
    try {
      Process wrk = new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start();
      List<String> lines = new ArrayList<>(wrk.inputReader().lines().toList());
      wrk.waitFor();
      return lines.isEmpty() ? "wrk (unknown version)" : lines.get(0).trim();
    } catch (IOException e) {
      return "wrk not found";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "wrk (interrupted)";
    }
  }
}
