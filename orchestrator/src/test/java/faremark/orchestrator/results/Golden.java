package faremark.orchestrator.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden/}. A missing file, or {@code
 * -Dgolden.update=true}, writes the file and fails the test, so an update is always a
 * deliberate act: look at the new file, then commit it.
 */
public final class Golden {
  private Golden() {}

  public static void assertMatches(String name, String actual) {
    Path file = dir().resolve(name);
    String text = normalize(actual);
    boolean exists = Files.exists(file);
    if (!exists || Boolean.getBoolean("golden.update")) {
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      fail("golden file " + file + " was " + (exists ? "rewritten" : "written")
          + "; check it by eye, commit it and run the test again without -Dgolden.update");
    }
    try {
      assertThat(text)
          .as("output differs from golden file %s (rerun with -Dgolden.update=true to rewrite it)", file)
          .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The source tree's golden folder (not the copy on the test classpath, which a rewrite would miss). */
  private static Path dir() {
    return Path.of(System.getProperty("basedir", "")).toAbsolutePath()
        .resolve("src/test/resources/golden");
  }

  /** Golden files use \n whatever the platform's line separator. */
  private static String normalize(String s) {
    return s.replace("\r\n", "\n");
  }
}
