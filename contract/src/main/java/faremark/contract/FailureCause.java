package faremark.contract;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Why a request failed, as the short ids used in results ({@code failed} counts by cause), so
 * that every model, in any language, reports faults with the same words.
 */
public final class FailureCause {
  public static final String CONNECT_TIMEOUT = "connect-timeout";
  public static final String CONNECT_REFUSED = "connect-refused";
  public static final String TIMEOUT = "timeout";
  public static final String RESET = "connection-reset";
  public static final String CLOSED = "connection-closed";
  public static final String BAD_BODY = "bad-body";
  public static final String INTERRUPTED = "interrupted";
  public static final String IO = "io-error";
  public static final String OTHER = "other";

  private FailureCause() {}

  /** {@code http-503} and so on: a response arrived, but not a 200. */
  public static String httpStatus(int status) {
    return "http-" + status;
  }

  /** Classifies an exception thrown while sending a request or reading its response. */
  public static String of(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof HttpConnectTimeoutException) {
      return CONNECT_TIMEOUT;
    }
    if (t instanceof HttpTimeoutException
        || t instanceof SocketTimeoutException
        || t instanceof java.util.concurrent.TimeoutException) {
      return TIMEOUT;
    }
    if (t instanceof ConnectException) {
      return CONNECT_REFUSED;
    }
    if (t instanceof InterruptedException || t instanceof CancellationException) {
      return INTERRUPTED;
    }
    if (t instanceof EOFException || t instanceof ClosedChannelException) {
      return CLOSED;
    }
    String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
    if (message.contains("reset")) {
      return RESET;
    }
    if (message.contains("closed") || message.contains("eof") || message.contains("broken pipe")) {
      return CLOSED;
    }
    if (t instanceof SocketException || t instanceof IOException) {
      return IO;
    }
    return OTHER;
  }

  private static Throwable unwrap(Throwable t) {
    Throwable current = t;
    // CompletionException / ExecutionException carry the real failure; and the JDK client wraps
    // the cause of a broken connection in plain IOExceptions, sometimes two deep.
    for (int depth = 0; depth < 8 && current.getCause() != null; depth++) {
      boolean wrapper =
          current instanceof CompletionException
              || current instanceof ExecutionException
              || current.getClass() == IOException.class;
      if (!wrapper) {
        break;
      }
      current = current.getCause();
    }
    return current;
  }
}
