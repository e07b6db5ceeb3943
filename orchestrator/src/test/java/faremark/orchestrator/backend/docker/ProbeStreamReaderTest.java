package faremark.orchestrator.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import faremark.orchestrator.sampling.MemorySample;
import faremark.orchestrator.sampling.MemoryTotals;
import faremark.orchestrator.sampling.SamplerStats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The probe's stream, written by {@link ProbeLines} and read back by {@link ProbeStreamReader}
 * through {@link ProbeOutput}'s framing: whole, and cut off at any byte.
 */
class ProbeStreamReaderTest {
  private static final String ID = "d7b4330ca34f897345479f07f72e5417429810e57fd5aa92293bb163df951da1";
  private static final Instant ORIGIN = Instant.parse("2026-12-03T08:00:00.123456789Z");
  private static final MemoryTotals TOTALS = new MemoryTotals(OptionalLong.of(41_738_240), 1,
      OptionalLong.empty(), Optional.of(Duration.ofNanos(7_514_114_295L)));
  private static final SamplerStats STATS = new SamplerStats(3, 2, 1, Duration.ofMillis(10),
      Optional.of(Duration.ofNanos(10_100_000)), Duration.ofNanos(950_970),
      Optional.of("missing /host/cgroup/memory/docker/x/memory.usage_in_bytes (is the cgroup gone?)"));

  static String whole() {
    return String.join("\n", List.of(
        ProbeLines.hello(ORIGIN, Duration.ofMillis(10), ID),
        ProbeLines.waiting(),
        ProbeLines.cgroup("cgroup-v1", "/host/cgroup/memory/docker/" + ID),
        ProbeLines.definition("cgroup v1 memory files,\nin words"),
        ProbeLines.sample(new MemorySample(Duration.ofMillis(5), 2_252_800, 1_679_360, 0)),
        ProbeLines.sample(new MemorySample(Duration.ofMillis(15), 3_252_800, 2_679_360, 4096)),
        ProbeLines.sample(new MemorySample(Duration.ofMillis(25), 1_234_567_890, 2_679_360, 8192)),
        ProbeLines.totals(TOTALS),
        ProbeLines.stats(STATS),
        ProbeLines.end("the container's cgroup is gone"))) + "\n";
  }

