package faremark.workload;

import faremark.contract.WorkloadResult;

/**
 * One concurrency model, created for one spec by its {@code JavaModel} provider. The two phases
 * match the contract's two events: after {@link #prepare()} the runtime is up and the model's
 * classes and HTTP client are initialised but no request has been sent ({@code ready}); {@link
 * #run()} fetches every day and returns the result ({@code done}).
 */
public interface WorkloadModel extends AutoCloseable {

  /** The model's id, as declared. */
  String id();

  /** Everything short of sending the first request. */
  void prepare() throws Exception;

  /** Fetches, parses and aggregates every day of the spec. Failed requests are counted, not thrown. */
  WorkloadResult run() throws Exception;

  /**
   * Whether this model makes the spec's warm-up passes ({@code spec.warmup()}) itself, in the
   * processes that send its requests, and lists them in its result's {@code details.warmup}.
   * False for every model whose requests go out of this JVM: {@code WorkloadMain} then warms the
   * JVM up through throw-away instances of the model. A model whose requests go out of other
   * processes (multi-process) says true, since a throw-away instance here would warm nothing the
   * measured instance uses.
   */
  default boolean warmsUpItself() {
    return false;
  }

  /** Releases clients, threads and processes; safe to call more than once. */
  @Override
  void close();
}
