package faremark.orchestrator.scenario;

import faremark.workload.ModelCatalog;
import faremark.workload.ModelInfo;
import faremark.workload.python.PythonCatalog;
import faremark.workload.python.PythonModel;
import java.util.List;
import java.util.stream.Stream;

/** The models faremark ships: the Java catalog's, then the Python catalog's. */
public final class BuiltInModels {
  private BuiltInModels() {}

  public static boolean contains(String id) {
    return ModelCatalog.find(id).isPresent() || PythonCatalog.find(id).isPresent();
  }

  public static boolean isPython(String id) {
    return PythonCatalog.find(id).isPresent();
  }

  public static List<String> ids() {
    return Stream.concat(ModelCatalog.models().stream().map(ModelInfo::id),
        PythonCatalog.models().stream().map(PythonModel::id)).toList();
  }
}
