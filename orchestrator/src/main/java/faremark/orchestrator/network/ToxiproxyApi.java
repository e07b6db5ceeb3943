package faremark.orchestrator.network;

import java.io.IOException;
import java.net.URI;

/**
 * Where a Toxiproxy API answers, and what owns it: faremark's shaper, embedded or a child process
 * (closed with the experiment), or a Toxiproxy someone else runs (left running; only our proxy is
 * removed).
 */
public interface ToxiproxyApi extends AutoCloseable {
  String host();

  int port();

  /** For the console and {@code network.json}: "embedded shaper" or "Toxiproxy at …". */
  String describe();

  /** True when this API lives and dies with the experiment. */
  boolean embedded();

  @Override
  void close() throws IOException;

  /**
   * A shaper faremark started as a process of its own, at {@code url}: it lives and dies with the
   * experiment, and closing it runs {@code stop}.
   */
  static ToxiproxyApi owned(URI url, String owner, AutoCloseable stop) {
    return new At(url, owner + " (Toxiproxy API at " + url + ")", true, stop);
  }

  /** A Toxiproxy that someone else runs, at {@code url} ({@code http://host:port}). */
  static ToxiproxyApi external(URI url) {
    return external(url, "Toxiproxy");
  }

  /** As {@link #external(URI)}, described as {@code owner} (e.g. "Toxiproxy 2.12.0 container"). */
  static ToxiproxyApi external(URI url, String owner) {
    return new At(url, owner + " at " + url, false, () -> {});
  }

  /** An API at a URL: an owned one closes with {@code stop}, someone else's with nothing. */
  record At(URI url, String describe, boolean embedded, AutoCloseable stop) implements ToxiproxyApi {
    @Override
    public String host() {
      return url.getHost();
    }

    @Override
    public int port() {
      return url.getPort();
    }

    @Override
    public void close() throws IOException {
      try {
        stop.close();
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException(e);
      }
    }
  }
}
