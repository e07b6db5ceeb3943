package faremark.orchestrator.results.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lack-of-fit F test of a line fitted to runs grouped by x: splits the residual sum of
 * squares into pure error (runs about their point's mean) and lack of fit (point means about
 * the line), and asks whether the latter is larger than the former explains. With
 * {@link Linearity#RULE}'s size condition it is the non-linearity flag.
 */
final class LackOfFit {
  private LackOfFit() {}

  static Linearity test(List<Observation> obs, LeastSquares.Line line) {
    if (line == null) {
      return new Linearity(Linearity.Verdict.UNTESTED, null, null, "no line: fewer than 2 points");
    }
    Map<Double, List<Double>> groups = new TreeMap<>();
    for (Observation o : obs) {
      groups.computeIfAbsent(o.x(), k -> new ArrayList<>()).add(o.y());
    }
    int c = groups.size();
    int n = obs.size();
    double pureError = 0;
    double lackOfFit = 0;
    double maxDeviation = 0;
    for (Map.Entry<Double, List<Double>> g : groups.entrySet()) {
      double mean = g.getValue().stream().mapToDouble(Double::doubleValue).average().orElse(0);
      for (double y : g.getValue()) {
        pureError += (y - mean) * (y - mean);
      }
      double off = mean - line.at(g.getKey());
      lackOfFit += g.getValue().size() * off * off;
      maxDeviation = Math.max(maxDeviation, Math.abs(off));
    }
    double xMin = ((TreeMap<Double, List<Double>>) groups).firstKey();
    double xMax = ((TreeMap<Double, List<Double>>) groups).lastKey();
    double rise = Math.abs(line.slope()) * (xMax - xMin);
    // boxed on every branch: a double on one would unbox the null of a flat line with a point
    // off it (a figure that moves in whole pages, such as page cache, can give a slope of exactly 0)
    Double share = rise > 0 ? Double.valueOf(maxDeviation / rise)
        : maxDeviation == 0 ? Double.valueOf(0) : null;
    String shareText = share == null ? "the line is flat and a point lies off it"
        : String.format(Locale.ROOT, "the furthest point mean lies %.1f %% of the rise off the line",
            100 * share);
    if (c < 3 || n - c < 1) {
      return new Linearity(Linearity.Verdict.UNTESTED, null, rounded(share), (c < 3
          ? c + " points: a line always fits 2" : "no point has 2 or more runs: noise and bend"
          + " cannot be told apart") + "; " + shareText);
    }
    int dfLack = c - 2;
    int dfPure = n - c;
    double f = pureError == 0 ? (lackOfFit == 0 ? 0 : Double.POSITIVE_INFINITY)
        : (lackOfFit / dfLack) / (pureError / dfPure);
    double p = FDistribution.upperTail(f, dfLack, dfPure);
    boolean far = share == null || share > Linearity.MIN_DEVIATION_SHARE;
    boolean bent = p < Linearity.ALPHA && far;
    String detail = String.format(Locale.ROOT, "lack-of-fit F(%d, %d) = %s, p = %s; %s",
        dfLack, dfPure, Double.isInfinite(f) ? "inf" : String.format(Locale.ROOT, "%.3g", f),
        String.format(Locale.ROOT, "%.3g", p), shareText);
    return new Linearity(bent ? Linearity.Verdict.NOT_LINEAR : Linearity.Verdict.LINEAR,
        Double.parseDouble(String.format(Locale.ROOT, "%.4g", p)), rounded(share), detail);
  }

  private static Double rounded(Double share) {
    return share == null ? null : Fits.round(share, 4);
  }
}
