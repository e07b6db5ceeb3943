package faremark.shaper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faremark.shaper.proxy.ProxyRegistry.ProxyInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShaperConfigTest {
  @TempDir Path dir;

  private Path write(String json) throws IOException {
    return Files.writeString(dir.resolve("proxies.json"), json);
  }

  @Test
  void readsToxiproxysPopulateFormat() throws IOException {
    Path file =
        write(
            "[{\"name\":\"a\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:1\"},"
                + "{\"name\":\"b\",\"upstream\":\"127.0.0.1:2\",\"enabled\":false}]");
    assertThat(ShaperConfig.read(file))
        .containsExactly(
            new ProxyInput("a", "127.0.0.1:0", "127.0.0.1:1", true),
            new ProxyInput("b", "", "127.0.0.1:2", false));
  }

  @Test
  void namesFileLineAndColumnOfBadJson() throws IOException {
    Path file = write("[\n  {\"name\": }\n]");
    assertThatThrownBy(() -> ShaperConfig.read(file))
        .hasMessageStartingWith(file + ":2:")
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void namesTheProxyAndFieldOfAWrongType() throws IOException {
    Path file = write("[{\"name\":\"a\",\"upstream\":\"x:1\"},{\"name\":\"b\",\"enabled\":\"yes\"}]");
    assertThatThrownBy(() -> ShaperConfig.read(file))
        .hasMessage(file + ": proxy 2: field enabled: expected true or false, got string \"yes\"");
  }
}
