package faremark.orchestrator.sampling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Samples a probe at a fixed interval on one daemon platform thread, keeping the samples in
 * memory.
 *
 * <p>Ticks follow a deadline schedule, tick k at start + k × interval, so the series does not
 * drift however long a read takes. A tick that comes too late (the read overran, or the thread was
 * not scheduled) is skipped and counted as missed rather than taken in a burst: a burst would put
 * several samples on the same moment and no new information in them.
 *
 * <p>A platform thread, not a virtual one: it must keep ticking while the carrier pool is busy,
 * and it parks most of the time anyway. Reads that fail (the process or cgroup is gone) are
 * counted, never thrown out of the thread.
 */
public final class Sampler implements AutoCloseable {
  public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(10);

  private final MemoryProbe probe;
  private final RunClock clock;
  private final long intervalNanos;
  private final Thread thread;
  /** Told of each sample as it is taken, whether kept or streamed (a {@link BreakdownTracker}). */
  private final Consumer<MemorySample> listener;
  private final List<MemorySample> samples = new ArrayList<>();
  /** Where each sample goes as it is taken; null: kept in {@link #samples} only. */
  private final Consumer<MemorySample> sink;
  private int taken;
  private Duration firstAt;
  private Duration lastAt;
  private volatile boolean stopping;
  private boolean closed;
  private long missedTicks;
  private long failures;
  private long sampleCostNanos;
  private long reads;
  private String lastFailure;

  private Sampler(MemoryProbe probe, RunClock clock, Duration interval, Consumer<MemorySample> sink,
      Consumer<MemorySample> listener) {
    this.listener = Objects.requireNonNull(listener);
    this.probe = Objects.requireNonNull(probe);
    this.sink = sink;
    this.clock = Objects.requireNonNull(clock);
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("sampling interval must be positive: " + interval);
    }
    this.intervalNanos = interval.toNanos();
    this.thread = new Thread(this::loop, "faremark-sampler-" + probe.source());
    thread.setDaemon(true);
  }

  /** Starts sampling now: the first sample is taken at once, then one every {@code interval}. */
  public static Sampler start(MemoryProbe probe, RunClock clock, Duration interval) {
    return start(probe, clock, interval, s -> {});
  }

  /**
   * As {@link #start(MemoryProbe, RunClock, Duration)}, handing each sample to {@code listener} on
   * the sampler's thread as it is taken (a {@link BreakdownTracker}); it must be quick.
   */
  public static Sampler start(MemoryProbe probe, RunClock clock, Duration interval,
      Consumer<MemorySample> listener) {
    Sampler sampler = new Sampler(probe, clock, interval, null, listener);
    sampler.thread.start();
    return sampler;
  }

  /**
   * Starts sampling now and hands each sample to {@code sink} on the sampler's thread instead of
   * keeping it ({@link #samples} stays empty; {@link #stats} counts as usual): the probe container
   * streams its samples out as it takes them, so a long run does not grow its memory. The sink
   * must be quick (a buffered write); time it takes is charged to the next tick.
   */
  public static Sampler streaming(MemoryProbe probe, RunClock clock, Duration interval,
      Consumer<MemorySample> sink) {
    Sampler sampler = new Sampler(probe, clock, interval, Objects.requireNonNull(sink), s -> {});
    sampler.thread.start();
    return sampler;
  }

  public static Sampler start(MemoryProbe probe, RunClock clock) {
    return start(probe, clock, DEFAULT_INTERVAL);
  }

  public MemoryProbe probe() {
    return probe;
  }

  private void loop() {
    long start = clock.nanos();
    long tick = 0;
    while (!stopping) {
      takeSample();
      long now = clock.nanos();
      long next = tick + 1;
      long due = start + next * intervalNanos;
      if (now > due) {
        // Late: jump to the first tick still in the future and count the ones we skip.
        long late = (now - start) / intervalNanos + 1;
        synchronized (this) {
          missedTicks += late - next;
        }
        next = late;
        due = start + next * intervalNanos;
      }
      tick = next;
      // parkNanos may return early (spurious wake-up, unpark from close()): re-check the clock.
      for (long wait = due - clock.nanos(); wait > 0 && !stopping; wait = due - clock.nanos()) {
        LockSupport.parkNanos(this, wait);
      }
    }
  }

  private void takeSample() {
    long before = System.nanoTime();
    try {
      MemorySample sample = probe.sample(clock.elapsed());
      synchronized (this) {
        if (sink == null) {
          samples.add(sample);
        }
        taken++;
        if (firstAt == null) {
          firstAt = sample.at();
        }
        lastAt = sample.at();
      }
      if (sink != null) {
        sink.accept(sample);
      }
      listener.accept(sample);
    } catch (RuntimeException e) {
      // After the process is gone the source may vanish at any moment; record, do not throw.
      synchronized (this) {
        failures++;
        lastFailure = e.getMessage();
      }
    } finally {
      long cost = System.nanoTime() - before;
      synchronized (this) {
        sampleCostNanos += cost;
        reads++;
      }
    }
  }

  /** A copy of the samples so far, in time order. */
  public synchronized List<MemorySample> samples() {
    return List.copyOf(samples);
  }

  public synchronized SamplerStats stats() {
    Optional<Duration> mean =
        taken < 2 ? Optional.empty() : Optional.of(lastAt.minus(firstAt).dividedBy(taken - 1));
    return new SamplerStats(
        taken,
        missedTicks,
        failures,
        Duration.ofNanos(intervalNanos),
        mean,
        Duration.ofNanos(reads == 0 ? 0 : sampleCostNanos / reads),
        Optional.ofNullable(lastFailure));
  }

  /**
   * Stops the thread, then takes one last sample, so the series reaches the moment of closing.
   * Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    stopping = true;
    LockSupport.unpark(thread);
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        // Finish stopping (a read takes microseconds), then hand the interrupt back.
        interrupted = true;
      }
    }
    takeSample();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
