package faremark.orchestrator.backend.docker;

import faremark.orchestrator.sampling.MemorySample;
import faremark.orchestrator.sampling.MemoryTotals;
import faremark.orchestrator.sampling.SamplerStats;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The probe container's output, one fact per stdout line, written by the probe and read back by
 * {@link ProbeStreamReader}. Plain space-separated lines rather than JSON: the probe's classpath
 * is then the orchestrator's own classes and no jar at all, and a line cut off mid-way (the
 * stream ended early) is recognised by its count of fields. In the order the probe writes them:
 *
 * <pre>
 * faremark-probe 1 &lt;origin epoch ns&gt; &lt;interval ns&gt; &lt;container id, or pod uid&gt;
 * waiting                                  the mounts are read; looking for the cgroup
 * cgroup &lt;source&gt; &lt;dir&gt;                    found (cgroup-v1 or cgroup-v2, its directory)
 * def &lt;text&gt;                               what the figures mean (the probe's definition)
 * s &lt;at ns&gt; &lt;current&gt; &lt;anon&gt; &lt;file&gt;       one sample; at = since the origin
 * totals &lt;peak|-&gt; &lt;oom kills&gt; &lt;failcnt|-&gt; &lt;cpu ns|-&gt;
 * stats &lt;samples&gt; &lt;missed&gt; &lt;failures&gt; &lt;interval ns&gt; &lt;mean interval ns|-&gt; &lt;mean cost ns&gt; [last failure]
 * end &lt;why&gt;                                the last line of a complete stream
 * error &lt;why&gt;                              instead of cgroup: the probe cannot see it
 * </pre>
 *
 * <p>The origin is the probe's wall clock when its own clock started; times after it are on its
 * monotonic clock, so a wall-clock step during the run moves nothing. A probe in a pod starts its
 * clock when the workload container's cgroup appears and writes its first line then: before, it
 * writes nothing, or an {@code error} line alone.
 */
public final class ProbeLines {
  public static final String HELLO = "faremark-probe";
  public static final int VERSION = 1;
  static final String NONE = "-";

  private ProbeLines() {}

  public static String hello(Instant origin, Duration interval, String containerId) {
    return HELLO + " " + VERSION + " " + epochNanos(origin) + " " + interval.toNanos() + " " + containerId;
  }

  public static String waiting() {
    return "waiting";
  }

  public static String cgroup(String source, String dir) {
    return "cgroup " + source + " " + dir;
  }

  public static String definition(String text) {
    return "def " + oneLine(text);
  }

  public static String sample(MemorySample s) {
    return "s " + s.at().toNanos() + " " + s.currentBytes() + " " + s.anonBytes() + " " + s.fileBytes();
  }

  public static String totals(MemoryTotals t) {
    return "totals " + opt(t.peakBytes()) + " " + t.oomKills() + " " + opt(t.failCount()) + " "
        + t.cpuTime().map(d -> Long.toString(d.toNanos())).orElse(NONE);
  }

  public static String stats(SamplerStats s) {
    return "stats " + s.samples() + " " + s.missedTicks() + " " + s.failures() + " "
        + s.interval().toNanos() + " "
        + s.meanInterval().map(d -> Long.toString(d.toNanos())).orElse(NONE) + " "
        + s.meanSampleCost().toNanos() + s.lastFailure().map(f -> " " + oneLine(f)).orElse("");
  }

  public static String end(String why) {
    return "end " + oneLine(why);
  }

  public static String error(String why) {
    return "error " + oneLine(why);
  }

  static long epochNanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }

  private static String opt(OptionalLong v) {
    return v.isPresent() ? Long.toString(v.getAsLong()) : NONE;
  }

  static OptionalLong optLong(String field) {
    return field.equals(NONE) ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(field));
  }

  static Optional<Duration> optNanos(String field) {
    return field.equals(NONE) ? Optional.empty() : Optional.of(Duration.ofNanos(Long.parseLong(field)));
  }

  private static String oneLine(String text) {
    return String.valueOf(text).replace('\r', ' ').replace('\n', ' ');
  }
}
