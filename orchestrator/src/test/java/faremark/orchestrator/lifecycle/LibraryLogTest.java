package faremark.orchestrator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LibraryLogTest {
  @TempDir Path tmp;

  @BeforeEach
  void drainWhatOtherTestsLogged() {
    LibraryLog.writeTo(tmp.resolve("earlier.log"));
    LibraryLog.detach();
  }

  @AfterEach
  void detach() {
    LibraryLog.detach();
  }

  private static LoggingEvent event(String logger, Level level, String message, Throwable thrown) {
    LoggerContext context = new LoggerContext();
    Logger l = context.getLogger(logger);
    return new LoggingEvent(Logger.class.getName(), l, level, message, thrown, null);
  }

  @Test
  void linesLoggedBeforeTheFolderExistsAreWrittenWhenItDoes() throws Exception {
    LibraryLog appender = new LibraryLog();
    appender.start();
    appender.doAppend(event("org.testcontainers.Discovery", Level.ERROR, "no engine",
        new IllegalStateException("socket missing")));
    assertThat(LibraryLog.held()).contains("ERROR org.testcontainers.Discovery - no engine")
        .contains("IllegalStateException: socket missing");

    Path file = tmp.resolve("faremark.log");
    LibraryLog.writeTo(file);
    appender.doAppend(event("io.netty.Epoll", Level.INFO, "after", null));

    String text = Files.readString(file);
    assertThat(text).contains("no engine").contains("socket missing").contains("INFO io.netty.Epoll - after");
    assertThat(text.indexOf("no engine")).isLessThan(text.indexOf("after"));
    assertThat(LibraryLog.held()).isEmpty();
  }

  @Test
  void onlyTheNewestLinesAreHeldAndTheDropIsSaid() throws Exception {
    LibraryLog appender = new LibraryLog();
    appender.start();
    for (int i = 0; i < LibraryLog.HELD + 5; i++) {
      appender.doAppend(event("lib", Level.INFO, "line " + i, null));
    }
    Path file = tmp.resolve("faremark.log");
    LibraryLog.writeTo(file);
    String text = Files.readString(file);
    assertThat(text).startsWith("(5 earlier library log lines were not kept)")
        .doesNotContain("line 4\n").contains("line 5\n").contains("line " + (LibraryLog.HELD + 4));
  }

  @Test
  void theLibrariesNeverReachTheConsole() {
    // logback.xml: library loggers go to this appender only; faremark's own to stderr.
    Logger testcontainers = (Logger) LoggerFactory.getLogger("org.testcontainers.dockerclient.X");
    assertThat(testcontainers.iteratorForAppenders().hasNext()).isFalse();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    assertThat(root.getAppender("LIBRARIES")).isInstanceOf(LibraryLog.class);
    assertThat(root.getAppender("STDERR")).isNull();
  }
}
