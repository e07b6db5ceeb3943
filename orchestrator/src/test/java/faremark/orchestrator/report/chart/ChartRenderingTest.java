package faremark.orchestrator.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.report.ChartRegistry;
import faremark.orchestrator.report.ReportCharts;
import faremark.orchestrator.report.ReportWriter;
import faremark.orchestrator.report.data.ReportData;
import faremark.orchestrator.results.ResultsFixture;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** Every chart draws the same content to SVG and PNG: well-formed SVG, PNGs in model colours. */
class ChartRenderingTest {
  @TempDir Path tmp;
  private ReportData data;

  @BeforeEach
  void load() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    data = ReportWriter.write(dir, new PrintStream(OutputStream.nullOutputStream())).data();
  }

  @Test
  void everyChartIsWellFormedSvgWithItsTitleAndModelColours() throws Exception {
    List<Chart> charts = ReportCharts.of(data).stream().map(ChartRegistry.Placed::chart).toList();
    for (Chart chart : charts) {
      String svg = SvgCanvas.render(chart);
      Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
      assertThat(doc.getDocumentElement().getAttribute("id")).isEqualTo(chart.id());
      assertThat(doc.getElementsByTagName("title").item(0).getTextContent()).isEqualTo(chart.title());
      assertThat(svg).doesNotContain("NaN", "Infinity").doesNotContain("href", "<script", "url(");
    }
    String memory = SvgCanvas.render(chart("memory"));
    for (ReportData.ModelReport m : data.models()) {
      assertThat(memory).as(m.id()).contains("stroke=\"" + m.color() + "\" stroke-width=\"2.4\"");
    }
    // hovering a line names its run (SVG's own tooltip: no script)
    assertThat(memory).contains("<title>sequential #3 (median): ok, peak 91.0 MiB, request phase 20.0 s"
        + " (007-sequential-r3)</title></polyline>");
    // runs not ok are dashed and labelled with their outcome
    assertThat(memory).contains("stroke-dasharray", "× thread-pool oom-killed (#3)", "× py-asyncio crashed (#1)", ">ready<");
  }

  @Test
  void pngsCarryTheModelColoursInTheirBars() throws Exception {
    Chart peak = chart("peak");
    Path png = tmp.resolve("peak.png");
    Java2dCanvas.writePng(peak, png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(peak.width() * 2);
    for (ReportData.ModelReport m : data.models()) {
      int rgb = Integer.parseInt(m.color().substring(1), 16);
      int n = 0;
      for (int y = 0; y < image.getHeight(); y++) {
        for (int x = 0; x < image.getWidth(); x++) {
          n += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
        }
      }
      assertThat(n).as(m.id()).isGreaterThan(200);
    }
  }

  private Chart chart(String id) {
    return ReportCharts.of(data).stream().map(ChartRegistry.Placed::chart)
        .filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void aModelWithoutOkRunsGetsWordsNotABar() {
    SpreadBarChart chart = new SpreadBarChart("x", "X", "MiB",
        java.util.List.of(new SpreadBarChart.Bar("crasher", "#123456", null, "no ok run (3 not ok)")),
        v -> v + " MiB", false, 480);
    String svg = SvgCanvas.render(chart);
    assertThat(svg).contains("no ok run (3 not ok)").doesNotContain("fill=\"#123456\"");
  }

  @Test
  void niceScalesCoverTheDataWithRoundTicks() {
    Scale s = Scale.nice(0, 822, 5, 0, 100);
    assertThat(s.max()).isGreaterThanOrEqualTo(822);
    assertThat(s.ticks()).first().isEqualTo(0.0);
    assertThat(s.step()).isEqualTo(200.0);
    Scale t = Scale.nice(-6800, 29_700, 8, 0, 100);
    assertThat(t.min()).isLessThanOrEqualTo(-6800);
    assertThat(t.ticks()).contains(0.0);
    assertThat(Scale.nice(5, 5, 4, 0, 10).max()).isGreaterThan(5); // a flat series still gets an axis
  }

  @Test
  void modelColoursAreStableAndDistinct() {
    assertThat(faremark.orchestrator.report.ModelColors.of("async")).isEqualTo("#f28e2b");
    String custom = faremark.orchestrator.report.ModelColors.of("my-model");
    assertThat(custom).matches("#[0-9a-f]{6}").isEqualTo(faremark.orchestrator.report.ModelColors.of("my-model"));
    assertThat(faremark.orchestrator.report.ModelColors.of("other-model")).isNotEqualTo(custom);
  }
}
