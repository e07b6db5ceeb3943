package faremark.orchestrator.report.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear axis from data to pixels with "nice" ticks (1, 2, 2.5, 5 × 10^k), widened to whole
 * ticks so bars and lines never run off the plot.
 */
public record Scale(double min, double max, double step, double pixelFrom, double pixelTo) {

  public static Scale nice(double dataMin, double dataMax, int ticks, double pixelFrom, double pixelTo) {
    if (!(dataMax > dataMin)) {
      dataMax = dataMin + (dataMin == 0 ? 1 : Math.abs(dataMin) * 0.1);
    }
    double raw = (dataMax - dataMin) / Math.max(1, ticks);
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = magnitude * 10;
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (magnitude * m >= raw) {
        step = magnitude * m;
        break;
      }
    }
    double min = Math.floor(dataMin / step) * step;
    double max = Math.ceil(dataMax / step) * step;
    return new Scale(min, max, step, pixelFrom, pixelTo);
  }

  public double px(double value) {
    return pixelFrom + (value - min) / (max - min) * (pixelTo - pixelFrom);
  }

  public List<Double> ticks() {
    List<Double> t = new ArrayList<>();
    for (double v = min; v <= max + step / 1000; v += step) {
      t.add(Math.abs(v) < step / 1000 ? 0.0 : v);
    }
    return t;
  }
}
