package faremark.workload.http;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.FailureCause;
import faremark.contract.WorkloadSpec;
import faremark.workload.FixtureServer;
import faremark.workload.record.DayOutcome;
import java.net.ConnectException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ResponseCheckTest {
  static final LocalDate DAY = FixtureServer.START;

  static WorkloadSpec spec() throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ZERO)) {
      return server.spec("sequential", 1, 1);
    }
  }

  @Test
  void aMatchingPageGivesItsAggregate() throws Exception {
    byte[] body = FixtureServer.FARES.day(FixtureServer.ROUTE, DAY).json();
    assertThat(ResponseCheck.check(spec(), DAY, 200, body))
        .isEqualTo(new DayOutcome.Ok(FixtureServer.FARES.aggregate(FixtureServer.ROUTE, DAY)));
  }

  @Test
  void statusesAndWrongBodiesAreFailuresByCause() throws Exception {
    byte[] otherDay = FixtureServer.FARES.day(FixtureServer.ROUTE, DAY.plusDays(1)).json();
    byte[] otherRoute = FixtureServer.FARES.day(new faremark.contract.Route("BRQ", "PRG"), DAY).json();
    assertThat(cause(ResponseCheck.check(spec(), DAY, 503, new byte[0]))).isEqualTo("http-503");
    assertThat(cause(ResponseCheck.check(spec(), DAY, 200, "[1,2".getBytes()))).isEqualTo(FailureCause.BAD_BODY);
    assertThat(cause(ResponseCheck.check(spec(), DAY, 200, otherDay))).isEqualTo(FailureCause.BAD_BODY);
    assertThat(cause(ResponseCheck.check(spec(), DAY, 200, otherRoute))).isEqualTo(FailureCause.BAD_BODY);
  }

  @Test
  void exceptionsAreClassifiedIncludingOurOwnDeadline() {
    assertThat(cause(ResponseCheck.failure(new CompletionException(new TimeoutException()))))
        .isEqualTo(FailureCause.TIMEOUT);
    assertThat(cause(ResponseCheck.failure(new ConnectException("Connection refused"))))
        .isEqualTo(FailureCause.CONNECT_REFUSED);
  }

  private static String cause(DayOutcome outcome) {
    return ((DayOutcome.Failed) outcome).cause();
  }
}
