package faremark.shaper;

import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Runs the log formatting the shaper's libraries use once at start, silently, so that it needs
 * no file later.
 *
 * <p>Why: Netty logs through java.util.logging, whose {@code SimpleFormatter} loads the JDK's
 * time-zone rules (a file, {@code lib/tzdb.dat}) the first time it formats a record. When the
 * first warning is about running out of descriptors — an accept failing with EMFILE, as at 10,000
 * connections under an open-file limit of 20,000 — that load fails too, and the resulting
 * {@code Error} (NoClassDefFoundError of {@code ZoneRulesProvider}) ends the event-loop thread
 * that was logging: its connections and listener stop for good, and the shaper can no longer shut
 * down. Formatting one record here, while descriptors are free, loads what formatting needs.
 */
final class LogWarmUp {
  private LogWarmUp() {}

  static void run() {
    LogRecord record = new LogRecord(Level.WARNING, "shaper log warm-up {0}");
    record.setParameters(new Object[] {1});
    record.setLoggerName(LogWarmUp.class.getName());
    record.setThrown(new IllegalStateException("warm-up"));
    // getHandlers() on the root logger creates the configured handlers (the console's, unless
    // the embedding process set its own), so their formatters are the ones warmed up.
    for (Handler handler : Logger.getLogger("").getHandlers()) {
      Formatter formatter = handler.getFormatter();
      if (formatter != null) {
        formatter.format(record);
      }
    }
  }
}
