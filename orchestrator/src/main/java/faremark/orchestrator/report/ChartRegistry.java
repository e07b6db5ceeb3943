package faremark.orchestrator.report;

import faremark.orchestrator.report.chart.Chart;
import faremark.orchestrator.report.data.ReportData.ModelReport;
import faremark.orchestrator.report.data.ReportData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Charts in the order the report shows them, each made from {@link ReportData} alone, each with
 * its {@link Placement}. The page ({@link ReportHtml}) and the PNG export ({@link ChartPngs})
 * both walk the same list, so a chart registered once is drawn in both. Immutable: {@link
 * #wide}, {@link #wideWhen}, {@link #tile} and {@link #perModel} return a registry with one more entry, so a test
 * can extend {@link ReportCharts#BUILT_IN} with exactly the line a new chart adds there.
 */
public final class ChartRegistry {
  /** Where a chart sits on the page, and whether it is also written as {@code <id>.png}. */
  public enum Placement {
    /** Full width in its own card; exported as PNG. */
    WIDE(true),
    /** Half width; consecutive tiles share a row that wraps on narrow screens; exported as PNG. */
    TILE(true),
    /** One chart per model, each on its own scale, in their own section; SVG only. */
    PER_MODEL(false);

    private final boolean png;

    Placement(boolean png) {
      this.png = png;
    }

    public boolean png() {
      return png;
    }
  }

  /** A chart drawn for one report, and where it goes. */
  public record Placed(Placement placement, Chart chart) {}

  private record Entry(Placement placement, Function<ReportData, List<Chart>> charts) {}

  /**
   * A PNG's file name is its chart's id: lower-case words and dashes, as model ids are, so it
   * names a file on every file system and cannot leave the results folder.
   */
  private static final String PNG_ID = "[a-z0-9][a-z0-9-]*";

  private final List<Entry> entries;

  private ChartRegistry(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static ChartRegistry empty() {
    return new ChartRegistry(List.of());
  }

  /** Adds a full-width chart after those already registered. */
  public ChartRegistry wide(Function<ReportData, Chart> chart) {
    return with(new Entry(Placement.WIDE, d -> List.of(chart.apply(d))));
  }

  /**
   * Adds a full-width chart that is only drawn where {@code when} holds for the report's data (a
   * chart of a figure older results folders do not have: their report stays as it was).
   */
  public ChartRegistry wideWhen(Predicate<ReportData> when, Function<ReportData, Chart> chart) {
    return with(new Entry(Placement.WIDE,
        d -> when.test(d) ? List.of(chart.apply(d)) : List.of()));
  }

  /** Adds a half-width chart after those already registered. */
  public ChartRegistry tile(Function<ReportData, Chart> chart) {
    return with(new Entry(Placement.TILE, d -> List.of(chart.apply(d))));
  }

  /**
   * Adds the full-width charts {@code charts} gives for a report, each in its own card: none for
   * a report without what they show (a sweep's charts for a folder without sweep runs).
   */
  public ChartRegistry wides(Function<ReportData, List<Chart>> charts) {
    return with(new Entry(Placement.WIDE, charts));
  }

  /** Adds the half-width charts {@code charts} gives for a report; none where there is nothing to show. */
  public ChartRegistry tiles(Function<ReportData, List<Chart>> charts) {
    return with(new Entry(Placement.TILE, charts));
  }

  /** Adds one chart per model, in model order. */
  public ChartRegistry perModel(BiFunction<ReportData, ModelReport, Chart> chart) {
    return with(new Entry(Placement.PER_MODEL,
        d -> d.models().stream().map(m -> chart.apply(d, m)).toList()));
  }

  private ChartRegistry with(Entry entry) {
    List<Entry> more = new ArrayList<>(entries);
    more.add(entry);
    return new ChartRegistry(more);
  }

  /**
   * Every chart of {@code data}'s report, in page order.
   *
   * @throws IllegalStateException when two charts share an id (one SVG would shadow the other
   *     and one PNG overwrite the other) or an exported chart's id is not a plain file name
   */
  public List<Placed> charts(ReportData data) {
    List<Placed> placed = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Entry e : entries) {
      for (Chart c : e.charts().apply(data)) {
        if (!ids.add(c.id())) {
          throw new IllegalStateException("two charts have the id '" + c.id() + "'");
        }
        if (e.placement().png() && !c.id().matches(PNG_ID)) {
          throw new IllegalStateException("chart id '" + c.id() + "' names its PNG: expected "
              + PNG_ID);
        }
        placed.add(new Placed(e.placement(), c));
      }
    }
    return List.copyOf(placed);
  }
}
