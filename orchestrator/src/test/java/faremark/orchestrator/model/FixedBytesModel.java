package faremark.orchestrator.model;

import faremark.contract.DataSize;
import faremark.contract.FailureCause;
import faremark.contract.WorkloadResult;
import faremark.contract.WorkloadSpec;
import faremark.contract.model.ModelDeclaration;
import faremark.contract.model.Parallelism;
import faremark.workload.JavaModel;
import faremark.workload.RunDetails;
import faremark.workload.WorkloadModel;
import faremark.workload.http.RequestExecutor;
import faremark.workload.record.RunRecorder;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * {@code fixed-bytes}: a test model with a known cost per request in flight. It runs as {@code
 * virtual-threads} does and, while each request is in flight, holds K bytes of native memory it
 * allocated and touched (every page written), so a sweep over concurrency must find a slope of K
 * plus what a virtual-thread request costs on its own. Native (a direct buffer), not the Java
 * heap: heap arrays would be counted only as the heap grows, in steps of the collector's choosing,
 * while every page of a direct buffer is charged to the cgroup when it is written and given back
 * when it is freed. The buffer is freed as soon as its request ends (see {@link NativeBytes}), so
 * waves of requests reuse the memory instead of piling it up until a collection.
 *
 * <p>K is the system property {@value #PROPERTY} (a size such as {@code 256KiB}, set through the
 * scenario's {@code run.jvmArgs}), else the environment variable {@value #ENV}, else {@link
 * #DEFAULT_BYTES}; the run's details say which K it used.
 */
final class FixedBytesModel implements WorkloadModel {
  static final String ID = "fixed-bytes";
  static final String PROPERTY = "faremark.bytesPerRequest";
  static final String ENV = "FAREMARK_BYTES_PER_REQUEST";
  static final DataSize DEFAULT_BYTES = DataSize.ofKiB(256);
  /** The page size of every Linux target here; each is written once so the kernel charges it. */
  private static final int PAGE = 4096;

  private final WorkloadSpec spec;
  private final RunRecorder recorder = new RunRecorder();
  private final RequestExecutor requests;
  private final Semaphore slots;
  private final int bytes;

  FixedBytesModel(WorkloadSpec spec) {
    this.spec = spec;
    this.requests = new RequestExecutor(spec, recorder);
    this.slots = new Semaphore(spec.concurrency());
    this.bytes = Math.toIntExact(bytesPerRequest().bytes());
  }

  /** K, from the property, the environment or the default. */
  static DataSize bytesPerRequest() {
    String given = System.getProperty(PROPERTY, System.getenv(ENV));
    return given == null || given.isBlank() ? DEFAULT_BYTES : DataSize.parse(given.strip());
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void prepare() throws InterruptedException {
    requests.warmUp();
    Thread.ofVirtual().name("warm-up").start(() -> {}).join();
    NativeBytes.free(touched(PAGE)); // loads the buffer and cleaner classes before ready
  }

  @Override
  public WorkloadResult run() {
    try (ExecutorService perRequest =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fetch-", 1).factory())) {
      for (LocalDate date : spec.dates()) {
        perRequest.submit(() -> fetchHolding(date));
      }
    }
    Map<String, Object> details = RunDetails.of(spec, recorder);
    details.put("bytesPerRequest", bytes);
    details.put("bytesFreedExplicitly", NativeBytes.explicit());
    return recorder.result(ID, spec.days(), details);
  }

  private void fetchHolding(LocalDate date) {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      recorder.lost(FailureCause.INTERRUPTED, 1, "interrupted waiting for a slot: " + date);
      return;
    }
    ByteBuffer held = touched(bytes);
    try {
      requests.fetch(date);
    } finally {
      Reference.reachabilityFence(held);
      NativeBytes.free(held);
      slots.release();
    }
  }

  /** {@code n} bytes of native memory with every page written. */
  private static ByteBuffer touched(int n) {
    ByteBuffer b = ByteBuffer.allocateDirect(n);
    for (int i = 0; i < n; i += PAGE) {
      b.put(i, (byte) 1);
    }
    if (n > 0) {
      b.put(n - 1, (byte) 1);
    }
    return b;
  }

  @Override
  public void close() {
    requests.close();
  }

  /** Registers {@value #ID} (one line in META-INF/services/faremark.workload.JavaModel). */
  public static final class Provider extends JavaModel.Of {
    public Provider() {
      super(ModelDeclaration.java(ID,
          "test model: virtual-threads holding K touched native bytes per request in flight"
              + " (-D" + PROPERTY + ", default " + DEFAULT_BYTES + ")", "#7f7f7f",
          Parallelism.CLIENT_POOL),
          FixedBytesModel::new);
    }
  }
}
