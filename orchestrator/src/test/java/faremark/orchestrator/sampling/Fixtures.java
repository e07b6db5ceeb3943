package faremark.orchestrator.sampling;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Fixture directories under src/test/resources. */
final class Fixtures {
  private Fixtures() {}

  static Path path(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing fixture " + name, e);
    }
  }
}
