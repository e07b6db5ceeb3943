package faremark.orchestrator.report;

import faremark.orchestrator.Requirement;
import faremark.orchestrator.report.data.ReportData;
import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.results.ResultsFixture;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import faremark.orchestrator.Requirement;
import org.junit.jupiter.api.Test;

/**
 * Opens report.html in headless Chromium (Debian's {@code chromium} package) and checks from a
 * screenshot that the charts rendered: every model's colour covers real chart area, not just a
 * legend swatch. The screenshot is kept as {@code target/report-browser/report.png}. Skipped, with
 * the reason printed, only when no Chromium is installed.
 */
class ReportBrowserTest {
  private static final int WIDTH = 1100;
  private static final int HEIGHT = 3200;

  @Test
  void chromiumRendersEveryChartOfTheReport() throws Exception {
    Optional<Path> chromium = chromium();
    Requirement.CHROMIUM.require(chromium.isPresent(), "ReportBrowserTest",
        () -> "no chromium on the PATH (Debian: apt-get install chromium fonts-dejavu-core;"
            + " .ci/run installs it)");
    Path out = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target/report-browser");
    deleteTree(out);
    Path dir = ResultsFixture.writeA(out.resolve("results"));
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    ReportWriter.Written written =
        ReportWriter.write(dir, new PrintStream(warnings, true, StandardCharsets.UTF_8));
    Path shot = out.resolve("report.png");

    Process p = new ProcessBuilder(
            chromium.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
            "--hide-scrollbars", "--no-first-run", "--user-data-dir=" + out.resolve("profile"),
            "--window-size=" + WIDTH + "," + HEIGHT, "--screenshot=" + shot,
            written.html().toUri().toString())
        .redirectErrorStream(true)
        .redirectOutput(out.resolve("chromium.log").toFile())
        .start();
    boolean exited = p.waitFor(120, TimeUnit.SECONDS);
    if (!exited) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(exited).as("chromium finished within 120 s (see %s)", out.resolve("chromium.log")).isTrue();
    assertThat(shot).as("screenshot; chromium log: %s", Files.readString(out.resolve("chromium.log"))).isNotEmptyFile();

    BufferedImage image = ImageIO.read(shot.toFile());
    assertThat(image.getWidth()).isEqualTo(WIDTH);
    // Each model's bars and median line: thousands of pixels. A legend swatch alone is ~100;
    // an unrendered SVG leaves only the swatches of the page header.
    for (ReportData.ModelReport m : written.data().models()) {
      assertThat(count(image, m.color(), 0, HEIGHT)).as("pixels of %s (%s)", m.id(), m.color())
          .isGreaterThan(1500);
    }
    // The memory chart is the first card: its plot area must hold the models' lines.
    int memoryPixels = 0;
    for (ReportData.ModelReport m : written.data().models()) {
      memoryPixels += count(image, m.color(), 250, 800);
    }
    assertThat(memoryPixels).as("model-coloured pixels in the memory chart's area").isGreaterThan(800);
    // The failure chart's first cause colour (timeout, thread-pool's failed run).
    assertThat(count(image, "#d62728", 0, HEIGHT)).as("failed-requests bar").isGreaterThan(100);
  }

  /** Pixels within a small tolerance of {@code hex} between rows {@code y0} and {@code y1}. */
  static int count(BufferedImage image, String hex, int y0, int y1) {
    int rgb = Integer.parseInt(hex.substring(1), 16);
    int r = (rgb >> 16) & 0xff;
    int g = (rgb >> 8) & 0xff;
    int b = rgb & 0xff;
    int n = 0;
    for (int y = Math.max(0, y0); y < Math.min(image.getHeight(), y1); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        if (Math.abs(((p >> 16) & 0xff) - r) <= 6 && Math.abs(((p >> 8) & 0xff) - g) <= 6
            && Math.abs((p & 0xff) - b) <= 6) {
          n++;
        }
      }
    }
    return n;
  }

  static Optional<Path> chromium() {
    List<String> names = List.of("chromium", "chromium-browser", "google-chrome");
    List<Path> dirs = new ArrayList<>();
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!d.isBlank()) {
        dirs.add(Path.of(d));
      }
    }
    for (String name : names) {
      for (Path d : dirs) {
        Path f = d.resolve(name);
        if (Files.isExecutable(f)) {
          return Optional.of(f);
        }
      }
    }
    return Optional.empty();
  }

  private static void deleteTree(Path dir) throws Exception {
    if (!Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
