package faremark.orchestrator.report;

import faremark.orchestrator.sampling.MemorySample;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a run's samples into chart points [ms since ready, MiB]. A 30 s run sampled every 10 ms
 * has 3000 samples, more than a chart can show: long series are cut into equal slices of time
 * and each slice keeps its lowest and highest sample, in time order, so the drawn line still
 * reaches every peak and trough.
 */
final class SeriesThinner {
  static final int MAX_SLICES = 300;

  private SeriesThinner() {}

  static List<double[]> thin(List<MemorySample> samples, double originMs) {
    List<double[]> points = new ArrayList<>();
    if (samples.size() <= 2 * MAX_SLICES) {
      for (MemorySample s : samples) {
        points.add(point(s, originMs));
      }
      return points;
    }
    double first = ms(samples.get(0));
    double span = ms(samples.get(samples.size() - 1)) - first;
    int i = 0;
    for (int slice = 0; slice < MAX_SLICES && i < samples.size(); slice++) {
      double end = first + span * (slice + 1) / MAX_SLICES;
      MemorySample lo = null;
      MemorySample hi = null;
      while (i < samples.size() && (ms(samples.get(i)) <= end || slice == MAX_SLICES - 1)) {
        MemorySample s = samples.get(i++);
        if (lo == null || s.currentBytes() < lo.currentBytes()) {
          lo = s;
        }
        if (hi == null || s.currentBytes() > hi.currentBytes()) {
          hi = s;
        }
      }
      if (lo == null) {
        continue;
      }
      if (lo == hi) {
        points.add(point(lo, originMs));
      } else if (lo.at().compareTo(hi.at()) < 0) {
        points.add(point(lo, originMs));
        points.add(point(hi, originMs));
      } else {
        points.add(point(hi, originMs));
        points.add(point(lo, originMs));
      }
    }
    return points;
  }

  private static double ms(MemorySample s) {
    return s.at().toNanos() / 1e6;
  }

  private static double[] point(MemorySample s, double originMs) {
    return new double[] {
      ReportDataBuilder.round(ms(s) - originMs, 1),
      ReportDataBuilder.round(s.currentBytes() / ReportDataBuilder.MIB, 2)
    };
  }
}
