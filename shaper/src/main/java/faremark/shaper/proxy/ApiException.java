package faremark.shaper.proxy;

/** An API failure with Toxiproxy's message and HTTP status, answered as {@code {"error","status"}}. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static ApiException badRequestBody(String detail) {
    return new ApiException(400, "bad request body: " + detail);
  }

  public static ApiException missingField(String field) {
    return new ApiException(400, "missing required field: " + field);
  }

  public static ApiException proxyNotFound() {
    return new ApiException(404, "proxy not found");
  }

  public static ApiException proxyExists() {
    return new ApiException(409, "proxy already exists");
  }

  public static ApiException invalidStream() {
    return new ApiException(400, "stream was invalid, can be either upstream or downstream");
  }

  public static ApiException invalidToxicType() {
    return new ApiException(400, "invalid toxic type");
  }

  public static ApiException toxicExists() {
    return new ApiException(409, "toxic already exists");
  }

  public static ApiException toxicNotFound() {
    return new ApiException(404, "toxic not found");
  }
}
