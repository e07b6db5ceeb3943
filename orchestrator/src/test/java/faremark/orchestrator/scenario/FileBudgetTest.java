package faremark.orchestrator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.scenario.FileBudget.Need;
import faremark.orchestrator.scenario.FileBudget.Staging;
import faremark.orchestrator.scenario.ScenarioLimits.Finding;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FileBudgetTest {
  /** This development machine: 20,000 open files, soft = hard, not raisable. */
  static final MachineFacts TWENTY_THOUSAND = limits(20_000, 20_000);

  static MachineFacts limits(long soft, long hard) {
    return new MachineFacts(OptionalLong.of(soft), OptionalLong.of(hard),
        Optional.of(List.of(32768, 60999)), OptionalLong.of(24L << 30));
  }

  @Test
  void smallScenariosKeepServerAndProxyInFaremarksJvm() {
    FileBudget b = FileBudget.plan(2_000, TWENTY_THOUSAND);
    assertThat(b.staging()).isEqualTo(Staging.EMBEDDED);
    assertThat(b.proxyProcesses()).isEqualTo(1);
    assertThat(b.needs()).extracting(Need::files).containsExactly(6_256L, 2_128L);
    assertThat(b.refusals(List.of("client.concurrency"))).isEmpty();
  }

  @Test
  void tenThousandRunApartWithTwoProxyProcessesThatEachFit() {
    FileBudget b = FileBudget.plan(10_000, TWENTY_THOUSAND);
    assertThat(b.staging()).isEqualTo(Staging.PROCESSES);
    assertThat(b.proxyProcesses()).isEqualTo(2);
    assertThat(b.needs()).allMatch(Need::fits);
    // 5,000 each on average, 5 sigma (50 each) above: 5,250 connections, 2 descriptors each
    assertThat(b.needs().get(3).connections()).isEqualTo(5_250);
    assertThat(b.needs().get(3).files()).isEqualTo(10_628);
    assertThat(b.describe()).contains("2 proxy processes as child processes",
        "the fare server ~10128 of 20000");
  }

  @Test
  void oneProxyProcessWhereItsShareFitsAndTheLargestCountThatFitsAtAll() {
    assertThat(FileBudget.plan(7_000, TWENTY_THOUSAND).proxyProcesses()).isEqualTo(1);
    assertThat(FileBudget.proxyProcesses(9_936, 20_000)).isEqualTo(1);
    assertThat(FileBudget.proxyProcesses(9_937, 20_000)).isEqualTo(2);
    assertThat(FileBudget.share(9_937, 1)).isEqualTo(9_937);
  }

  @Test
  void aHardLimitTooLowIsRefusedWithNeededAllowedAndHowToRaiseIt() {
    FileBudget b = FileBudget.plan(30_000, TWENTY_THOUSAND);
    List<Finding> f = b.refusals(List.of("client.concurrency"));
    assertThat(f).extracting(x -> x.message().substring(0, x.message().indexOf('(')))
        .containsExactly("30000 connections in flight need about 30128 open files in the workload ",
            "30000 connections in flight need about 30128 open files in the fare server ");
    assertThat(f.get(0).message()).contains("more than its limit of 20000", "ulimit -Hn 30128",
        "LimitNOFILE=30128", "--ulimit nofile=30128:30128", "CAP_SYS_RESOURCE",
        "or run at most 19872 at once");
    // the proxy is spread over as many processes as it needs, and each fits
    assertThat(b.needs().get(3).fits()).isTrue();
  }

  @Test
  void aSoftLimitBelowTheHardOneCountsForFaremarkOnlyChildrenRaiseTheirsToTheHard() {
    FileBudget b = FileBudget.plan(1_000, limits(1_024, 65_536));
    assertThat(b.staging()).isEqualTo(Staging.PROCESSES);
    assertThat(b.proxyProcesses()).isEqualTo(1);
    assertThat(b.refusals(List.of("client.concurrency"))).isEmpty();
  }

  @Test
  void theDockerBackendsOneProxyContainerIsRefusedBeyondWhatOneProcessHolds() {
    assertThat(FileBudget.plan(9_000, TWENTY_THOUSAND).oneProxyProcess(TWENTY_THOUSAND)).isEmpty();
    assertThat(FileBudget.plan(10_000, TWENTY_THOUSAND).oneProxyProcess(TWENTY_THOUSAND))
        .hasValueSatisfying(m -> assertThat(m).contains("about 20128 open files in the proxy's"
            + " container", "more than the 20000", "--default-ulimit nofile=20128:20128",
            "at most 9936 at once", "--backend local", "over 2 shaper processes"));
  }

  @Test
  void anUnknownLimitKeepsTodaysLayoutAndRefusesNothing() {
    FileBudget b = FileBudget.plan(50_000, MachineFacts.UNKNOWN);
    assertThat(b.staging()).isEqualTo(Staging.EMBEDDED);
    assertThat(b.refusals(List.of("client.concurrency"))).isEmpty();
  }
}
