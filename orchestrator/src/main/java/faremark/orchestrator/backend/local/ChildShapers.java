package faremark.orchestrator.backend.local;

import faremark.orchestrator.network.ToxiproxyApi;
import faremark.shaper.ShaperMain;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The local backend's proxy as shaper processes of their own, each a child JVM with its API on a
 * free loopback port, all started with {@code -reuse-port} so that they can share the proxy's
 * listen port: the orchestrator creates the one proxy on each ({@code NetworkShaping}).
 */
final class ChildShapers {
  /** What {@link ShaperMain} prints once its API listens. */
  static final Pattern LISTENING =
      Pattern.compile("^shaper: Toxiproxy \\S+ API listening on (\\S+):(\\d+)");

  private ChildShapers() {}

  /**
   * Starts {@code count} shapers, one after the other; if one fails, those already started are
   * stopped again.
   *
   * @param seed the toxics' seed of the first; the others get {@code seed + i}, so that their
   *     draws are not the same sequence repeated
   * @param log where their stderr goes
   */
  static List<ToxiproxyApi> start(int count, long seed, Path log) throws IOException {
    List<ToxiproxyApi> apis = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        StageProcess p = StageProcess.start("shaper " + (i + 1) + " of " + count,
            ShaperMain.class.getName(), List.of("-host", "127.0.0.1", "-port", "0",
                "-seed", Long.toString(seed + i), "-reuse-port"), LISTENING, log);
        URI api = URI.create("http://" + p.ready().group(1) + ":" + p.ready().group(2));
        apis.add(ToxiproxyApi.owned(api, "shaper process " + p.pid(), p));
      }
      return apis;
    } catch (IOException | RuntimeException e) {
      for (ToxiproxyApi api : apis) {
        try {
          api.close();
        } catch (IOException | RuntimeException again) {
          e.addSuppressed(again);
        }
      }
      throw e;
    }
  }
}
