package faremark.orchestrator.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void writesTheFileAndLeavesNothingElse() throws IOException {
    Path file = dir.resolve("run.json");
    AtomicFiles.writeString(file, "{\"a\":1}\n");
    assertEquals("{\"a\":1}\n", Files.readString(file));
    assertEquals(List.of(file), list());
  }

  @Test
  void replacesAnExistingFileWhole() throws IOException {
    Path file = dir.resolve("summary.json");
    Files.writeString(file, "old, and longer than what replaces it");
    AtomicFiles.write(file, "new".getBytes(StandardCharsets.UTF_8));
    assertEquals("new", Files.readString(file));
    assertEquals(List.of(file), list());
  }

  /** A writer that dies half-way (a crash, a full disk) leaves the old file and no temp file. */
  @Test
  void aWriterThatFailsHalfWayLeavesTheOldFileAndNoTempFile() throws IOException {
    Path file = dir.resolve("run.json");
    Files.writeString(file, "{\"complete\":true}");
    IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
      out.write("{\"complete\":".getBytes(StandardCharsets.UTF_8));
      throw new IOException("disk full");
    }));
    assertEquals("disk full", e.getMessage());
    assertEquals("{\"complete\":true}", Files.readString(file));
    assertEquals(List.of(file), list());
  }

  @Test
  void aWriterThatFailsBeforeAnyFileExistedLeavesNoFile() {
    Path file = dir.resolve("report.html");
    assertThrows(IllegalStateException.class, () -> AtomicFiles.write(file, out -> {
      out.write('<');
      throw new IllegalStateException("boom");
    }));
    assertEquals(List.of(), list());
  }

  @Test
  void aRelativePathIsWrittenBesideItself() throws IOException {
    Path file = dir.resolve("sub").resolve("x.csv");
    Files.createDirectories(file.getParent());
    AtomicFiles.writeString(file, "a,b\n");
    assertEquals("a,b\n", Files.readString(file));
  }

  private List<Path> list() {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
