package faremark.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * What one workload run must do: the workload contract's input, identical for Java, Python and
 * external models. Serialized as JSON; durations travel as whole milliseconds ({@code *Ms}) so
 * that any language can read them without a duration parser.
 *
 * @param model the model id (a catalog id such as {@code virtual-threads})
 * @param target base URL of the fare API, e.g. {@code http://127.0.0.1:8080}; requests go to
 *     {@code target + /fares?from=&to=&date=}
 * @param route the route whose fares are fetched
 * @param startDate first day fetched
 * @param days how many consecutive days, one request each
 * @param concurrency at most this many requests in flight (threads, tasks, coroutines...)
 * @param connections {@code shared} or {@code per-request} client/session
 * @param poolSize most connections the shared client keeps open at once
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout whole-request timeout, from send to the last body byte
 * @param processes worker processes, for the multi-process models (0: model default)
 * @param options model-specific knobs, recorded as given
 * @param retries times a failed request is tried again before it counts as failed (0: never).
 *     Absent from the JSON means 0, so specs written before it existed, and workloads that do
 *     not know it, behave as before. A workload that retries records its retries by cause in
 *     the result's {@code details.retried}, so a run retried into success differs from a clean one
 * @param warmup passes of the whole job the workload makes before {@code ready}, each through a
 *     throw-away instance of the same model whose client, connections and threads are closed
 *     before the measured instance is made, so the measured run still opens its own connections
 *     and starts its own threads and only the runtime is warm (0: none, the default). Absent
 *     from the JSON means 0 and 0 is never written, so a spec without warm-up is the JSON it
 *     always was and a workload that does not know the field never sees it. A workload that
 *     warms up reports each pass in its result's {@code details.warmup} ({@link WarmupPass});
 *     those requests are never counted in the result itself
 */
public record WorkloadSpec(
    String model,
    URI target,
    Route route,
    LocalDate startDate,
    int days,
    int concurrency,
    ConnectionReuse connections,
    int poolSize,
    @JsonProperty("connectTimeoutMs") 
        @JsonSerialize(using = MillisDuration.Serializer.class)
        @JsonDeserialize(using = MillisDuration.Deserializer.class)
        Duration connectTimeout,
    @JsonProperty("requestTimeoutMs") 
        @JsonSerialize(using = MillisDuration.Serializer.class)
        @JsonDeserialize(using = MillisDuration.Deserializer.class)
        Duration requestTimeout,
    int processes,
    Map<String, Object> options,
    int retries,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) int warmup) {

  public WorkloadSpec {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(startDate, "startDate");
    Objects.requireNonNull(connections, "connections");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (days < 1) {
      throw new IllegalArgumentException("days must be >= 1, got " + days);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be >= 1, got " + poolSize);
    }
    if (processes < 0) {
      throw new IllegalArgumentException("processes must be >= 0, got " + processes);
    }
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be >= 0, got " + retries);
    }
    if (warmup < 0) {
      throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
    }
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  /** A spec without retries, as before the field existed. */
  public WorkloadSpec(
      String model, URI target, Route route, LocalDate startDate, int days, int concurrency,
      ConnectionReuse connections, int poolSize, Duration connectTimeout, Duration requestTimeout,
      int processes, Map<String, Object> options) {
    this(model, target, route, startDate, days, concurrency, connections, poolSize, connectTimeout,
        requestTimeout, processes, options, 0);
  }

  /** A spec without warm-up, as before the field existed. */
  public WorkloadSpec(
      String model, URI target, Route route, LocalDate startDate, int days, int concurrency,
      ConnectionReuse connections, int poolSize, Duration connectTimeout, Duration requestTimeout,
      int processes, Map<String, Object> options, int retries) {
    this(model, target, route, startDate, days, concurrency, connections, poolSize, connectTimeout,
        requestTimeout, processes, options, retries, 0);
  }

  /** The days this run fetches, in order. */
  @JsonIgnore
  public List<LocalDate> dates() {
    return IntStream.range(0, days).mapToObj(startDate::plusDays).toList();
  }

  /** The URL of one day's fares. */
  public URI faresUri(LocalDate date) {
    String base = target.toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(
        base + "/fares?from=" + route.from() + "&to=" + route.to() + "&date=" + date);
  }

  public WorkloadSpec withModel(String newModel) {
    return new WorkloadSpec(newModel, target, route, startDate, days, concurrency, connections,
        poolSize, connectTimeout, requestTimeout, processes, options, retries, warmup);
  }

  public WorkloadSpec withTarget(URI newTarget) {
    return new WorkloadSpec(model, newTarget, route, startDate, days, concurrency, connections,
        poolSize, connectTimeout, requestTimeout, processes, options, retries, warmup);
  }

  /** The same job with {@code passes} warm-up passes before {@code ready}. */
  public WorkloadSpec withWarmup(int passes) {
    return new WorkloadSpec(model, target, route, startDate, days, concurrency, connections,
        poolSize, connectTimeout, requestTimeout, processes, options, retries, passes);
  }

  /** The same job restricted to {@code count} days from {@code first}: a multi-process share. */
  public WorkloadSpec slice(LocalDate first, int count) {
    return new WorkloadSpec(model, target, route, first, count, concurrency, connections,
        poolSize, connectTimeout, requestTimeout, processes, options, retries, warmup);
  }
}
