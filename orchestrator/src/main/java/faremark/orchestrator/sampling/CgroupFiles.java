package faremark.orchestrator.sampling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Reading the two shapes of cgroup files: one number, and "key value" lines. */
final class CgroupFiles {
  private CgroupFiles() {}

  /** A file holding one number (v2 "max" is read as {@link Long#MAX_VALUE}). */
  static long readLong(Path file) {
    return parseLong(file, read(file).strip());
  }

  /** Like {@link #readLong} but empty when the file does not exist (older kernels). */
  static OptionalLong readLongIfPresent(Path file) {
    Optional<String> text = readIfPresent(file);
    return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(parseLong(file, text.get().strip()));
  }

  /** A flat-keyed file ({@code memory.stat}, {@code memory.events}, {@code cpu.stat}). */
  static Map<String, Long> readKeyed(Path file) {
    return parseKeyed(file, read(file));
  }

  static Optional<Map<String, Long>> readKeyedIfPresent(Path file) {
    return readIfPresent(file).map(text -> parseKeyed(file, text));
  }

  /** The value of {@code key} in a keyed file. */
  static long require(Map<String, Long> values, String key, Path file) {
    Long v = values.get(key);
    if (v == null) {
      throw new ProbeException("no '" + key + "' line in " + file);
    }
    return v;
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new ProbeException("missing " + file + " (is the cgroup gone?)", e);
    } catch (IOException e) {
      throw new ProbeException("cannot read " + file + ": " + e, e);
    }
  }

  static Optional<String> readIfPresent(Path file) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new ProbeException("cannot read " + file + ": " + e, e);
    }
  }

  private static Map<String, Long> parseKeyed(Path file, String text) {
    Map<String, Long> values = new HashMap<>();
    for (String line : text.split("\n")) {
      String[] parts = line.strip().split("\\s+");
      if (parts.length == 2) {
        values.put(parts[0], parseLong(file, parts[1]));
      }
      // Other shapes (blank lines, nested keys like memory.stat on exotic kernels) are not ours.
    }
    return values;
  }

  private static long parseLong(Path file, String text) {
    if (text.equals("max")) {
      return Long.MAX_VALUE;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ProbeException("expected a number in " + file + ", got '" + text + "'", e);
    }
  }
}
