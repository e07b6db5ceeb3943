package faremark.orchestrator.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Python models' own knobs (scenario section {@code python:}), the ones the article's
 * readers asked about that the shared {@code client:} fields do not cover. The shared ones map
 * onto Python as: concurrency → ThreadPoolExecutor workers, gevent pool, asyncio semaphore;
 * poolSize → requests' {@code pool_maxsize} and aiohttp's connector {@code limit}; connections →
 * one Session/ClientSession or one per request; processes → the multiprocessing pool.
 * Passed to the workloads as {@code WorkloadSpec.options} and so recorded in every spec.json.
 *
 * @param aiohttpLimitPerHost aiohttp's {@code limit_per_host}; 0 = no per-host cap (aiohttp's
 *     default), written {@code unlimited}
 * @param requestsPoolBlock requests' {@code pool_block}: wait for a pooled connection (true) or
 *     open an extra, discarded one when the pool is busy (false, requests' default)
 * @param geventPoolSize gevent pool size; 0 = client.concurrency, written {@code auto}
 * @param startMethod multiprocessing start method: fork (Linux default), spawn or forkserver
 */
public record PythonSettings(
    int aiohttpLimitPerHost, boolean requestsPoolBlock, int geventPoolSize, String startMethod) {
  public static final List<String> START_METHODS = List.of("fork", "spawn", "forkserver");
  public static final PythonSettings DEFAULTS = new PythonSettings(0, false, 0, "fork");

  public PythonSettings {
    Objects.requireNonNull(startMethod, "startMethod");
    if (aiohttpLimitPerHost < 0 || geventPoolSize < 0 || !START_METHODS.contains(startMethod)) {
      throw new IllegalArgumentException("python settings out of range: " + aiohttpLimitPerHost
          + ", " + geventPoolSize + ", " + startMethod);
    }
  }

  /** As {@code WorkloadSpec.options}: the names the Python models read. */
  public Map<String, Object> options() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("aiohttpLimitPerHost", aiohttpLimitPerHost);
    o.put("requestsPoolBlock", requestsPoolBlock);
    if (geventPoolSize > 0) {
      o.put("geventPoolSize", geventPoolSize);
    }
    o.put("startMethod", startMethod);
    return o;
  }
}
