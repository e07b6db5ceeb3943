"""The tally of one run: ok and failed-by-cause counts, latencies, the aggregate, first and last
moments, the most requests in flight and the retries.

Latency semantics (as the Java models): from the model issuing the request (after it got its
concurrency slot, before waiting for a pooled connection) to the response body fully read, in
microseconds, successful requests only; parsing is not included. With retries, a request's
latency runs from its first attempt to the body of the attempt that succeeded. Every value goes
out with the result (``latencyDistribution``), so the orchestrator keeps the whole distribution.

A plain lock makes it safe for threads and, once monkey-patched, for greenlets; asyncio calls it
from one thread. It is taken twice per request: noise next to a network round trip.
"""
import datetime
import sys
import threading
import time

from . import latency


def utc_now_text():
    """An instant as Java's Instant serialises it: ISO-8601, UTC, 'Z'."""
    now = datetime.datetime.now(datetime.timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Recorder:
    def __init__(self):
        self._lock = threading.Lock()
        self.ok = 0
        self.failed = {}
        self.aggregate = []
        self.latencies_us = []
        self.in_flight = 0
        self.peak_in_flight = 0
        self.peak_threads = threading.active_count()
        self.retried_causes = {}
        self.retried_requests = 0
        self._logged = set()
        self._started_at = None
        self._start_ns = None
        self._ended_at = None
        self._end_ns = None

    def start(self):
        with self._lock:
            self._start_locked()

    def _start_locked(self):
        if self._started_at is None:
            self._started_at = utc_now_text()
            self._start_ns = time.monotonic_ns()

    def begin(self):
        """A request is being issued; returns its start for end()."""
        with self._lock:
            self._start_locked()
            self.in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
            self.peak_threads = max(self.peak_threads, threading.active_count())
            return time.monotonic_ns()

    def retried(self, causes):
        """A request was tried again after attempts that failed with ``causes`` (one cause id
        per retried attempt; empty when the first attempt was its last)."""
        if causes:
            with self._lock:
                for cause in causes:
                    self.retried_causes[cause] = self.retried_causes.get(cause, 0) + 1
                self.retried_requests += 1

    def end(self, start_ns, received_ns, outcome):
        """outcome: ("ok", aggregate) or ("failed", cause, detail)."""
        with self._lock:
            self.in_flight -= 1
            self._record(outcome, (received_ns - start_ns) // 1000)
            self._touch_end()

    def add(self, outcome, latency_us):
        """A request done elsewhere (a worker process): its outcome and latency."""
        with self._lock:
            self._start_locked()
            self.peak_threads = max(self.peak_threads, threading.active_count())
            self._record(outcome, latency_us)
            self._touch_end()

    def _record(self, outcome, latency_us):
        if outcome[0] == "ok":
            self.ok += 1
            self.aggregate.append(outcome[1])
            self.latencies_us.append(max(0, latency_us))
        else:
            cause, detail = outcome[1], outcome[2]
            self.failed[cause] = self.failed.get(cause, 0) + 1
            if cause not in self._logged:
                self._logged.add(cause)
                print("faremark: request failed (%s): %s" % (cause, detail), file=sys.stderr)

    def _touch_end(self):
        self._ended_at = utc_now_text()
        self._end_ns = time.monotonic_ns()

    def result(self, model, requested, details):
        """contract.WorkloadResult as JSON fields."""
        with self._lock:
            started = self._started_at or utc_now_text()
            ended = self._ended_at or started
            phase_us = 0 if self._end_ns is None else (self._end_ns - self._start_ns) // 1000
            details = dict(details)
            details.setdefault("peakInFlight", self.peak_in_flight)
            details.setdefault("peakThreads", self.peak_threads)
            # The same keys as the Java models: "retries" (set by the runner) is the spec's
            # allowance, "retried" the attempts that failed and were tried again, by cause, so a
            # run retried into success is visibly not a clean one whichever language ran it.
            details["retried"] = dict(sorted(self.retried_causes.items()))
            details["retriedRequests"] = self.retried_requests
            return {
                "model": model,
                "requested": requested,
                "ok": self.ok,
                "failed": dict(sorted(self.failed.items())),
                "startedAt": started,
                "endedAt": ended,
                "requestPhaseUs": phase_us,
                "latency": latency.summary(self.latencies_us),
                "aggregate": sorted(self.aggregate, key=lambda a: a["date"]),
                "details": dict(sorted(details.items())),
                "latencyDistribution": latency.distribution(self.latencies_us),
            }
