package faremark.workload;

import java.util.List;
import java.util.Optional;

/** The one list of Java models. Ids are the names used everywhere: YAML, CSV, reports. */
public final class ModelCatalog {
  /** The class the orchestrator launches: {@code java -cp ... faremark.workload.WorkloadMain}. */
  public static final String MAIN_CLASS = "faremark.workload.WorkloadMain";

  private static final List<ModelInfo> MODELS =
      List.of(
          new ModelInfo("sequential", "one request after another on the main thread"),
          new ModelInfo("thread-pool", "a fixed pool of platform threads, size = concurrency"),
          new ModelInfo("virtual-threads", "one virtual thread per request, at most concurrency at once"),
          new ModelInfo("async", "non-blocking I/O on a single event-loop thread (the asyncio analogue)"),
          new ModelInfo("multi-process", "K worker JVMs sharing the days, each sequential"));

  private ModelCatalog() {}

  public static List<ModelInfo> models() {
    return MODELS;
  }

  public static Optional<ModelInfo> find(String id) {
    return MODELS.stream().filter(m -> m.id().equals(id)).findFirst();
  }
}
