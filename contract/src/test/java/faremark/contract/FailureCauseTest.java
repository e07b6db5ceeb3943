package faremark.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class FailureCauseTest {
  @Test
  void classifiesTheJdkClientsFailures() {
    assertThat(FailureCause.of(new HttpConnectTimeoutException("x"))).isEqualTo("connect-timeout");
    assertThat(FailureCause.of(new HttpTimeoutException("request timed out"))).isEqualTo("timeout");
    assertThat(FailureCause.of(new TimeoutException())).isEqualTo("timeout");
    assertThat(FailureCause.of(new ConnectException("Connection refused"))).isEqualTo("connect-refused");
    assertThat(FailureCause.of(new SocketException("Connection reset"))).isEqualTo("connection-reset");
    assertThat(FailureCause.of(new EOFException("EOF reached while reading")))
        .isEqualTo("connection-closed");
    assertThat(FailureCause.of(new InterruptedException())).isEqualTo("interrupted");
  }

  @Test
  void looksThroughWrappers() {
    Throwable refused = new ConnectException("Connection refused");
    assertThat(FailureCause.of(new CompletionException(new IOException(refused))))
        .isEqualTo("connect-refused");
    assertThat(FailureCause.of(new ExecutionException(new IOException(new IOException(
        new EOFException("closed")))))).isEqualTo("connection-closed");
    assertThat(FailureCause.of(new IOException("header parser received no bytes")))
        .isEqualTo("io-error");
  }

  @Test
  void namesHttpStatuses() {
    assertThat(FailureCause.httpStatus(503)).isEqualTo("http-503");
  }
}
