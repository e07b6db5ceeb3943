package faremark.orchestrator.sampling;

/** A probe could not read its source (file missing, unparsable, process gone). */
public final class ProbeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProbeException(String message) {
    super(message);
  }

  public ProbeException(String message, Throwable cause) {
    super(message, cause);
  }
}
