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

  /** Releases clients, threads and processes; safe to call more than once. */
  @Override
  void close();
}
