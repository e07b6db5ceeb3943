package faremark.contract.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything faremark knows about a built-in model, declared once where the model is written: a
 * Java model's provider returns it ({@code faremark.workload.JavaModel}), a Python model's entry
 * in {@code faremark_py/models.json} holds it. The orchestrator reads nothing else about a model:
 * which backend image runs it, how it is launched, its estimate and its colour all come from here.
 *
 * @param id the name used everywhere: YAML, CSV, reports ({@code [a-z0-9][a-z0-9-]*}, unique
 *     over both languages; Python ids start with {@code py-} by convention, so they read apart)
 * @param language Java, or Python with its module and imports
 * @param description what it is, one line, for listings
 * @param colour its fixed report colour {@code #rrggbb}; empty: a hue derived from the id
 * @param parallelism how many requests it has in flight, for the ideal request phase
 */
public record ModelDeclaration(
    String id, Language language, String description, Optional<String> colour,
    Parallelism parallelism) {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern COLOUR = Pattern.compile("#[0-9a-f]{6}");

  /**
   * @throws IllegalArgumentException naming the field and what was expected
   */
  public ModelDeclaration {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("id: expected lower-case letters, digits and '-' such as"
          + " thread-pool, got " + (id == null ? "nothing" : "'" + id + "'"));
    }
    if (language == null) {
      throw new IllegalArgumentException(id + ": language: expected java or python, got nothing");
    }
    if (description == null || description.isBlank()) {
      throw new IllegalArgumentException(id + ": description: expected one line saying what the"
          + " model is, got " + (description == null ? "nothing" : "an empty text"));
    }
    if (colour == null) {
      colour = Optional.empty();
    }
    if (colour.isPresent() && !COLOUR.matcher(colour.get()).matches()) {
      throw new IllegalArgumentException(id + ": colour: expected #rrggbb in lower-case hex such"
          + " as #4e79a7, got '" + colour.get() + "'");
    }
    if (parallelism == null) {
      throw new IllegalArgumentException(id + ": parallelism: expected one of "
          + Parallelism.ids() + ", got nothing");
    }
  }

  /** A Java model with a fixed report colour. */
  public static ModelDeclaration java(String id, String description, String colour,
      Parallelism parallelism) {
    return new ModelDeclaration(id, Language.JAVA, description, Optional.of(colour), parallelism);
  }

  /** A Java model whose report colour is derived from its id. */
  public static ModelDeclaration java(String id, String description, Parallelism parallelism) {
    return new ModelDeclaration(id, Language.JAVA, description, Optional.empty(), parallelism);
  }

  /** The Python module and imports, for a Python model. */
  public Optional<Language.Python> python() {
    return language instanceof Language.Python p ? Optional.of(p) : Optional.empty();
  }

  public boolean isPython() {
    return language instanceof Language.Python;
  }
}
