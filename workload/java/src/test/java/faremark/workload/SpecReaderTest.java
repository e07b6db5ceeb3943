package faremark.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import faremark.contract.ConnectionReuse;
import faremark.contract.Json;
import faremark.contract.WorkloadSpec;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SpecReaderTest {

  static final String GOOD = """
      {"model": "async", "target": "http://127.0.0.1:8080", "route": {"from": "PRG", "to": "BRQ"},
       "startDate": "2018-06-01", "days": 100, "concurrency": 100, "connections": "per-request",
       "poolSize": 100, "connectTimeoutMs": 5000, "requestTimeoutMs": 30000}
      """;

  static String edit(Consumer<ObjectNode> change) throws Exception {
    ObjectNode node = (ObjectNode) Json.mapper().readTree(GOOD);
    change.accept(node);
    return node.toString();
  }

  @Test
  void readsAGoodSpec() throws Exception {
    WorkloadSpec spec = SpecReader.fromArgs(new String[] {"--spec-json", GOOD});
    assertThat(spec.model()).isEqualTo("async");
    assertThat(spec.connections()).isEqualTo(ConnectionReuse.PER_REQUEST);
    assertThat(spec.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(spec.processes()).isZero();
    assertThat(spec.retries()).as("a spec without retries, as written before the field").isZero();
  }

  @Test
  void retriesAreReadAndChecked() throws Exception {
    assertThat(SpecReader.fromJson(edit(n -> n.put("retries", 3)), "s").retries()).isEqualTo(3);
    assertThatThrownBy(() -> SpecReader.fromJson(edit(n -> n.put("retries", -1)), "s"))
        .hasMessageContaining("'retries'").hasMessageContaining(">= 0");
    assertThatThrownBy(() -> SpecReader.fromJson(edit(n -> n.put("retries", "twice")), "s"))
        .hasMessageContaining("'retries'");
  }

  @Test
  void warmupIsReadAndCheckedAndZeroWhenAbsent() throws Exception {
    assertThat(SpecReader.fromJson(GOOD, "s").warmup()).isZero();
    assertThat(SpecReader.fromJson(edit(n -> n.put("warmup", 2)), "s").warmup()).isEqualTo(2);
    assertThatThrownBy(() -> SpecReader.fromJson(edit(n -> n.put("warmup", -1)), "s.json"))
        .hasMessageContaining("s.json").hasMessageContaining("'warmup'").hasMessageContaining(">= 0");
    assertThatThrownBy(() -> SpecReader.fromJson(edit(n -> n.put("warmup", 1.5)), "s"))
        .hasMessageContaining("'warmup'").hasMessageContaining("1.5");
  }

  @Test
  void namesTheFieldAndWhatWasExpected() throws Exception {
    assertThatThrownBy(() -> SpecReader.fromJson(edit(n -> n.remove("days")), "s.json"))
        .hasMessageContaining("s.json").hasMessageContaining("'days'").hasMessageContaining(">= 1")
        .hasMessageContaining("missing");
    assertThatThrownBy(() -> SpecReader.fromJson(edit(n -> n.put("concurrency", "lots")), "s"))
        .hasMessageContaining("'concurrency'").hasMessageContaining("string \"lots\"");
    assertThatThrownBy(() -> SpecReader.fromJson(edit(n -> n.put("model", "gevent")), "s"))
        .hasMessageContaining("'model'").hasMessageContaining("sequential, thread-pool");
    assertThatThrownBy(() -> SpecReader.fromJson(edit(n -> n.put("connections", "pooled")), "s"))
        .hasMessageContaining("'connections'").hasMessageContaining("shared, per-request");
    assertThatThrownBy(() -> SpecReader.fromJson(edit(n -> n.put("startDate", "June 1st")), "s"))
        .hasMessageContaining("'startDate'").hasMessageContaining("ISO date");
    assertThatThrownBy(() -> SpecReader.fromJson(edit(n -> n.put("target", "127.0.0.1:8080")), "s"))
        .hasMessageContaining("'target'");
    assertThatThrownBy(() -> SpecReader.fromJson(edit(n -> n.putObject("route").put("from", "PRG")), "s"))
        .hasMessageContaining("'to'");
    assertThatThrownBy(() -> SpecReader.fromJson(edit(n -> n.put("processes", -1)), "s"))
        .hasMessageContaining("'processes'");
    assertThatThrownBy(() -> SpecReader.fromJson("{\"model\": ", "s"))
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> SpecReader.fromArgs(new String[] {"--model", "async"}))
        .hasMessageContaining("--spec");
  }

  @Test
  void toleratesFieldsAddedLater() throws Exception {
    assertThat(SpecReader.fromJson(edit(n -> n.put("payloadHint", 4096)), "s").days()).isEqualTo(100);
  }
}
