package faremark.shaper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShaperMainTest {
  @Test
  void parsesToxiproxyStyleFlags(@TempDir Path dir) throws IOException {
    assertThat(ShaperMain.parse(new String[0]))
        .isEqualTo(new ShaperOptions("127.0.0.1", 8474, java.util.Optional.empty()));
    Path config = Files.writeString(dir.resolve("c.json"), "[]");
    ShaperOptions options =
        ShaperMain.parse(new String[] {"-host", "localhost", "--port=9000", "-config", config.toString()});
    assertThat(options).isEqualTo(new ShaperOptions("localhost", 9000, java.util.Optional.of(config)));
    assertThat(ShaperMain.parse(new String[] {"-seed", "-7"}).seed()).hasValue(-7);
    assertThat(ShaperMain.parse(new String[0]).reusePort()).isFalse();
    // a boolean flag as Go's: alone, or with =true / =false, never taking the next argument
    assertThat(ShaperMain.parse(new String[] {"-reuse-port", "-port", "1"}))
        .extracting(ShaperOptions::reusePort, ShaperOptions::port).containsExactly(true, 1);
    assertThat(ShaperMain.parse(new String[] {"--reuse-port=false"}).reusePort()).isFalse();
    assertThatThrownBy(() -> ShaperMain.parse(new String[] {"-reuse-port=yes"}))
        .hasMessageContaining("invalid boolean value \"yes\" for -reuse-port");
  }

  @Test
  void refusesBadFlags() {
    assertThatThrownBy(() -> ShaperMain.parse(new String[] {"-port", "http"}))
        .hasMessageContaining("invalid value \"http\" for flag -port");
    assertThatThrownBy(() -> ShaperMain.parse(new String[] {"-verbose", "1"}))
        .hasMessageContaining("flag provided but not defined: -verbose");
    assertThatThrownBy(() -> ShaperMain.parse(new String[] {"-config", "/no/such.json"}))
        .hasMessageContaining("/no/such.json");
    assertThatThrownBy(() -> ShaperMain.parse(new String[] {"-seed", "x"}))
        .hasMessageContaining("invalid value \"x\" for flag -seed");
    assertThatThrownBy(() -> ShaperMain.parse(new String[] {"-host"}))
        .hasMessageContaining("flag needs an argument: -host");
  }

  /** The main class in a JVM of its own; stdout and stderr kept apart, as a caller sees them. */
  private static Process launch(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Netty's epoll transport loads a native library (the jar's manifest says the same).
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ShaperMain.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).start();
  }

  @Test
  void runsAsAProcessAndPrintsOneReadyLine() throws Exception {
    Process process = launch("-port", "0");
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      // bounded: a shaper that never prints fails here, and the finally below ends the read
      String ready = CompletableFuture.supplyAsync(() -> {
        try {
          return out.readLine();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).get(60, TimeUnit.SECONDS);
      Matcher port = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(ready);
      assertThat(port.find()).as(ready).isTrue();
      ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", Integer.parseInt(port.group(1)));
      assertThat(client.version()).contains("2.12.0");
    } finally {
      process.destroy();
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  /**
   * Out of descriptors (more connections than its open-file limit allows, as 10,000 connections
   * are under a limit of 20,000), the shaper leaves the rest waiting in the accept queue, serves
   * them once descriptors are free again, and still stops on SIGTERM: no event-loop thread dies of
   * the first warning it logs, and no connection is left half made.
   */
  @Test
  void outOfDescriptorsItWaitsThenServesAgainAndStillStops() throws Exception {
    Path prlimit = Path.of("/usr/bin/prlimit");
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")) && Files.isExecutable(prlimit),
        "skipped: needs Linux's /proc and util-linux's prlimit to lower the shaper's open-file limit");
    try (Upstream echo = Upstream.echo()) {
      Process process = launch("-host", "127.0.0.1", "-port", "0");
      CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> {
        try {
          return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, task -> Thread.ofPlatform().daemon().start(task)); // not the common pool: one thread on 2 cores
      List<Socket> waiting = new ArrayList<>();
      try {
        BufferedReader out = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String ready = CompletableFuture.supplyAsync(() -> {
          try {
            return out.readLine();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }).get(60, TimeUnit.SECONDS);
        Matcher api = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(String.valueOf(ready));
        assertThat(api.find()).as("ready line: %s", ready).isTrue();
        String listen = new ToxiproxyClient("127.0.0.1", Integer.parseInt(api.group(1)))
            .createProxy("p", "127.0.0.1:0", echo.address()).getListen();
        int port = Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));

        // Room for about 50 connections from now on (lowering one's own limit needs no privilege).
        Path fds = Path.of("/proc", Long.toString(process.pid()), "fd");
        long limit = count(fds) + 100;
        Process lower = new ProcessBuilder(prlimit.toString(), "--pid", Long.toString(process.pid()),
            "--nofile=" + limit + ":").redirectErrorStream(true).start();
        assertThat(lower.waitFor(10, TimeUnit.SECONDS) && lower.exitValue() == 0)
            .as("prlimit: %s", new String(lower.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
            .isTrue();

        // More than that: the kernel completes every handshake (the backlog is 4,096), the
        // shaper takes what its limit allows.
        for (int i = 0; i < 100; i++) {
          waiting.add(new Socket("127.0.0.1", port));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (count(fds) < limit - 2 && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        assertThat(count(fds)).as("the shaper reached its open-file limit").isGreaterThanOrEqualTo(limit - 2);
        Thread.sleep(1500); // its accept retries (once a second) meet the limit again

        for (Socket socket : waiting) {
          socket.close();
        }
        waiting.clear();
        // Descriptors are free again: new connections are served, on every event loop.
        for (int i = 0; i < 8; i++) {
          try (Wire wire = Wire.to(listen)) {
            byte[] ping = ("ping " + i).getBytes(StandardCharsets.US_ASCII);
            assertThat(wire.send(ping).read(ping.length)).isEqualTo(ping);
          }
        }
      } finally {
        for (Socket socket : waiting) {
          socket.close();
        }
        process.destroy();
        boolean stopped = process.waitFor(10, TimeUnit.SECONDS);
        if (!stopped) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(stopped).as("stops on SIGTERM").isTrue();
      }
      assertThat(stderr.get(10, TimeUnit.SECONDS)).doesNotContain("Exception in thread");
    }
  }

  private static long count(Path fds) throws IOException {
    try (var list = Files.list(fds)) {
      return list.count();
    }
  }

  @Test
  void badConfigExitsWithCode2(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("bad.json"), "{\"name\":1}");
    Process process = launch("-port", "0", "-config", config.toString());
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
    assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains(config.toString())
        .contains("expected a JSON array of proxies");
  }
}
