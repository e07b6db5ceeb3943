package faremark.workload;

import faremark.contract.WorkloadSpec;
import faremark.contract.model.ModelDeclaration;
import java.util.Objects;
import java.util.function.Function;

/**
 * A Java concurrency model as a plug-in: what it is ({@link #declaration()}) and how to make one
 * for a spec. Implementations are found with {@link java.util.ServiceLoader}: each model class
 * carries its provider as a public static nested class with a public no-argument constructor,
 * named on one line of {@code META-INF/services/faremark.workload.JavaModel}. The workload JVM
 * ({@code WorkloadMain}) and the orchestrator read the same list, so adding a model touches no
 * other file (docs/extending.md). A provider is usually an {@link Of}: its declaration and the
 * model's constructor, nothing else.
 */
public interface JavaModel {

  /** The model's id, description, report colour and parallelism; its language is Java. */
  ModelDeclaration declaration();

  /**
   * A model ready to {@link WorkloadModel#prepare() prepare} and {@link WorkloadModel#run() run}
   * the spec; nothing is started yet. {@code spec.model()} is this provider's id.
   */
  WorkloadModel create(WorkloadSpec spec);

  /**
   * The provider of a model made from the spec alone, which is every model so far:
   *
   * <pre>{@code
   * public static final class Provider extends JavaModel.Of {
   *   public Provider() {
   *     super(ModelDeclaration.java(ID, "what it does", "#4e79a7", Parallelism.ONE), MyModel::new);
   *   }
   * }
   * }</pre>
   */
  abstract class Of implements JavaModel {
    private final ModelDeclaration declaration;
    private final Function<WorkloadSpec, ? extends WorkloadModel> factory;

    protected Of(ModelDeclaration declaration, Function<WorkloadSpec, ? extends WorkloadModel> factory) {
      this.declaration = Objects.requireNonNull(declaration, "declaration");
      this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public final ModelDeclaration declaration() {
      return declaration;
    }

    @Override
    public final WorkloadModel create(WorkloadSpec spec) {
      return factory.apply(spec);
    }
  }
}
