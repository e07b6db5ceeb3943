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
loaded) and no request was sent. With ``spec.warmup`` passes, each worker first fetches its own
contiguous share of the days that many times (as the Java multi-process model's workers do)
through a throw-away client, closed before the worker's own is made; the parent merges the
workers' passes into ``details.warmup``. Start, end and request phase are the parent's: from handing
out the first day to the last report, the time a user of the pool waits.
"""
import datetime
import multiprocessing
import os
import queue
import time

from . import runner, warmup
from .blocking import RequestsClient, client_id
from .recorder import Recorder
from .spec import choice_option

ID = "py-multiprocessing"

_client = None


def _init_worker(spec, ready, slots=None, passes=None):
    global _client
    if spec.warmup > 0:
        with slots.get_lock():
            index = slots.value
            slots.value += 1
        # A worker the pool starts to replace a dead one takes no share: the parent is not
        # waiting for its passes (it fails the run when a first worker's warm-up fails).
        if index < processes(spec, os.cpu_count() or 1):
            try:
                passes.put(("ok", _warm_up(spec, index)))
            except BaseException as e:  # noqa: B902 - the parent must hear of it, not wait
                passes.put(("failed", "worker %d: %r" % (os.getpid(), e)))
                raise
    _client = RequestsClient(spec, Recorder())
    _client.warm_up()
    ready.release()


def _warm_up(spec, index):
    """This worker's warm-up passes over share ``index`` of the days, each through a new,
    throw-away client: [pass dict with its latencies in ``latenciesUs``, ...]."""
    share = shares(spec, processes(spec, os.cpu_count() or 1))[index]
    out = []
    for _ in range(spec.warmup):
        rec = Recorder()
        client = RequestsClient(share, rec)
        try:
            client.warm_up()
            cpu = time.process_time()
            for date in share.dates():
                client.fetch(date)
            cpu = time.process_time() - cpu
            result = rec.result(ID, share.days, {})
        finally:
            client.close()
        p = warmup.record(result, cpu)
        p["latenciesUs"] = list(rec.latencies_us)
        out.append(p)
    return out


def shares(spec, k):
    """Contiguous shares of the days, sizes differing by at most one (the Java model's slices)."""
    base, extra = divmod(spec.days, k)
    out, first = [], spec.start_date
    for i in range(k):
        count = base + (1 if i < extra else 0)
        out.append(spec.slice(first, count))
        first = first + datetime.timedelta(days=count)
    return out


def _fetch_in_worker(date):
    outcome, latency_us, attempts = _client.fetch_once(date)
    return outcome, latency_us, attempts, os.getpid()


def processes(spec, cpus):
    wanted = spec.processes if spec.processes > 0 else min(spec.concurrency, cpus * 4)
    return max(1, min(wanted, spec.days))


class MultiprocessingModel:
    id = ID
    warms_up_itself = True  # in each worker: a throw-away pool here would warm nothing measured

    def __init__(self, spec):
        self.spec = spec
        self.start_method = choice_option(spec, "startMethod", "fork",
                                          ("fork", "spawn", "forkserver"))
        self.processes = processes(spec, os.cpu_count() or 1)
        self.recorder = Recorder()
        self.pool = None
        self.warmup_passes = []

    def prepare(self):
        RequestsClient(self.spec, Recorder()).warm_up()  # the parent merges with the same code
        context = multiprocessing.get_context(self.start_method)
        ready = context.Semaphore(0)
        slots, passes = (context.Value("i", 0), context.Queue()) if self.spec.warmup \
            else (None, None)
        self.pool = context.Pool(self.processes, initializer=_init_worker,
                                 initargs=(self.spec, ready, slots, passes))
        # a worker's warm-up passes fetch its share of the days: allow for them too
        wait = max(60.0, self.spec.request_timeout_s) * (1 + self.spec.warmup)
        if passes is not None:
            self.warmup_passes = self._collect_passes(passes, wait)
        for _ in range(self.processes):
            if not ready.acquire(timeout=wait):
                raise RuntimeError("a worker process did not start within %d s" % wait)

    def _collect_passes(self, passes, wait):
        workers = []
        for _ in range(self.processes):
            try:
                status, value = passes.get(timeout=wait)
            except queue.Empty:
                raise RuntimeError("a worker's warm-up did not end within %d s" % wait) from None
            if status != "ok":
                raise RuntimeError("a worker's warm-up failed: " + value)
            workers.append(value)
        return [warmup.merge([w[i] for w in workers]) for i in range(self.spec.warmup)]

    def run(self):
        self.recorder.start()
        pids = set()
        for outcome, latency_us, retried, pid in self.pool.imap_unordered(
                _fetch_in_worker, self.spec.dates(), chunksize=1):
            self.recorder.retried(retried)
            self.recorder.add(outcome, latency_us)
            pids.add(pid)
        result = self.recorder.result(ID, self.spec.days, {
            "client": client_id(), "connections": self.spec.connections,
            "poolSize": self.spec.pool_size, "processes": self.processes,
            "workersUsed": len(pids), "startMethod": self.start_method,
            "peakInFlight": min(self.processes, self.spec.days)})
        return warmup.add_to(result, self.warmup_passes)

    def close(self):
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()


if __name__ == "__main__":
    # Run the class from its importable module, not from __main__: a worker (spawn or fork)
    # must find _init_worker and _fetch_in_worker under a name it can import.
    from faremark_py import multiprocessing_pool

    runner.main(ID, multiprocessing_pool.MultiprocessingModel)
