package faremark.orchestrator.results;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Median and range of one figure over the ok runs of a model. With few repetitions the median
 * is the honest centre; min and max show the spread.
 */
public record Stat(
    int n,
    @JsonSerialize(using = PlainNumber.class) double median,
    @JsonSerialize(using = PlainNumber.class) double min,
    @JsonSerialize(using = PlainNumber.class) double max) {

  /** Null when there is nothing to summarize. */
  public static Stat of(Collection<? extends Number> values) {
    List<Double> v = new ArrayList<>();
    for (Number n : values) {
      if (n != null) {
        v.add(n.doubleValue());
      }
    }
    if (v.isEmpty()) {
      return null;
    }
    v.sort(null);
    int size = v.size();
    double median = size % 2 == 1 ? v.get(size / 2) : (v.get(size / 2 - 1) + v.get(size / 2)) / 2;
    return new Stat(size, median, v.get(0), v.get(size - 1));
  }

  public static Stat ofNullable(List<? extends Number> values) {
    return of(values.stream().filter(Objects::nonNull).toList());
  }
}
