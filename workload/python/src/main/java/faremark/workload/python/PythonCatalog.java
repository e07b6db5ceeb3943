package faremark.workload.python;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one list of Python models, the Java twin of {@code faremark_py/catalog.py} (a test checks
 * they agree). Ids carry a {@code py-} prefix so they never clash with the Java models'.
 */
public final class PythonCatalog {
  /** The Python package holding the models. */
  public static final String PACKAGE = "faremark_py";
  /** The launcher at the root of the extracted sources: {@code python3 run_model.py <id> --spec f}. */
  public static final String LAUNCHER = "run_model.py";

  private static final List<PythonModel> MODELS =
      List.of(
          new PythonModel("py-sequential", "sequential", List.of("requests"),
              "one requests call after another (the article's baseline)"),
          new PythonModel("py-threads", "threads", List.of("requests"),
              "ThreadPoolExecutor of blocking requests calls, workers = concurrency"),
          new PythonModel("py-gevent", "gevent_pool", List.of("gevent", "requests"),
              "monkey-patched requests on a gevent pool of size concurrency"),
          new PythonModel("py-asyncio", "asyncio_aiohttp", List.of("aiohttp"),
              "asyncio + aiohttp on one event loop, a semaphore of concurrency"),
          new PythonModel("py-multiprocessing", "multiprocessing_pool", List.of("requests"),
              "multiprocessing.Pool of K processes, each one request at a time"));

  /** Debian packages that provide each library (the machine has no PyPI). */
  private static final Map<String, String> DEBIAN_PACKAGES =
      Map.of("requests", "python3-requests", "aiohttp", "python3-aiohttp", "gevent", "python3-gevent");

  private PythonCatalog() {}

  public static List<PythonModel> models() {
    return MODELS;
  }

  public static Optional<PythonModel> find(String id) {
    return MODELS.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  public static String ids() {
    return MODELS.stream().map(PythonModel::id).collect(Collectors.joining(", "));
  }

  /** How to install a missing library, for the message that skips a model. */
  public static String installHint(List<String> modules) {
    return "apt-get install -y "
        + modules.stream().map(m -> DEBIAN_PACKAGES.getOrDefault(m, "python3-" + m))
            .collect(Collectors.joining(" "))
        + " (or pip install " + String.join(" ", modules) + ")";
  }
}
