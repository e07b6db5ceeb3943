package faremark.orchestrator.extending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.Json;
import faremark.orchestrator.cli.FaremarkCli;
import faremark.orchestrator.scenario.ScenarioException;
import faremark.orchestrator.scenario.ScenarioException.Problem;
import faremark.orchestrator.scenario.ScenarioFiles;
import faremark.orchestrator.scenario.ScenarioLoader;
import faremark.shaper.Shaper;
import faremark.shaper.ShaperOptions;
import faremark.shaper.toxic.ToxicCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/extending.md, "Add a toxic": a toxic declared in one file ({@link Corrupt}) and registered
 * by one line (this module's test resources, {@code META-INF/services/faremark.shaper.toxic
 * .ToxicType}), with no other file touched, is known to the registry, taken by the shaper's API,
 * applied to a connection, and refused by the scenario binder with a clear error because
 * toxiproxy-java cannot create it.
 */
class AddAToxicTest {
  private static final String GUIDE = read(ScenarioFiles.repoRoot().resolve("docs/extending.md"));

  private static final String SCENARIO = """
      job: {days: 3}
      network:
        toxics:
          - type: corrupt
            attributes: {every: 3}
      """;

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theOneRegistrationLineIsAllTheRegistryNeeds() {
    assertThat(ToxicCatalog.find("corrupt")).containsSame(ToxicCatalog.of(Corrupt.class));
    assertThat(ToxicCatalog.of(Corrupt.class).attributeNames()).containsExactly("every");
    assertThat(ToxicCatalog.TYPES).contains("latency", "slicer", "limit_data", "corrupt");
  }

  @Test
  void theShapersApiTakesItAndAConnectionThroughTheProxyGetsIt() throws Exception {
    byte[] sent = "abcdefghij".getBytes(StandardCharsets.US_ASCII);
    try (Shaper shaper = Shaper.start(ShaperOptions.loopbackEphemeral());
        ServerSocket upstream = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        HttpClient http = HttpClient.newHttpClient()) {
      Thread.ofVirtual().start(() -> {
        try (Socket s = upstream.accept(); OutputStream out = s.getOutputStream()) {
          out.write(sent);
        } catch (IOException e) {
          // the client's read below fails and says so
        }
      });
      // Toxiproxy's JSON API, since toxiproxy-java has no call for this toxic. (Not toxiproxy-java
      // for the proxy either: its first use in a JVM fixes the JDK's HTTP timeouts, which
      // NetworkShaping sets when it loads, and NetworkShapingTest relies on them.)
      String api = "http://127.0.0.1:" + shaper.apiAddress().getPort();
      JsonNode proxy = post(http, api + "/proxies", "{\"name\": \"recipe\", \"listen\":"
          + " \"127.0.0.1:0\", \"upstream\": \"127.0.0.1:" + upstream.getLocalPort() + "\"}", 201);
      String asked =
          "{\"type\": \"corrupt\", \"stream\": \"downstream\", \"attributes\": {\"every\": 3}}";
      JsonNode toxic = post(http, api + "/proxies/recipe/toxics", asked, 200);
      String answer = "{\"attributes\":{\"every\":3},\"name\":\"corrupt_downstream\","
          + "\"type\":\"corrupt\",\"stream\":\"downstream\",\"toxicity\":1}";
      assertThat(toxic.toString()).isEqualTo(answer);
      assertThat(GUIDE).contains("-d '" + asked + "'").contains("# " + answer);

      byte[] received;
      String[] listen = proxy.path("listen").asText().split(":");
      try (Socket client = new Socket(listen[0], Integer.parseInt(listen[1]));
          InputStream in = client.getInputStream()) {
        client.setSoTimeout(10_000);
        received = in.readAllBytes();
      }
      byte[] expected = sent.clone();
      for (int i = 2; i < expected.length; i += 3) { // the 3rd, 6th and 9th byte
        expected[i] = (byte) ~expected[i];
      }
      assertThat(received).isEqualTo(expected);
    }
  }

  private static JsonNode post(HttpClient http, String url, String json, int status)
      throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
            .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return Json.mapper().readTree(r.body());
  }

  @Test
  void aScenarioAskingForItIsRefusedAtItsLineBecauseToxiproxyJavaCannotCreateIt(
      @TempDir Path dir) throws IOException {
    List<Problem> problems = catchThrowableOfType(ScenarioException.class,
        () -> ScenarioLoader.parse(SCENARIO, "corrupt.yaml", Optional.empty())).problems();
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("network.toxics[0].type");
      assertThat(p.line()).isEqualTo(4);
      assertThat(p.column()).isEqualTo(13);
      assertThat(p.message())
          .contains("the shaper has a corrupt toxic, but toxiproxy-java")
          .contains("cannot create it")
          .contains("one of [latency, bandwidth, slow_close, timeout, reset_peer, slicer,"
              + " limit_data]");
    });

    Path file = Files.writeString(dir.resolve("corrupt.yaml"), SCENARIO);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = FaremarkCli.execute(new PrintWriter(out), new PrintWriter(err),
        "validate", file.toString());
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains(String.join(" ", guideBlock("corrupt.yaml:4:13:")));
  }

  /** The guide shows this test's toxic, not a copy that could drift from what was proven. */
  @Test
  void theGuidesWorkedExampleIsThisToxic() throws IOException {
    String source = Files.readString(Path.of(
        "src/test/java/faremark/orchestrator/extending/Corrupt.java"));
    String code = source.substring(source.indexOf("public record Corrupt")).strip();
    assertThat(String.join("\n", guideBlock("public record Corrupt"))).isEqualTo(code);
    // registered here from test resources; in the shaper, the same line names its package
    List<String> registered = Files.readAllLines(Path.of(
            "src/test/resources/META-INF/services/faremark.shaper.toxic.ToxicType")).stream()
        .filter(l -> !l.startsWith("#")).toList();
    assertThat(registered).containsExactly("faremark.orchestrator.extending.Corrupt$Type");
    assertThat(guideBlock("faremark.shaper.toxic.Corrupt$Type")).hasSize(1);
  }

  /** The lines of the guide's code block that starts with {@code first}. */
  private static List<String> guideBlock(String first) {
    List<String> lines = GUIDE.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("```") && i + 1 < lines.size()
          && lines.get(i + 1).startsWith(first)) {
        int end = i + 1;
        while (!lines.get(end).startsWith("```")) {
          end++;
        }
        return lines.subList(i + 1, end);
      }
    }
    throw new AssertionError("docs/extending.md has no code block starting with " + first);
  }
}
