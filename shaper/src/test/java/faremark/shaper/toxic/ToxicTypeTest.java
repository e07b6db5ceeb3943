package faremark.shaper.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToxicTypeTest {
  /** A declaration of the test's own, not registered: the base class's behaviour alone. */
  record Pair(long first, long second) implements Toxic {
    @Override
    public Stage newStage(LinkContext link) {
      return new PassThrough(link);
    }
  }

  static final class PairType extends ToxicType<Pair> {
    PairType() {
      super("pair", Pair.class,
          required("first", ToxicUnit.BYTES, Pair::first),
          optional("second", ToxicUnit.MILLISECONDS, 7, Pair::second));
    }

    @Override
    protected Pair build(Values v) {
      return new Pair(v.get("first"), v.get("second"));
    }

    @Override
    public Optional<ToxiproxyJava<Pair, ?>> toxiproxyJava() {
      return Optional.empty();
    }
  }

  private final PairType pair = new PairType();

  @Test
  void attributesKeepTheirDeclaredOrderNamesUnitsAndDefaults() {
    assertThat(pair.id()).isEqualTo("pair");
    assertThat(pair.attributeNames()).containsExactly("first", "second");
    assertThat(pair.attribute("second")).hasValueSatisfying(a -> {
      assertThat(a.unit()).isEqualTo(ToxicUnit.MILLISECONDS);
      assertThat(a.defaultValue()).hasValue(7);
    });
    assertThat(pair.attribute("first").orElseThrow().defaultValue()).isEmpty();
    assertThat(pair.attribute("third")).isEmpty();
    assertThat(pair.attributesOf(new Pair(3, 4)))
        .containsExactly(Map.entry("first", 3L), Map.entry("second", 4L));
  }

  @Test
  void valuesAreEveryDeclaredAttributeAndNothingElse() {
    assertThat(pair.of(Map.of("second", 2L, "first", 1L))).isEqualTo(new Pair(1, 2));
    assertThatThrownBy(() -> pair.of(Map.of("first", 1L)))
        .hasMessage("pair takes exactly [first, second], got [first]");
    assertThatThrownBy(() -> pair.values(Map.of("first", 1L, "second", 2L)).get("third"))
        .hasMessageContaining("pair declares no attribute 'third'");
  }

  @Test
  void theApiStartsAtTheDefaultsRequiredAtZeroAndAnUpdateKeepsTheRest() {
    assertThat(pair.create(Attributes.empty("pair"))).isEqualTo(new Pair(0, 7));
    Attributes second =
        Attributes.of("pair", JsonNodeFactory.instance.objectNode().put("second", 9));
    assertThat(pair.update(new Pair(5, 6), second)).isEqualTo(new Pair(5, 9));
    assertThat(pair.create(second)).isEqualTo(new Pair(0, 9));
  }

  @Test
  void aTypeToxiproxyJavaCannotCreateSaysSo() {
    assertThat(pair.toxiproxyJava()).isEmpty();
    assertThatThrownBy(() -> pair.createWithToxiproxyJava(null, "p", null, Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("toxiproxy-java cannot create a pair toxic");
  }

  @Test
  void aDeclarationIsCheckedWhenMade() {
    assertThatThrownBy(() -> new ToxicType<Pair>("Pair", Pair.class) {
      @Override
      protected Pair build(Values v) {
        return null;
      }

      @Override
      public Optional<ToxiproxyJava<Pair, ?>> toxiproxyJava() {
        return Optional.empty();
      }
    }).hasMessageContaining("lower_snake_case");
    assertThatThrownBy(() -> new ToxicType<Pair>("pair", Pair.class,
        ToxicType.required("first", ToxicUnit.BYTES, Pair::first),
        ToxicType.required("first", ToxicUnit.BYTES, Pair::second)) {
      @Override
      protected Pair build(Values v) {
        return null;
      }

      @Override
      public Optional<ToxiproxyJava<Pair, ?>> toxiproxyJava() {
        return Optional.empty();
      }
    }).hasMessage("pair declares attribute first twice");
  }

  @Test
  void declarationsAreEqualByClass() {
    assertThat(new PairType()).isEqualTo(pair).hasSameHashCodeAs(pair).hasToString("pair");
    assertThat(new Latency.Type()).isEqualTo(ToxicCatalog.of(Latency.class)).isNotEqualTo(pair);
  }

  @Test
  void theRulesAcrossAttributesAreFaremarksForScenarios() {
    ToxicType<Slicer> slicer = ToxicCatalog.of(Slicer.class);
    assertThat(slicer.check(slicer.values(
        Map.of("average_size", 10L, "size_variation", 9L, "delay", 0L)))).isEmpty();
    assertThat(slicer.check(slicer.values(
        Map.of("average_size", 10L, "size_variation", 10L, "delay", 0L))))
        .contains(new ToxicType.Problem("size_variation",
            "expected less than average_size (10 B), as Toxiproxy requires; got 10 B"));
    ToxicType<Bandwidth> bandwidth = ToxicCatalog.of(Bandwidth.class);
    assertThat(bandwidth.check(bandwidth.values(Map.of("rate", 1L)))).isEmpty();
    assertThat(bandwidth.check(bandwidth.values(Map.of("rate", 0L))))
        .hasValueSatisfying(p -> assertThat(p.attribute()).isEqualTo("rate"));
  }
}
