package faremark.fareserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faremark.contract.DataSize;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The standalone server's flags ({@link FareServerCli}) and exit codes ({@link FareServerMain}). */
class FareServerCliTest {

  private static FareServerConfig config(String... args) throws Exception {
    return ((FareServerCli.Run) FareServerCli.parse(args)).config();
  }

  @Test
  void defaultsListenOn8080OfLoopback() throws Exception {
    assertThat(config()).isEqualTo(FareServerConfig.defaults().withPort(8080));
  }

  @Test
  void readsEveryFlagInBothSpellings() throws Exception {
    FareServerConfig c =
        config(
            "--host", "0.0.0.0", "--port=0", "--seed", "9", "--payload", "16KiB",
            "--service-time=uniform:200ms..400ms", "--max-connections", "5",
            "--max-in-flight", "3", "--overflow", "refuse", "--retry-after", "2s",
            "--io-threads", "2", "--keep-alive-timeout", "5s");
    assertThat(c)
        .isEqualTo(
            new FareServerConfig(
                "0.0.0.0", 0, 9, DataSize.ofKiB(16),
                new ServiceTime.Uniform(Duration.ofMillis(200), Duration.ofMillis(400)),
                new Limits(5, 3, OverflowPolicy.REFUSE, Duration.ofSeconds(2), Duration.ofSeconds(5)),
                2));
  }

  @Test
  void helpIsHelp() throws Exception {
    assertThat(FareServerCli.parse("--port", "1", "--help")).isInstanceOf(FareServerCli.Help.class);
  }

  @Test
  void errorsNameTheFlagAndWhatWasExpected() {
    assertUsage("--port 70000", "--port", "0-65535");
    assertUsage("--port", "--port", "missing value");
    assertUsage("--payload 8k", "--payload", "8KiB");
    assertUsage("--payload 900GiB", "--payload", "1B to 64MiB", "900GiB");
    assertUsage("--service-time 290", "--service-time", "uniform:MIN..MAX");
    assertUsage("--overflow drop", "--overflow", "queue, reject, refuse");
    assertUsage("--retry-after soon", "--retry-after", "290ms");
    assertUsage("--keep-alive-timeout 5", "--keep-alive-timeout", "290ms");
    assertUsage("--max-connections -1", "--max-connections", ">= 0");
    assertUsage("--seed x", "--seed", "whole number");
    assertUsage("--colour blue", "--colour", "unknown flag");
    assertUsage("stray", "stray", "--flag");
  }

  @Test
  void mainExitsWith2AndExplainsOnStderr() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        FareServerMain.run(
            new String[] {"--overflow", "drop"}, new PrintStream(out), new PrintStream(err, true));
    assertThat(status).isEqualTo(2);
    assertThat(out.size()).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--overflow", "queue, reject, refuse");
  }

  @Test
  void mainPrintsHelpToStdout() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = FareServerMain.run(new String[] {"--help"}, new PrintStream(out, true), System.err);
    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--service-time", "--overflow");
  }

  private static void assertUsage(String args, String... mentions) {
    assertThatThrownBy(() -> FareServerCli.parse(args.split(" ")))
        .as(args)
        .isInstanceOf(FareServerCli.UsageException.class)
        .hasMessageContainingAll(mentions);
  }
}
