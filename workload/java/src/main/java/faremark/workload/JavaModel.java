package faremark.workload;

import faremark.contract.WorkloadSpec;
import faremark.contract.model.ModelDeclaration;

/**
 * A Java concurrency model as a plug-in: what it is ({@link #declaration()}) and how to make one
 * for a spec. Implementations are found with {@link java.util.ServiceLoader}: each model class
 * carries its provider as a public static nested class with a public no-argument constructor,
 * named on one line of {@code META-INF/services/faremark.workload.JavaModel}. The workload JVM
 * ({@code WorkloadMain}) and the orchestrator read the same list, so adding a model touches no
 * other file (docs/extending.md).
 */
public interface JavaModel {

  /** The model's id, description, report colour and parallelism; its language is Java. */
  ModelDeclaration declaration();

  /**
   * A model ready to {@link WorkloadModel#prepare() prepare} and {@link WorkloadModel#run() run}
   * the spec; nothing is started yet. {@code spec.model()} is this provider's id.
   */
  WorkloadModel create(WorkloadSpec spec);
}
