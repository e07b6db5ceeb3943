package faremark.orchestrator.python;

import faremark.contract.model.PythonImplementation;
import java.util.List;

/**
 * Asks an interpreter which libraries load on it: on this machine ({@link PythonInterpreter}) or
 * inside the image a backend runs the models in.
 */
@FunctionalInterface
public interface PythonProber {
  /** Never throws for a missing or broken interpreter: the probe says what is wrong. */
  PythonProbe probe(PythonImplementation implementation, List<String> modules);

  /**
   * What a user sets to get another interpreter, completed by "that has it" in a skip reason:
   * here {@code FAREMARK_PYPY to a pypy3}.
   */
  default String alternative(PythonImplementation implementation) {
    return PythonInterpreter.variable(implementation) + " to a " + PythonInterpreter.command(implementation);
  }
}
