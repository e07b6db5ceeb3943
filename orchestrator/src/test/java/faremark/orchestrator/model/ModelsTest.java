package faremark.orchestrator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faremark.contract.model.Language;
import faremark.contract.model.ModelDeclaration;
import faremark.contract.model.Parallelism;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelsTest {

  @Test
  void javaFirstShippedBeforeAddedThenPythonInTheFilesOrder() {
    assertThat(Models.ids()).containsSubsequence(
        "sequential", "thread-pool", "virtual-threads", "async", "multi-process",
        "batches", // declared in this module's test sources: after the shipped ones
        "py-sequential", "py-threads", "py-gevent", "py-asyncio", "py-multiprocessing",
        "pypy-sequential", "pypy-threads", "pypy-gevent", "pypy-asyncio", "pypy-multiprocessing");
    assertThat(Models.javaIds()).endsWith("batches").doesNotContain("py-threads");
    assertThat(Models.ids()).isEqualTo(java.util.stream.Stream.concat(
        Models.javaIds().stream(), Models.python().stream().map(ModelDeclaration::id)).toList());
    assertThat(Models.python()).allMatch(ModelDeclaration::isPython);
    assertThat(Models.java()).noneMatch(ModelDeclaration::isPython);
  }

  @Test
  void answersWhatTheOrchestratorAsksOfAModel() {
    assertThat(Models.isPython("py-gevent")).isTrue();
    assertThat(Models.isPython("pypy-threads")).isTrue();
    assertThat(Models.find("pypy-threads").orElseThrow().python().orElseThrow().implementation())
        .isEqualTo(faremark.contract.model.PythonImplementation.PYPY);
    assertThat(Models.isPython("async")).isFalse();
    assertThat(Models.isPython("my-client")).as("unknown, e.g. external").isFalse();
    assertThat(Models.contains("batches")).isTrue();
    assertThat(Models.contains("gevent")).isFalse();
    assertThat(Models.find("py-asyncio")).get()
        .extracting(ModelDeclaration::parallelism).isEqualTo(Parallelism.AIOHTTP_CONNECTOR);
    assertThat(Models.javaProviderClasses()).contains(BatchesModel.Provider.class)
        .hasSameSizeAs(Models.java());
  }

  @Test
  void anIdDeclaredInBothLanguagesIsRefused() {
    ModelDeclaration java = ModelDeclaration.java("twin", "x", Parallelism.ONE);
    ModelDeclaration python = new ModelDeclaration("twin", new Language.Python("twin", List.of()),
        "x", Optional.empty(), Parallelism.ONE);
    assertThatThrownBy(() -> Models.index(List.of(java), List.of(python)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("model id 'twin' is declared as a java model and as a python model; ids are"
            + " unique over both languages (Python ones start with py-)");
  }
}
