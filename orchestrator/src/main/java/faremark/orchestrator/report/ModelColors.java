package faremark.orchestrator.report;

import faremark.contract.model.ModelDeclaration;
import faremark.orchestrator.model.Models;

/**
 * One colour per model id, the same in every report, chart and PNG: a built-in model's colour is
 * the one it declares (the shipped ones all declare theirs: Python models in the same hue family
 * as their Java counterparts, but darker); any other id gets a hue derived from its name.
 */
public final class ModelColors {
  private ModelColors() {}

  /** {@code #rrggbb}. */
  public static String of(String model) {
    return Models.find(model).flatMap(ModelDeclaration::colour).orElseGet(() -> derived(model));
  }

  /** The hue for a model without a declared colour. */
  static String derived(String model) {
    // A stable hue from the id (String.hashCode is specified), mid saturation and lightness so
    // it reads on white; golden-ratio spreading keeps similar names apart.
    double hue = ((model.hashCode() & 0x7fffffff) * 0.618033988749895) % 1.0;
    return hsl(hue, 0.55, 0.45);
  }

  static String hsl(double h, double s, double l) {
    double q = l < 0.5 ? l * (1 + s) : l + s - l * s;
    double p = 2 * l - q;
    int r = (int) Math.round(255 * hue(p, q, h + 1.0 / 3));
    int g = (int) Math.round(255 * hue(p, q, h));
    int b = (int) Math.round(255 * hue(p, q, h - 1.0 / 3));
    return String.format("#%02x%02x%02x", r, g, b);
  }

  private static double hue(double p, double q, double t) {
    if (t < 0) {
      t += 1;
    }
    if (t > 1) {
      t -= 1;
    }
    if (t < 1.0 / 6) {
      return p + (q - p) * 6 * t;
    }
    if (t < 0.5) {
      return q;
    }
    if (t < 2.0 / 3) {
      return p + (q - p) * (2.0 / 3 - t) * 6;
    }
    return p;
  }
}
