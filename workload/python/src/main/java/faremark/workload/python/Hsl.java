package faremark.workload.python;

/** {@code #rrggbb} to and from hue, saturation, lightness (each 0..1), for derived colours. */
final class Hsl {
  private Hsl() {}

  static double[] of(String hex) {
    int rgb = Integer.parseInt(hex.substring(1), 16);
    double r = (rgb >> 16 & 0xff) / 255.0;
    double g = (rgb >> 8 & 0xff) / 255.0;
    double b = (rgb & 0xff) / 255.0;
    double max = Math.max(r, Math.max(g, b));
    double min = Math.min(r, Math.min(g, b));
    double l = (max + min) / 2;
    if (max == min) {
      return new double[] {0, 0, l};
    }
    double d = max - min;
    double s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
    double h;
    if (max == r) {
      h = (g - b) / d + (g < b ? 6 : 0);
    } else if (max == g) {
      h = (b - r) / d + 2;
    } else {
      h = (r - g) / d + 4;
    }
    return new double[] {h / 6, s, l};
  }

  static String hex(double h, double s, double l) {
    double q = l < 0.5 ? l * (1 + s) : l + s - l * s;
    double p = 2 * l - q;
    return String.format("#%02x%02x%02x", channel(p, q, h + 1.0 / 3), channel(p, q, h),
        channel(p, q, h - 1.0 / 3));
  }

  private static int channel(double p, double q, double t) {
    t = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    double v;
    if (t < 1.0 / 6) {
      v = p + (q - p) * 6 * t;
    } else if (t < 0.5) {
      v = q;
    } else if (t < 2.0 / 3) {
      v = p + (q - p) * (2.0 / 3 - t) * 6;
    } else {
      v = p;
    }
    return (int) Math.round(255 * Math.max(0, Math.min(1, v)));
  }
}
