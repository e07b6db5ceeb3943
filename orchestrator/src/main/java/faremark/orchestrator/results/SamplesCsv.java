package faremark.orchestrator.results;

import faremark.orchestrator.sampling.MemorySample;
import java.io.BufferedReader;
import faremark.orchestrator.output.AtomicFiles;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code samples.csv}, a run's memory series: milliseconds since launch and bytes, one row per
 * sample, under a fixed header. Written and read here only, so the two cannot disagree.
 */
public final class SamplesCsv {
  static final String HEADER = "t_ms,current_bytes,anon_bytes,file_bytes";

  private SamplesCsv() {}

  public static void write(Path file, List<MemorySample> samples) throws IOException {
    AtomicFiles.write(file, stream -> {
      BufferedWriter out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
      out.write(HEADER + "\n");
      for (MemorySample s : samples) {
        out.write(String.format(Locale.ROOT, "%.3f,%d,%d,%d\n",
            s.at().toNanos() / 1e6, s.currentBytes(), s.anonBytes(), s.fileBytes()));
      }
      out.flush();
    });
  }

  /** The samples in file order; none when the file is absent or empty (a run that never started). */
  public static List<MemorySample> read(Path file) throws ResultsException {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<MemorySample> samples = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null) {
        return List.of();
      }
      if (!header.startsWith(HEADER)) {
        throw new ResultsException(file, "line 1: expected the header " + HEADER + ", got '" + header + "'");
      }
      String line;
      int n = 1;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",");
        try {
          samples.add(new MemorySample(
              Duration.ofNanos(Math.round(Double.parseDouble(f[0]) * 1e6)),
              Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])));
        } catch (RuntimeException e) {
          throw new ResultsException(file, "line " + n + ": expected four numbers, got '" + line + "'");
        }
      }
    } catch (IOException e) {
      throw new ResultsException(file, "cannot read", e);
    }
    return samples;
  }
}
