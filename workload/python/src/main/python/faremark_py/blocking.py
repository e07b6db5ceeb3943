"""One blocking request with ``requests``, shared by py-sequential, py-threads, py-gevent (where
sockets are monkey-patched) and the py-multiprocessing workers: fetch a day, parse and aggregate
it, record the outcome. Never raises for a failed request: faults must show in the results.

Connections: ``shared`` is one ``requests.Session`` for the run (keep-alive, a urllib3 pool of
at most ``poolSize`` connections kept; with ``requestsPoolBlock`` true a request waits for a free
one, otherwise - requests' default - it opens an extra connection and discards it afterwards).
``per-request`` is a new Session per request, closed after it: what ``requests.get()`` does.

Timeouts: requests has no whole-request timeout (its read timeout applies to each socket read),
so the body is streamed and our deadline checked between chunks; a request ends within
requestTimeout plus at most one read timeout.

Retries (``spec.retries``): a failed attempt is tried again at once, up to N more times; a
request that still fails counts once, under the cause of its last attempt. urllib3's own retries
are off (max_retries=0), so the count is ours alone.
"""
import time

import requests
import requests.adapters

from . import failures, fares
from .spec import bool_option

CHUNK = 64 * 1024


def client_id():
    import urllib3
    return "requests %s (urllib3 %s)" % (requests.__version__, urllib3.__version__)


class RequestsClient:
    def __init__(self, spec, recorder):
        self.spec = spec
        self.recorder = recorder
        self.pool_block = bool_option(spec, "requestsPoolBlock", False)
        self.timeout = (spec.connect_timeout_s, spec.request_timeout_s)
        self.shared = self.new_session() if spec.shared else None

    def new_session(self):
        session = requests.Session()
        adapter = requests.adapters.HTTPAdapter(
            pool_connections=1, pool_maxsize=self.spec.pool_size, pool_block=self.pool_block,
            max_retries=0)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        session.headers["Accept"] = "application/json"
        return session

    def warm_up(self):
        """Loads the parse and failure paths, and for per-request a Session's classes, before
        ``ready``; nothing touches the network."""
        fares.warm_up()
        failures.classify(requests.exceptions.ConnectionError(ConnectionRefusedError()))
        if self.shared is None:
            self.new_session().close()

    def details(self):
        return {"client": client_id(), "connections": self.spec.connections,
                "poolSize": self.spec.pool_size, "requestsPoolBlock": self.pool_block}

    def fetch(self, date):
        """Fetches one day, with retries, and records its outcome; blocks until done."""
        start = self.recorder.begin()
        outcome, received, retried = self.with_retries(date)
        self.recorder.retried(retried)
        self.recorder.end(start, received, outcome)

    def fetch_once(self, date):
        """One day for a worker process, which reports rather than records: (outcome,
        latency in µs, causes of the attempts retried)."""
        start = time.monotonic_ns()
        outcome, received, retried = self.with_retries(date)
        return outcome, (received - start) // 1000, retried

    def with_retries(self, date):
        """(outcome of the last attempt, when it ended, the causes of the attempts retried)."""
        retried = []
        while True:
            outcome, received = self.attempt(date)
            if outcome[0] == "ok" or len(retried) >= self.spec.retries:
                return outcome, received, retried
            retried.append(outcome[1])

    def attempt(self, date):
        session = self.shared or self.new_session()
        deadline = time.monotonic() + self.spec.request_timeout_s
        try:
            response = session.get(self.spec.fares_url(date), timeout=self.timeout, stream=True)
            try:
                chunks = []
                for chunk in response.iter_content(CHUNK):
                    chunks.append(chunk)
                    if time.monotonic() > deadline:
                        raise failures.RequestTimeout(
                            "no complete response within %d ms" % self.spec.request_timeout_ms)
                body = b"".join(chunks)
                status = response.status_code
            finally:
                response.close()
            received = time.monotonic_ns()
            return fares.check(self.spec, date, status, body), received
        except Exception as e:  # noqa: B902 - every failure is an outcome, classified
            return ("failed", failures.classify(e), failures.describe(e)), time.monotonic_ns()
        finally:
            if session is not self.shared:
                session.close()

    def close(self):
        if self.shared is not None:
            self.shared.close()
