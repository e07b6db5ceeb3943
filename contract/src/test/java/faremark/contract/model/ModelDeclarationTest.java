package faremark.contract.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelDeclarationTest {

  @Test
  void aJavaModelNeedsItsIdDescriptionAndParallelism() {
    ModelDeclaration d = ModelDeclaration.java("thread-pool", "a pool", "#e15759", Parallelism.CLIENT_POOL);
    assertThat(d.language()).isEqualTo(Language.JAVA);
    assertThat(d.isPython()).isFalse();
    assertThat(d.python()).isEmpty();
    assertThat(d.colour()).contains("#e15759");
    assertThat(ModelDeclaration.java("mine", "mine", Parallelism.ONE).colour()).isEmpty();
  }

  @Test
  void aPythonModelCarriesItsModuleAndImports() {
    ModelDeclaration d = new ModelDeclaration("py-asyncio",
        new Language.Python("asyncio_aiohttp", List.of("aiohttp")), "asyncio", Optional.empty(),
        Parallelism.AIOHTTP_CONNECTOR);
    assertThat(d.isPython()).isTrue();
    assertThat(d.python()).get().extracting(Language.Python::module).isEqualTo("asyncio_aiohttp");
    assertThat(d.language().id()).isEqualTo("python");
  }

  @Test
  void aPythonModelRunsOnCpythonUnlessItSaysOtherwise() {
    assertThat(new Language.Python("threads", List.of("requests")).implementation())
        .isEqualTo(PythonImplementation.CPYTHON);
    assertThat(new Language.Python("threads", List.of(), PythonImplementation.PYPY).implementation())
        .isEqualTo(PythonImplementation.PYPY);
    assertThatThrownBy(() -> new Language.Python("threads", List.of(), null))
        .hasMessage("implementation: expected one of cpython, pypy, got nothing");
  }

  @Test
  void implementationsNameTheirModelsAndRoundTrip() {
    assertThat(PythonImplementation.CPYTHON.modelId("py-threads")).isEqualTo("py-threads");
    assertThat(PythonImplementation.PYPY.modelId("py-threads")).isEqualTo("pypy-threads");
    assertThat(PythonImplementation.PYPY.modelId("mine")).isEqualTo("pypy-mine");
    for (PythonImplementation p : PythonImplementation.values()) {
      assertThat(PythonImplementation.of(p.id())).isEqualTo(p);
    }
    assertThat(PythonImplementation.PYPY.runtimeName()).isEqualTo("PyPy");
    assertThatThrownBy(() -> PythonImplementation.of("jython"))
        .hasMessage("expected one of cpython, pypy, got 'jython'");
  }

  @Test
  void badFieldsAreNamedWithWhatWasExpected() {
    assertThatThrownBy(() -> ModelDeclaration.java("Thread Pool", "x", Parallelism.ONE))
        .hasMessageContaining("id: expected lower-case").hasMessageContaining("'Thread Pool'");
    assertThatThrownBy(() -> ModelDeclaration.java("x", " ", Parallelism.ONE))
        .hasMessageContaining("x: description: expected");
    assertThatThrownBy(() -> ModelDeclaration.java("x", "x", "red", Parallelism.ONE))
        .hasMessageContaining("x: colour: expected #rrggbb").hasMessageContaining("'red'");
    assertThatThrownBy(() -> ModelDeclaration.java("x", "x", "#4E79A7", Parallelism.ONE))
        .as("upper-case hex would print differently from the fixed colours: refused")
        .hasMessageContaining("colour");
    assertThatThrownBy(() -> ModelDeclaration.java("x", "x", null))
        .hasMessageContaining("x: parallelism: expected one of one, processes, client-pool");
    assertThatThrownBy(() -> new Language.Python("faremark_py.threads", List.of()))
        .hasMessageContaining("module: expected a Python module name");
    assertThatThrownBy(() -> new Language.Python("threads", List.of("requests", "")))
        .hasMessageContaining("imports: expected module names").hasMessageContaining("''");
  }

  @Test
  void parallelismIdsRoundTrip() {
    for (Parallelism p : Parallelism.values()) {
      assertThat(Parallelism.of(p.id())).isEqualTo(p);
    }
    assertThat(Arrays.stream(Parallelism.values()).map(Parallelism::id)).doesNotHaveDuplicates();
    assertThatThrownBy(() -> Parallelism.of("threads"))
        .hasMessageContaining("expected one of one, processes").hasMessageContaining("'threads'");
  }
}
