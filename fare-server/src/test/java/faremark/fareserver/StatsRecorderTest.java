package faremark.fareserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatsRecorderTest {

  @Test
  void tracksGaugesAndTheirMaxima() {
    StatsRecorder stats = new StatsRecorder();
    stats.connectionOpened();
    stats.connectionOpened();
    stats.connectionClosed();
    stats.serviceStarted();
    stats.enqueued();
    stats.dequeued();

    ServerStats s = stats.snapshot();
    assertThat(s.openConnections()).isEqualTo(1);
    assertThat(s.maxConnectionsObserved()).isEqualTo(2);
    assertThat(s.inFlight()).isEqualTo(1);
    assertThat(s.maxInFlightObserved()).isEqualTo(1);
    assertThat(s.queued()).isZero();
    assertThat(s.maxQueuedObserved()).isEqualTo(1);
  }

  @Test
  void resetZeroesCountersAndRestartsMaximaFromWhatIsOpenNow() {
    StatsRecorder stats = new StatsRecorder();
    stats.request();
    stats.served();
    stats.rejected();
    stats.refused();
    stats.idleClosed();
    stats.badRequest();
    stats.connectionAccepted();
    stats.connectionOpened();
    stats.connectionOpened();
    stats.connectionClosed();

    stats.reset();

    assertThat(stats.snapshot())
        .isEqualTo(new ServerStats(0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0));
  }
}
