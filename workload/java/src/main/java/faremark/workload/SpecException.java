package faremark.workload;

/** The spec is missing or wrong; the message names the field and what was expected. Exit 2. */
public final class SpecException extends Exception {
  public SpecException(String message) {
    super(message);
  }

  public SpecException(String message, Throwable cause) {
    super(message, cause);
  }
}
