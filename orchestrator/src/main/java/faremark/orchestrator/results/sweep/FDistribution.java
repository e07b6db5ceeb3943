package faremark.orchestrator.results.sweep;

/**
 * The upper tail of Fisher's F distribution, for the lack-of-fit test: P(F ≥ f) =
 * I_{d2/(d2 + d1·f)}(d2/2, d1/2), I the regularized incomplete beta function, evaluated by its
 * continued fraction (Lentz's method) with the Lanczos log-gamma. Accurate to ~1e-10, far below
 * what a significance level of 0.01 needs.
 */
final class FDistribution {
  private static final double EPS = 1e-14;
  private static final double TINY = 1e-300;
  private static final double[] LANCZOS = {
    676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
  };

  private FDistribution() {}

  /** P(F ≥ f) for F ~ F(d1, d2); 1 for f ≤ 0, 0 for f = +∞. */
  static double upperTail(double f, double d1, double d2) {
    if (f <= 0) {
      return 1;
    }
    if (Double.isInfinite(f)) {
      return 0;
    }
    return regularizedBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
  }

  /** I_x(a, b). */
  static double regularizedBeta(double x, double a, double b) {
    if (x <= 0) {
      return 0;
    }
    if (x >= 1) {
      return 1;
    }
    double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b)
        + a * Math.log(x) + b * Math.log1p(-x));
    // the continued fraction converges fast for x < (a+1)/(a+b+2); else use the symmetry
    if (x < (a + 1) / (a + b + 2)) {
      return front * continuedFraction(x, a, b) / a;
    }
    return 1 - front * continuedFraction(1 - x, b, a) / b;
  }

  private static double continuedFraction(double x, double a, double b) {
    double c = 1;
    double d = 1 - (a + b) * x / (a + 1);
    d = 1 / (Math.abs(d) < TINY ? TINY : d);
    double h = d;
    for (int m = 1; m <= 10_000; m++) {
      int m2 = 2 * m;
      double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
      d = 1 + aa * d;
      d = 1 / (Math.abs(d) < TINY ? TINY : d);
      c = 1 + aa / c;
      c = Math.abs(c) < TINY ? TINY : c;
      h *= d * c;
      aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
      d = 1 + aa * d;
      d = 1 / (Math.abs(d) < TINY ? TINY : d);
      c = 1 + aa / c;
      c = Math.abs(c) < TINY ? TINY : c;
      double del = d * c;
      h *= del;
      if (Math.abs(del - 1) < EPS) {
        break;
      }
    }
    return h;
  }

  /** ln Γ(x) for x > 0 (Lanczos, g = 7). */
  static double logGamma(double x) {
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    double z = x - 1;
    double sum = 0.99999999999980993;
    for (int i = 0; i < LANCZOS.length; i++) {
      sum += LANCZOS[i] / (z + i + 1);
    }
    double t = z + LANCZOS.length - 0.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
  }
}
