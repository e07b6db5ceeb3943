package faremark.orchestrator.backend.docker;

import faremark.contract.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Dockerfile read the way the engine reads it, enough to check it against the docker contract
 * without an engine: comment lines dropped, backslash continuations joined, one instruction per
 * entry with the line it starts on (so a failure points at the line).
 */
record DockerfileText(Path file, List<Instruction> instructions) {

  /** One instruction: keyword upper-cased, arguments as written (continuations joined by a space). */
  record Instruction(int line, String keyword, String args) {
    /** The exec (JSON array) form of CMD/ENTRYPOINT/RUN; fails on the shell form. */
    List<String> execForm() {
      try {
        return List.of(Json.mapper().readValue(args, String[].class));
      } catch (IOException e) {
        throw new IllegalArgumentException("line " + line + ": " + keyword + " is not in exec (JSON) form: " + args, e);
      }
    }

    @Override
    public String toString() {
      return "line " + line + ": " + keyword + " " + args;
    }
  }

  static DockerfileText read(Path file) {
    try {
      return new DockerfileText(file, parse(Files.readString(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Instruction> parse(String text) {
    List<Instruction> out = new ArrayList<>();
    StringBuilder pending = null;
    int start = 0;
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String trimmed = line.strip();
      // comments and blank lines are skipped, also between the lines of a continued instruction
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      boolean continued = trimmed.endsWith("\\");
      String part = continued ? trimmed.substring(0, trimmed.length() - 1).strip() : trimmed;
      if (pending == null) {
        pending = new StringBuilder(part);
        start = i + 1;
      } else {
        pending.append(' ').append(part);
      }
      if (!continued) {
        out.add(instruction(start, pending.toString()));
        pending = null;
      }
    }
    if (pending != null) {
      out.add(instruction(start, pending.toString()));
    }
    return List.copyOf(out);
  }

  private static Instruction instruction(int line, String text) {
    int space = text.indexOf(' ');
    String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
    String args = space < 0 ? "" : text.substring(space + 1).strip();
    return new Instruction(line, keyword, args);
  }

  List<Instruction> all(String keyword) {
    return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
  }

  Optional<Instruction> last(String keyword) {
    List<Instruction> found = all(keyword);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
  }

  int indexOf(Instruction instruction) {
    return instructions.indexOf(instruction);
  }
}
