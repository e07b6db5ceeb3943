package faremark.shaper.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToxicCatalogTest {
  /**
   * A different value for every attribute, falling in declaration order, so that a rule of the
   * kind "a later attribute below an earlier one" (slicer) holds.
   */
  static Map<String, Long> distinctValues(ToxicType<?> type) {
    Map<String, Long> values = new LinkedHashMap<>();
    long v = 1000;
    for (String name : type.attributeNames()) {
      values.put(name, v);
      v -= 111;
    }
    return values;
  }

  @Test
  void theRegisteredTypesAreToxiproxysSevenInItsOrder() {
    assertThat(ToxicCatalog.TYPES).containsExactly(
        "latency", "bandwidth", "slow_close", "timeout", "reset_peer", "slicer", "limit_data");
    assertThat(ToxicCatalog.all()).extracting(ToxicType::id).isEqualTo(ToxicCatalog.TYPES);
    assertThat(ToxicCatalog.all()).allSatisfy(t -> assertThat(t.toxiproxyJava()).isPresent());
  }

  /** Distinct values through build and back catch a declaration that swaps or drops one. */
  @Test
  void everyDeclarationBuildsTheToxicItReadsBack() {
    for (ToxicType<?> type : ToxicCatalog.all()) {
      Map<String, Long> values = distinctValues(type);
      Toxic toxic = type.of(values);
      assertThat(toxic).isInstanceOf(type.toxicClass());
      assertThat(toxic.type()).isEqualTo(type.id());
      assertThat(toxic.attributes()).containsExactlyEntriesOf(values);
      assertThat(ToxicCatalog.of(type.toxicClass())).isSameAs(type);
      assertThat(ToxicCatalog.find(type.id())).containsSame(type);
      assertThat(type.check(type.values(values))).isEmpty();
    }
  }

  @Test
  void theApiStartsANewToxicAtItsDefaultsAndAnUpdateKeepsWhatItDoesNotGive() {
    for (ToxicType<?> type : ToxicCatalog.all()) {
      Toxic created = ToxicCatalog.create(type.id(), Attributes.empty(type.id())).orElseThrow();
      for (ToxicType.Attribute<?> a : type.attributes()) {
        assertThat(created.attributes()).containsEntry(a.name(), a.defaultValue().orElse(0));
      }
      Map<String, Long> values = distinctValues(type);
      String first = type.attributeNames().get(0);
      Toxic updated = ToxicCatalog.update(type.of(values),
          Attributes.of(type.id(), JsonNodeFactory.instance.objectNode().put(first, 7)));
      values.put(first, 7L);
      assertThat(updated.attributes()).containsExactlyEntriesOf(values);
    }
  }

  @Test
  void anUnknownTypeOrUnregisteredClassIsNamed() {
    assertThat(ToxicCatalog.find("slow_open")).isEmpty();
    assertThat(ToxicCatalog.create("slow_open", Attributes.empty("slow_open"))).isEmpty();
    assertThatThrownBy(() -> ToxicCatalog.of(Stray.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Stray.class.getName())
        .hasMessageContaining("META-INF/services/faremark.shaper.toxic.ToxicType");
  }

  /** A toxic whose declaration was never registered. */
  record Stray() implements Toxic {
    @Override
    public Stage newStage(LinkContext link) {
      return new PassThrough(link);
    }
  }
}
