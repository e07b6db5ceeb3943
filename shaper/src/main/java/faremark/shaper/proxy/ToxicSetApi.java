package faremark.shaper.proxy;

import faremark.shaper.toxic.Attributes;
import faremark.shaper.toxic.ToxicSpec;
import java.util.List;
import java.util.Optional;

/** The toxic operations of one proxy, as the API uses them. */
public final class ToxicSetApi {
  private final ToxicSet toxics;

  ToxicSetApi(ToxicSet toxics) {
    this.toxics = toxics;
  }

  public List<ToxicSpec> list() {
    return toxics.list();
  }

  public ToxicSpec get(String name) {
    return toxics.get(name).orElseThrow(ApiException::toxicNotFound);
  }

  public ToxicSpec add(ToxicSpec spec) {
    return toxics.add(spec);
  }

  public ToxicSpec update(String name, Optional<Float> toxicity, Attributes attributes) {
    return toxics.update(name, toxicity, attributes);
  }

  public void remove(String name) {
    toxics.remove(name);
  }

  public void clear() {
    toxics.clear();
  }
}
