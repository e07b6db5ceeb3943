package faremark.orchestrator.report;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.report.ChartRegistry.Placed;
import faremark.orchestrator.report.ChartRegistry.Placement;
import faremark.orchestrator.report.chart.Canvas;
import faremark.orchestrator.report.chart.Chart;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The charts as PNG: the exported placements only, named by their id; no fonts is a warning. */
class ChartPngsTest {
  @TempDir Path tmp;

  /** A chart that fills itself with one colour, or fails as Java2D does without fonts. */
  private record Plain(String id, boolean fontsMissing) implements Chart {
    public String title() {
      return id;
    }

    public int width() {
      return 40;
    }

    public int height() {
      return 20;
    }

    public void draw(Canvas c) {
      if (fontsMissing) {
        // What Java2D does on a machine without fontconfig fonts: an Error from deep inside AWT.
        throw new InternalError("Fontconfig head is null, check your fonts or fonts configuration");
      }
      c.rect(0, 0, 40, 20, "#123456", 1);
    }
  }

  @Test
  void exportedPlacementsBecomePngsNamedByTheirIdInPageOrder() throws Exception {
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    List<Path> pngs = ChartPngs.write(tmp, List.of(
            new Placed(Placement.WIDE, new Plain("wide", false)),
            new Placed(Placement.PER_MODEL, new Plain("own-scale", false)),
            new Placed(Placement.TILE, new Plain("tile", false))),
        new PrintStream(warnings, true, StandardCharsets.UTF_8));
    assertThat(pngs).containsExactly(tmp.resolve("wide.png"), tmp.resolve("tile.png"));
    assertThat(tmp.resolve("own-scale.png")).doesNotExist();
    // drawn at twice the chart's size, for sharp images on high-density screens
    assertThat(ImageIO.read(tmp.resolve("tile.png").toFile()).getWidth()).isEqualTo(80);
    assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void withoutFontsPngExportIsAWarningNotAFailure() {
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    List<Path> pngs = ChartPngs.write(tmp, List.of(new Placed(Placement.WIDE, new Plain("memory", true))),
        new PrintStream(warnings, true, StandardCharsets.UTF_8));
    assertThat(pngs).isEmpty();
    assertThat(warnings.toString(StandardCharsets.UTF_8))
        .contains("warning: PNG export of the charts skipped", "Fontconfig", "report.html has every chart");
  }
}
