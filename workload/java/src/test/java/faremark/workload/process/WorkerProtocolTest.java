package faremark.workload.process;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.DayAggregate;
import faremark.workload.record.RunRecorder;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class WorkerProtocolTest {

  @Test
  void messagesRoundTripAsSingleLines() {
    Histogram latency = RunRecorder.newHistogram();
    latency.recordValue(20_000);
    latency.recordValue(35_500);
    var report = new WorkerProtocol.Report(
        2, Map.of("http-503", 1),
        List.of(new DayAggregate(LocalDate.of(2018, 6, 1), 7, 390, "abc-0", "EUR")),
        WorkerProtocol.encode(latency), 14, 1, Map.of("connection-reset", 3));

    String line = WorkerProtocol.write(report);
    assertThat(line).doesNotContain("\n").contains("\"type\":\"report\"");
    assertThat(WorkerProtocol.read(line)).isEqualTo(report);
    assertThat(WorkerProtocol.read(WorkerProtocol.write(new WorkerProtocol.Ready(42))))
        .isEqualTo(new WorkerProtocol.Ready(42));
  }

  @Test
  void histogramsSurviveEncodingExactly() {
    Histogram latency = RunRecorder.newHistogram();
    for (long v = 1; v < 5_000_000; v *= 3) {
      latency.recordValue(v);
    }
    Histogram decoded = WorkerProtocol.decode(WorkerProtocol.encode(latency));
    assertThat(decoded).isEqualTo(latency);
    assertThat(decoded.getTotalCount()).isEqualTo(latency.getTotalCount());
  }
}
