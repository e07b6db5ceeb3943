package faremark.shaper.toxic;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.ToxicList;
import java.io.IOException;
import java.util.function.Function;

/**
 * How toxiproxy-java creates one toxic type and reads it back, part of the type's {@link
 * ToxicType declaration}. The client has a typed method per Toxiproxy toxic ({@code
 * ToxicList.latency(name, stream, latency)}, ...) that takes the main attribute, and a setter per
 * other attribute that sends one update each; it has nothing generic, so only Toxiproxy's own
 * seven toxics can have one.
 *
 * @param clientClass the client's class for the toxic; a toxic the proxy lists is read back by
 *     the declaration whose client class it is
 * @param create creates the toxic with toxicity 1 and every attribute set: the typed method, then
 *     the setters for attributes it does not take (only those that are not 0, the API's default,
 *     so that a plain toxic costs one call). Nothing flows through the proxy until every toxic is
 *     in place, so no connection sees a half-made one.
 * @param read the shaper's toxic with the values the client read
 */
public record ToxiproxyJava<T extends Toxic, C extends eu.rekawek.toxiproxy.model.Toxic>(
    Class<C> clientClass, Creator<T, C> create, Function<C, T> read) {

  /** One toxiproxy-java call sequence that creates a toxic. */
  @FunctionalInterface
  public interface Creator<T, C> {
    C create(ToxicList toxics, String name, ToxicDirection stream, T toxic) throws IOException;
  }

  /** The shaper's toxic for a client toxic of {@link #clientClass}. */
  T readBack(eu.rekawek.toxiproxy.model.Toxic toxic) {
    return read.apply(clientClass.cast(toxic));
  }
}
