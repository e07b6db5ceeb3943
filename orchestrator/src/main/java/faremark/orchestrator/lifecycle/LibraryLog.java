package faremark.orchestrator.lifecycle;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where the libraries' own log lines go (Testcontainers, docker-java, Netty, ...): never the
 * console, which is faremark's, but the results folder's log file, so that "no Docker engine"
 * is one line of faremark's on the console and the libraries' details (each discovery strategy
 * that failed, with its stack trace) stay available to whoever needs them. Lines logged before
 * the results folder exists are held (the newest {@value #HELD} of them) and written when it
 * does.
 *
 * <p>Configured in {@code logback.xml} as the appender of every library logger.
 */
public final class LibraryLog extends AppenderBase<ILoggingEvent> {
  static final int HELD = 2_000;

  private static final Object LOCK = new Object();
  private static final Deque<String> held = new ArrayDeque<>();
  private static Path file;
  private static long dropped;

  /**
   * From now on, lines go to {@code target}; the lines held so far are written first. Errors
   * writing the log never fail the experiment: they are reported once on stderr.
   */
  public static void writeTo(Path target) {
    synchronized (LOCK) {
      file = target;
      StringBuilder text = new StringBuilder();
      if (dropped > 0) {
        text.append("(").append(dropped).append(" earlier library log lines were not kept)\n");
        dropped = 0;
      }
      held.forEach(text::append);
      held.clear();
      append(text.toString());
    }
  }

  /**
   * The lines held so far (not yet written to a file), oldest first: for an error that ends the
   * command before a results folder exists, when those details are the explanation.
   */
  public static String held() {
    synchronized (LOCK) {
      return String.join("", held);
    }
  }

  /** Lines are held again (the results folder is finished); for tests and a second experiment. */
  public static void detach() {
    synchronized (LOCK) {
      file = null;
    }
  }

  @Override
  protected void append(ILoggingEvent event) {
    StringBuilder line = new StringBuilder()
        .append(Instant.ofEpochMilli(event.getTimeStamp())).append(' ')
        .append(event.getLevel()).append(' ')
        .append(event.getLoggerName()).append(" - ")
        .append(event.getFormattedMessage()).append('\n');
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      line.append(ThrowableProxyUtil.asString(thrown)).append('\n');
    }
    synchronized (LOCK) {
      if (file != null) {
        append(line.toString());
        return;
      }
      held.addLast(line.toString());
      if (held.size() > HELD) {
        held.removeFirst();
        dropped++;
      }
    }
  }

  private static void append(String text) {
    if (text.isEmpty()) {
      return;
    }
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException | UncheckedIOException e) {
      System.err.println("faremark: cannot write the library log " + file + ": " + e.getMessage());
      file = null;
    }
  }
}
