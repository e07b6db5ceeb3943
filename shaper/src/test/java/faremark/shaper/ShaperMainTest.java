package faremark.shaper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