  /** Feeds {@code text} in frames of {@code chunk} bytes, then ends the stream. */
  static ProbeStreamReader.Result read(String text, int chunk) {
    ProbeStreamReader reader = new ProbeStreamReader();
    ProbeOutput output = new ProbeOutput(reader);
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < bytes.length; i += chunk) {
      byte[] part = java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunk));
      output.onNext(new Frame(StreamType.STDOUT, part));
    }
    output.onComplete();
    return reader.result();
  }

  @Test
  void aWholeStreamReadsBackEqualWhateverTheFraming() {
    for (int chunk : new int[] {1, 7, 4096}) {
      ProbeStreamReader.Result r = read(whole(), chunk);
      assertThat(r.complete()).isTrue();
      assertThat(r.malformed()).isEmpty();
      assertThat(r.originEpochNanos()).hasValue(ProbeLines.epochNanos(ORIGIN));
      assertThat(r.containerId()).contains(ID);
      assertThat(r.source()).contains("cgroup-v1");
      assertThat(r.dir()).contains("/host/cgroup/memory/docker/" + ID);
      assertThat(r.definition()).contains("cgroup v1 memory files, in words");
      assertThat(r.samples()).containsExactly(
          new MemorySample(Duration.ofMillis(5), 2_252_800, 1_679_360, 0),
          new MemorySample(Duration.ofMillis(15), 3_252_800, 2_679_360, 4096),
          new MemorySample(Duration.ofMillis(25), 1_234_567_890, 2_679_360, 8192));
      assertThat(r.totals()).contains(TOTALS);
      assertThat(r.stats()).contains(STATS);
      assertThat(r.endedBecause()).contains("the container's cgroup is gone");
      assertThat(r.error()).isEmpty();
    }
  }

  @Test
  void aStreamCutAnywhereKeepsItsWholeLinesAndNeverReadsAShortenedNumber() {
    String text = whole();
    for (int cut = 0; cut < text.length() - 1; cut++) {
      String head = text.substring(0, cut);
      ProbeStreamReader.Result r = read(head, 5);
      assertThat(r.complete()).as("cut at %d", cut).isFalse();
      int wholeLines = head.lastIndexOf('\n') + 1;
      int sampleLines = (int) head.substring(0, wholeLines).lines().filter(l -> l.startsWith("s ")).count();
      assertThat(r.samples()).as("cut at %d", cut).hasSize(sampleLines);
      // every sample read is one that was written: a cut-off "1234" never reads as "12"
      assertThat(read(text, 4096).samples()).containsAll(r.samples());
      assertThat(r.malformed()).isEmpty();
    }
  }

  @Test
  void linesThatAreNotTheFormatAreKeptAsMalformed() {
    ProbeStreamReader reader = new ProbeStreamReader();
    reader.accept("s 1 2 3");
    reader.accept("s 1 2 3 x");
    reader.accept("s 1 2 3 4 5");
    reader.accept("faremark-probe 2 0 0 " + ID);
    reader.accept("Exception in thread main");
    reader.accept("s 10 20 30 40");
    assertThat(reader.result().malformed()).hasSize(5);
    assertThat(reader.result().samples()).containsExactly(new MemorySample(Duration.ofNanos(10), 20, 30, 40));
  }

  @Test
  void anErrorLineStopsTheWaitAndSaysWhy() throws Exception {
    ProbeStreamReader reader = new ProbeStreamReader();
    reader.accept(ProbeLines.hello(ORIGIN, Duration.ofMillis(10), ID));
    reader.accept(ProbeLines.waiting());
    assertThat(reader.awaitPast(ProbeStreamReader.Stage.STARTING, Duration.ofSeconds(1)))
        .isEqualTo(ProbeStreamReader.Stage.WAITING);
    reader.accept(ProbeLines.error("no cgroup of container x appeared"));
    assertThat(reader.awaitPast(ProbeStreamReader.Stage.WAITING, Duration.ofSeconds(1)))
        .isEqualTo(ProbeStreamReader.Stage.FAILED);
    assertThat(reader.result().error()).contains("no cgroup of container x appeared");
  }

  @Test
  void anErrorBeforeHelloIsAFailureWithoutAnOrigin() throws Exception {
    // a probe in a pod writes nothing before the workload's cgroup appears, but this on failure
    ProbeStreamReader reader = new ProbeStreamReader();
    reader.accept(ProbeLines.error("no cgroup of pod 3f2b8c1e-9a4d-4e6f-8b7a-0c1d2e3f4a5b"));
    reader.closed();
    assertThat(reader.awaitPast(ProbeStreamReader.Stage.STARTING, Duration.ofSeconds(1)))
        .isEqualTo(ProbeStreamReader.Stage.FAILED);
    ProbeStreamReader.Result r = reader.result();
    assertThat(r.error()).contains("no cgroup of pod 3f2b8c1e-9a4d-4e6f-8b7a-0c1d2e3f4a5b");
    assertThat(r.originEpochNanos()).isEmpty();
    assertThat(r.containerId()).isEmpty();
    assertThat(r.malformed()).isEmpty();
    assertThat(r.complete()).isFalse();
  }

  @Test
  void waitsReturnWhenTheStreamClosesOrTimeOut() throws Exception {
    ProbeStreamReader reader = new ProbeStreamReader();
    assertThat(reader.awaitPast(ProbeStreamReader.Stage.STARTING, Duration.ofMillis(20)))
        .isEqualTo(ProbeStreamReader.Stage.STARTING);
    assertThat(reader.awaitClosed(Duration.ofMillis(20))).isFalse();
    reader.closed();
    assertThat(reader.awaitClosed(Duration.ofMillis(20))).isTrue();
    assertThat(reader.awaitPast(ProbeStreamReader.Stage.WAITING, Duration.ofSeconds(5)))
        .isEqualTo(ProbeStreamReader.Stage.STARTING);
  }

  @Test
  void statsWithoutALastFailureAndTotalsWithoutFigures() {
    ProbeStreamReader reader = new ProbeStreamReader();
    SamplerStats clean = new SamplerStats(0, 0, 0, Duration.ofMillis(10), Optional.empty(),
        Duration.ZERO, Optional.empty());
    MemoryTotals none = new MemoryTotals(OptionalLong.empty(), 0, OptionalLong.empty(), Optional.empty());
    reader.accept(ProbeLines.stats(clean));
    reader.accept(ProbeLines.totals(none));
    assertThat(reader.result().stats()).contains(clean);
    assertThat(reader.result().totals()).contains(none);
  }
}
