"""py-multiprocessing: a multiprocessing.Pool of K worker processes, each making one blocking
requests call at a time - the article readers' "how would you even measure its memory?" case
(faremark's answer: the run's cgroup holds the parent and every worker).

K = ``spec.processes``, or by default min(concurrency, cpus x 4, days) as the Java
multi-process model. Days are handed out one at a time (imap_unordered, chunksize 1), so a slow
day does not hold back a whole share. Each worker keeps its own Session when connections are
shared. Start method: ``fork`` by default (Linux's default: workers share the parent's pages
copy-on-write, so the cgroup counts them once until written); ``startMethod`` selects
``spawn`` or ``forkserver``, whose workers import everything again.

The parent's ``ready`` means every worker is up (its initializer ran: session made, parse path
loaded) and no request was sent. Start, end and request phase are the parent's: from handing
out the first day to the last report, the time a user of the pool waits.
"""
import multiprocessing
import os

from . import runner
from .blocking import RequestsClient, client_id
from .recorder import Recorder
from .spec import choice_option

ID = "py-multiprocessing"

_client = None


def _init_worker(spec, ready):
    global _client
    _client = RequestsClient(spec, Recorder())
    _client.warm_up()
    ready.release()


def _fetch_in_worker(date):
    outcome, latency_us, attempts = _client.fetch_once(date)
    return outcome, latency_us, attempts, os.getpid()


def processes(spec, cpus):
    wanted = spec.processes if spec.processes > 0 else min(spec.concurrency, cpus * 4)
    return max(1, min(wanted, spec.days))


class MultiprocessingModel:
    id = ID

    def __init__(self, spec):
        self.spec = spec
        self.start_method = choice_option(spec, "startMethod", "fork",
                                          ("fork", "spawn", "forkserver"))
        self.processes = processes(spec, os.cpu_count() or 1)
        self.recorder = Recorder()
        self.pool = None

    def prepare(self):
        RequestsClient(self.spec, Recorder()).warm_up()  # the parent merges with the same code
        context = multiprocessing.get_context(self.start_method)
        ready = context.Semaphore(0)
        self.pool = context.Pool(self.processes, initializer=_init_worker,
                                 initargs=(self.spec, ready))
        for _ in range(self.processes):
            if not ready.acquire(timeout=max(60.0, self.spec.request_timeout_s)):
                raise RuntimeError("a worker process did not start within 60 s")

    def run(self):
        self.recorder.start()
        pids = set()
        for outcome, latency_us, retried, pid in self.pool.imap_unordered(
                _fetch_in_worker, self.spec.dates(), chunksize=1):
            self.recorder.retried(retried)
            self.recorder.add(outcome, latency_us)
            pids.add(pid)
        return self.recorder.result(ID, self.spec.days, {
            "client": client_id(), "connections": self.spec.connections,
            "poolSize": self.spec.pool_size, "processes": self.processes,
            "workersUsed": len(pids), "startMethod": self.start_method,
            "peakInFlight": min(self.processes, self.spec.days)})

    def close(self):
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()


if __name__ == "__main__":
    # Run the class from its importable module, not from __main__: a worker (spawn or fork)
    # must find _init_worker and _fetch_in_worker under a name it can import.
    from faremark_py import multiprocessing_pool

    runner.main(ID, multiprocessing_pool.MultiprocessingModel)
