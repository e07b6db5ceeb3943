package faremark.shaper;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Where the shaper's API listens and which proxies it starts with.
 *
 * @param host API address (Toxiproxy's {@code -host}); 127.0.0.1 by default
 * @param port API port (Toxiproxy's {@code -port}, default 8474); 0 picks a free one
 * @param config a JSON array of proxies in Toxiproxy's populate format ({@code -config})
 * @param seed the seed of every random draw of the toxics (toxicity, jitter, slice sizes), as
 *     Toxiproxy's {@code -seed}; empty: unseeded, each run draws differently
 * @param reusePort proxies listen with {@code SO_REUSEPORT} ({@code -reuse-port}, not a
 *     Toxiproxy flag): several shapers given the same proxies share their listen ports
 */
public record ShaperOptions(
    String host, int port, Optional<Path> config, OptionalLong seed, boolean reusePort) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8474;

  public ShaperOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(seed, "seed");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
  }

  public ShaperOptions(String host, int port, Optional<Path> config, OptionalLong seed) {
    this(host, port, config, seed, false);
  }

  public ShaperOptions(String host, int port, Optional<Path> config) {
    this(host, port, config, OptionalLong.empty());
  }

  /** 127.0.0.1, a free port, no proxies: what the orchestrator embeds. */
  public static ShaperOptions loopbackEphemeral() {
    return new ShaperOptions(DEFAULT_HOST, 0, Optional.empty());
  }

  public ShaperOptions withSeed(long seed) {
    return new ShaperOptions(host, port, config, OptionalLong.of(seed), reusePort);
  }

  public ShaperOptions withReusePort() {
    return new ShaperOptions(host, port, config, seed, true);
  }

  /**
   * The one generator of the shaper's toxics: with a seed, a {@link Random} shared by every
   * event loop (it is thread-safe, and a draw is a few nanoseconds), so the draws come in one
   * sequence, which connections take in the order they start; without one, each event loop's
   * own {@link ThreadLocalRandom}, asked at every draw.
   */
  RandomGenerator random() {
    if (seed.isPresent()) {
      return new Random(seed.getAsLong());
    }
    return () -> ThreadLocalRandom.current().nextLong();
  }
}
