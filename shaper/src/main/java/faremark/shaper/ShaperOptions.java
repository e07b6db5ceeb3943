package faremark.shaper;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the shaper's API listens and which proxies it starts with.
 *
 * @param host API address (Toxiproxy's {@code -host}); 127.0.0.1 by default
 * @param port API port (Toxiproxy's {@code -port}, default 8474); 0 picks a free one
 * @param config a JSON array of proxies in Toxiproxy's populate format ({@code -config})
 */
public record ShaperOptions(String host, int port, Optional<Path> config) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8474;

  public ShaperOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(config, "config");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
  }

  /** 127.0.0.1, a free port, no proxies: what the orchestrator embeds. */
  public static ShaperOptions loopbackEphemeral() {
    return new ShaperOptions(DEFAULT_HOST, 0, Optional.empty());
  }
}
