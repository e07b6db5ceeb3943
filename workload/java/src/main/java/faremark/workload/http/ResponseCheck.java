package faremark.workload.http;

import faremark.contract.FailureCause;
import faremark.contract.FarePage;
import faremark.contract.WorkloadSpec;
import faremark.workload.record.DayOutcome;
import java.time.LocalDate;
import java.util.concurrent.TimeoutException;

/**
 * Turns a response into a {@link DayOutcome}: the article's "parse" (full data binding via
 * {@link FarePage#parse}) and "prepare for processing" ({@link FarePage#aggregate}). A non-200
 * is {@code http-<status>}; a body that does not parse, or is another day's or route's page, is
 * {@code bad-body} — a proxy or server mixing up responses must not pass verification.
 */
public final class ResponseCheck {
  private ResponseCheck() {}

  public static DayOutcome check(WorkloadSpec spec, LocalDate date, int status, byte[] body) {
    if (status != 200) {
      return new DayOutcome.Failed(FailureCause.httpStatus(status), "HTTP " + status + " for " + date);
    }
    FarePage page;
    try {
      page = FarePage.parse(body);
    } catch (RuntimeException e) {
      return new DayOutcome.Failed(FailureCause.BAD_BODY, date + ": " + e.getMessage());
    }
    if (!date.equals(page.date())
        || !spec.route().from().equals(page.from())
        || !spec.route().to().equals(page.to())) {
      return new DayOutcome.Failed(
          FailureCause.BAD_BODY,
          "asked for " + spec.route() + " " + date + ", got " + page.from() + "-" + page.to() + " "
              + page.date());
    }
    return new DayOutcome.Ok(page.aggregate());
  }

  /** A request that threw instead of answering. */
  public static DayOutcome failure(Throwable t) {
    // Our own whole-request deadline surfaces as a j.u.c.TimeoutException, which the contract's
    // classifier (written for the client's exceptions) does not know.
    Throwable root = t;
    while (root.getCause() != null
        && (root instanceof java.util.concurrent.CompletionException
            || root instanceof java.util.concurrent.ExecutionException)) {
      root = root.getCause();
    }
    // HttpClient.send() re-wraps an async failure in a plain IOException carrying only the
    // message; peel that layer so the classifier sees what the client itself reported.
    while (root.getClass() == java.io.IOException.class && root.getCause() instanceof java.io.IOException inner) {
      root = inner;
    }
    String cause = root instanceof TimeoutException ? FailureCause.TIMEOUT : FailureCause.of(root);
    return new DayOutcome.Failed(cause, root.getClass().getName() + ": " + root.getMessage());
  }
}
