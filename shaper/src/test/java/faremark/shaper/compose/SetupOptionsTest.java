package faremark.shaper.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faremark.shaper.toxic.PlannedToxic;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SetupOptionsTest {
  private static SetupOptions options(String... args) throws Exception {
    return ((SetupOptions.Run) SetupOptions.parse(args)).options();
  }

  private static final String[] REQUIRED = {
    "--api", "http://toxiproxy:8474", "--listen", "0.0.0.0:8666", "--upstream", "fare-server:8080"
  };

  private static String[] with(String... more) {
    String[] all = new String[REQUIRED.length + more.length];
    System.arraycopy(REQUIRED, 0, all, 0, REQUIRED.length);
    System.arraycopy(more, 0, all, REQUIRED.length, more.length);
    return all;
  }

  @Test
  void defaultsAreAPlainProxyNamedFares() throws Exception {
    assertThat(options(REQUIRED))
        .isEqualTo(new SetupOptions(URI.create("http://toxiproxy:8474"), "fares", "0.0.0.0:8666",
            "fare-server:8080", Optional.empty(), Duration.ZERO, OptionalLong.empty(), List.of(),
            Duration.ofSeconds(60)));
  }

  @Test
  void readsEveryFlagInBothSpellings() throws Exception {
    SetupOptions o = options(with("--name=net", "--rtt", "80ms", "--jitter=10ms",
        "--bandwidth", "100MB/s", "--wait-for", "http://fare-server:8080/health",
        "--wait-for=http://x:1/", "--timeout", "2m"));
    assertThat(o.name()).isEqualTo("net");
    assertThat(o.rtt()).contains(Duration.ofMillis(80));
    assertThat(o.jitter()).isEqualTo(Duration.ofMillis(10));
    assertThat(o.bandwidthKbPerSecond()).hasValue(100_000);
    assertThat(o.waitFor()).containsExactly(
        URI.create("http://fare-server:8080/health"), URI.create("http://x:1/"));
    assertThat(o.timeout()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void noneAndZeroMeanNoToxics() throws Exception {
    assertThat(options(with("--rtt", "none", "--bandwidth", "none")).rtt()).isEmpty();
    assertThat(options(with("--rtt", "0ms")).rtt()).isEmpty();
    assertThat(options(with("--bandwidth", "none")).bandwidthKbPerSecond()).isEmpty();
    assertThat(options(with("--rtt", "0ms", "--jitter", "0ms")).jitter()).isZero();
  }

  @Test
  void theFlagsStandForTheShorthandsToxics() throws Exception {
    assertThat(options(with("--rtt", "0ms", "--bandwidth", "none")).toxics()).isEmpty();
    List<PlannedToxic> toxics =
        options(with("--bandwidth", "12.5MB/s", "--rtt", "81ms", "--jitter", "11ms")).toxics();
    assertThat(toxics).extracting(PlannedToxic::name)
        .containsExactly(
            "rtt_upstream", "rtt_downstream", "bandwidth_upstream", "bandwidth_downstream");
    assertThat(toxics.get(0).attributes()).isEqualTo(Map.of("latency", 40L, "jitter", 5L));
    assertThat(toxics.get(2).attributes()).isEqualTo(Map.of("rate", 12_500L));
    assertThat(NetworkSetup.describe(toxics.get(1)))
        .isEqualTo("rtt_downstream: latency downstream latency=41 jitter=6");
  }

  @Test
  void helpIsACommandOfItsOwn() throws Exception {
    assertThat(SetupOptions.parse("--help")).isInstanceOf(SetupOptions.Help.class);
    assertThat(SetupOptions.USAGE).contains("--api URL", "--rtt T", "--bandwidth R", "--wait-for URL");
  }

  @Test
  void badFlagsNameTheFlagAndWhatWasExpected() {
    assertBad(with("--verbose"), "unknown flag '--verbose'");
    assertBad(with("extra"), "unexpected argument 'extra'");
    assertBad(new String[] {"--listen", "0.0.0.0:8666", "--upstream", "a:1"}, "--api: missing");
    assertBad(new String[] {"--api", "http://a:1", "--upstream", "a:1"}, "--listen: missing");
    assertBad(new String[] {"--api", "http://a:1", "--listen", "a:1"}, "--upstream: missing");
    assertBad(with("--api", "toxiproxy:8474"), "--api: expected an http URL with host and port");
    assertBad(with("--api", "http://toxiproxy"), "got 'http://toxiproxy'");
    assertBad(with("--listen", "8666"), "--listen: expected HOST:PORT");
    assertBad(with("--upstream", "fare-server:70000"), "--upstream: expected HOST:PORT with a port 1-65535");
    assertBad(with("--rtt", "80"), "--rtt: expected a duration with a unit");
    assertBad(with("--rtt", "1.5ms"), "--rtt: Toxiproxy takes whole milliseconds, got '1.5ms'");
    assertBad(with("--rtt"), "--rtt: missing value");
    assertBad(with("--rtt", "--jitter", "1ms"), "--rtt: missing value");
    assertBad(with("--jitter", "10ms"), "--jitter: 10ms needs an --rtt to vary");
    assertBad(with("--bandwidth", "100MB"), "--bandwidth: expected none, or a rate such as 12500KB/s");
    assertBad(with("--bandwidth", "1500B/s"), "whole number >= 1 of KB/s");
    assertBad(with("--bandwidth", "fast/s"), "got 'fast/s'");
    assertBad(with("--name", "a/b"), "--name: expected a name of letters");
    assertBad(with("--timeout", "0s"), "--timeout: expected a duration above zero");
    assertBad(with("--wait-for", "fare-server:8080"), "--wait-for: expected an http URL");
  }

  private static void assertBad(String[] args, String message) {
    assertThatThrownBy(() -> SetupOptions.parse(args))
        .isInstanceOf(SetupOptions.BadFlagException.class)
        .hasMessageContaining(message);
  }
}
