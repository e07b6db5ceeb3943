package faremark.workload;

import faremark.contract.WorkloadSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The one list of Java models. Ids are the names used everywhere: YAML, CSV, reports. */
public final class ModelCatalog {
  /** The class the orchestrator launches: {@code java -cp ... faremark.workload.WorkloadMain}. */
  public static final String MAIN_CLASS = "faremark.workload.WorkloadMain";

  private static final List<ModelInfo> MODELS =
      List.of(
          new ModelInfo(SequentialModel.ID, "one request after another on the main thread"),
          new ModelInfo(ThreadPoolModel.ID, "a fixed pool of platform threads, size = concurrency"),
          new ModelInfo(VirtualThreadsModel.ID, "one virtual thread per request, at most concurrency at once"),
          new ModelInfo(AsyncModel.ID, "non-blocking I/O on a single event-loop thread (the asyncio analogue)"),
          new ModelInfo(MultiProcessModel.ID, "K worker JVMs sharing the days, each sequential"));

  private static final Map<String, Function<WorkloadSpec, WorkloadModel>> FACTORIES = factories();

  private ModelCatalog() {}

  public static List<ModelInfo> models() {
    return MODELS;
  }

  public static Optional<ModelInfo> find(String id) {
    return MODELS.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  /** The ids, comma-separated, for messages. */
  public static String ids() {
    return MODELS.stream().map(ModelInfo::id).collect(Collectors.joining(", "));
  }

  /**
   * A model ready to {@link WorkloadModel#prepare() prepare} and {@link WorkloadModel#run() run}
   * the spec, chosen by {@code spec.model()}.
   *
   * @throws IllegalArgumentException for an id not in the catalog
   */
  public static WorkloadModel create(WorkloadSpec spec) {
    Function<WorkloadSpec, WorkloadModel> factory = FACTORIES.get(spec.model());
    if (factory == null) {
      throw new IllegalArgumentException("unknown model '" + spec.model() + "', expected one of " + ids());
    }
    return factory.apply(spec);
  }

  private static Map<String, Function<WorkloadSpec, WorkloadModel>> factories() {
    Map<String, Function<WorkloadSpec, WorkloadModel>> f = new LinkedHashMap<>();
    f.put(SequentialModel.ID, SequentialModel::new);
    f.put(ThreadPoolModel.ID, ThreadPoolModel::new);
    f.put(VirtualThreadsModel.ID, VirtualThreadsModel::new);
    f.put(AsyncModel.ID, AsyncModel::new);
    f.put(MultiProcessModel.ID, MultiProcessModel::new);
    return Map.copyOf(f);
  }
}
