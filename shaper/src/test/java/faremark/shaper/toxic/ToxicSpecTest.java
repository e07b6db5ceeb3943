package faremark.shaper.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class ToxicSpecTest {
  @Test
  void defaultNameIsTypeUnderscoreStream() {
    assertThat(ToxicSpec.defaultName("latency", Direction.DOWNSTREAM)).isEqualTo("latency_downstream");
    assertThat(ToxicSpec.defaultName("timeout", Direction.UPSTREAM)).isEqualTo("timeout_upstream");
  }

  @Test
  void toxicityIsRolledPerStage() {
    try (StageHarness harness = new StageHarness(PassThrough::new)) {
      ToxicSpec never = new ToxicSpec("n", Direction.DOWNSTREAM, 0f, new Latency(1, 0));
      ToxicSpec always = new ToxicSpec("a", Direction.DOWNSTREAM, 1f, new Latency(1, 0));
      ToxicSpec half = new ToxicSpec("h", Direction.DOWNSTREAM, 0.5f, new Latency(1, 0));
      assertThat(never.newStage(harness)).isInstanceOf(PassThrough.class);
      assertThat(always.newStage(harness)).isInstanceOf(Latency.LatencyStage.class);
      int toxic = 0;
      for (int i = 0; i < 2000; i++) {
        if (half.newStage(harness) instanceof Latency.LatencyStage) {
          toxic++;
        }
      }
      assertThat(toxic).isBetween(800, 1200);
    }
  }

  @Test
  void directionsParseInAnyCase() {
    assertThat(Direction.parse("UpStream")).contains(Direction.UPSTREAM);
    assertThat(Direction.parse("sideways")).isEmpty();
  }

  @Test
  void catalogKnowsEveryToxicAndNothingElse() {
    for (String type : ToxicCatalog.TYPES) {
      assertThat(ToxicCatalog.create(type, Attributes.empty(type)))
          .hasValueSatisfying(t -> assertThat(t.type()).isEqualTo(type));
    }
    assertThat(ToxicCatalog.create("slow_open", Attributes.empty("slow_open"))).isEmpty();
  }

  @Test
  void attributesRefuseNonIntegers() {
    Attributes text = Attributes.of("latency", JsonNodeFactory.instance.objectNode().put("latency", "5"));
    assertThatThrownBy(() -> text.get("latency", 0))
        .hasMessageContaining("cannot unmarshal string")
        .hasMessageContaining("latency");
    Attributes fraction = Attributes.of("latency", JsonNodeFactory.instance.objectNode().put("latency", 1.5));
    assertThatThrownBy(() -> fraction.get("latency", 0)).hasMessageContaining("number 1.5");
    Attributes unknown = Attributes.of("latency", JsonNodeFactory.instance.objectNode().put("other", 1));
    assertThat(unknown.get("latency", 42)).isEqualTo(42);
  }
}
