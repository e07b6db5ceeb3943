package faremark.orchestrator.backend.local;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.network.ToxiproxyApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child JVMs: each shaper answers its API, and closing it ends the process. */
class ChildShapersTest {
  @Test
  void startsShapersThatAnswerAndAreGoneOnceClosed(@TempDir Path dir) throws Exception {
    List<ToxiproxyApi> apis = ChildShapers.start(2, 42, dir.resolve("log"));
    // "shaper process <pid> (Toxiproxy API at ...)"
    List<ProcessHandle> children = apis.stream().map(a -> ProcessHandle.of(
        Long.parseLong(a.describe().split(" ")[2])).orElseThrow()).toList();
    assertThat(children).hasSize(2).allMatch(ProcessHandle::isAlive)
        .allMatch(p -> p.parent().map(ProcessHandle.current()::equals).orElse(false));
    for (ToxiproxyApi api : apis) {
      // java.net.http, not toxiproxy-java: its HttpURLConnection reads the JDK-wide timeouts
      // NetworkShaping sets once, at the first connection; a test must not read them first
      try (HttpClient http = HttpClient.newHttpClient()) {
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://" + api.host() + ":"
            + api.port() + "/version")).build(), HttpResponse.BodyHandlers.ofString()).body())
            .contains("2.12");
      }
      assertThat(api.embedded()).isTrue();
      assertThat(api.describe()).startsWith("shaper process ");
      api.close();
    }
    assertThat(children).noneMatch(ProcessHandle::isAlive);
  }
}
