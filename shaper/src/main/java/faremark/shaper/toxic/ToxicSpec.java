package faremark.shaper.toxic;

/**
 * A toxic as the API sees it: {@code {name, type, stream, toxicity, attributes}}.
 *
 * @param toxicity probability that the toxic applies to a given connection and direction, rolled
 *     when the toxic starts there — Toxiproxy's {@code rand.Float32() < toxicity} in
 *     {@code ToxicStub.Run}
 */
public record ToxicSpec(String name, Direction stream, float toxicity, Toxic toxic) {
  /** Toxiproxy's default name: {@code <type>_<stream>}. */
  public static String defaultName(String type, Direction stream) {
    return type + "_" + stream.id();
  }

  /** The stage for a new connection and direction: the toxic, or a pass-through if the roll fails. */
  public Stage newStage(LinkContext link) {
    return link.random().nextFloat() < toxicity
        ? toxic.newStage(link)
        : new PassThrough(link);
  }

  public ToxicSpec with(float toxicity, Toxic toxic) {
    return new ToxicSpec(name, stream, toxicity, toxic);
  }
}
