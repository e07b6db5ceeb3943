package faremark.orchestrator.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file whole or not at all: the bytes go to a temporary name in the same folder, which
 * is then renamed over the target ({@code ATOMIC_MOVE}, one {@code rename(2)}). A crash, a kill
 * or a full disk part-way leaves either the old file or no file, never half a JSON that a reader
 * would choke on; the temporary file is removed when writing fails. Every results file faremark
 * writes whole goes through here; logs that grow while a run lasts ({@code stderr.log}, {@code
 * faremark.log}) are streams and are not.
 *
 * <p>The rename makes the file appear complete to any reader of this machine; it does not
 * {@code fsync}, so a power cut may still lose the last files written: a results folder is a
 * measurement to repeat, not a database.
 */
public final class AtomicFiles {
  /** Temporary names start with this, so a listing can tell them from results files. */
  public static final String TEMP_PREFIX = ".faremark-tmp-";

  /** What fills the temporary file. */
  @FunctionalInterface
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  public static void write(Path file, byte[] bytes) throws IOException {
    write(file, out -> out.write(bytes));
  }

  public static void writeString(Path file, CharSequence text) throws IOException {
    write(file, text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Runs {@code writer} on a temporary file beside {@code file}, then renames it to {@code file}. */
  public static void write(Path file, Writer writer) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Path temp = Files.createTempFile(dir, TEMP_PREFIX + target.getFileName() + "-", "");
    boolean moved = false;
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        writer.write(out);
      }
      move(temp, target);
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // Same folder, so only a file system without rename(2) ends here; a plain replace is the
      // best it offers.
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
