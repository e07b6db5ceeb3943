package faremark.orchestrator.backend.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faremark.fareserver.FareServerConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real child JVM: it serves, its counters come over HTTP, and closing it ends the process. */
class ChildFareServiceTest {
  @Test
  void servesCountsAndIsGoneOnceClosed(@TempDir Path dir) throws Exception {
    ChildFareService server = ChildFareService.start(FareServerConfig.defaults(), dir.resolve("log"));
    ProcessHandle child = ProcessHandle.of(Long.parseLong(server.describe()
        .replaceAll(".*\\(process (\\d+)\\)$", "$1"))).orElseThrow();
    try (HttpClient http = HttpClient.newHttpClient()) {
      server.resetStats();
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri().resolve(
          "/fares?from=PRG&to=BRQ&date=2018-06-01")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(server.stats().requests()).isEqualTo(1);
    }
    server.close();
    assertThat(child.isAlive()).isFalse();
    assertThatThrownBy(server::stats).isInstanceOf(IOException.class)
        .hasMessageContaining("exited) did not answer");
  }
}
