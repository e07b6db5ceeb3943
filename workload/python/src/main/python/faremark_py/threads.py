"""py-threads: a concurrent.futures.ThreadPoolExecutor of blocking requests calls - the
article's ThreadPoolExecutor (~17 s there; the site, not the client, set that figure). Workers =
concurrency, or days if fewer; the executor starts its threads lazily, on the first tasks, so
their stacks are part of the concurrency cost, not of the ``ready`` baseline."""
import concurrent.futures

from . import runner
from .blocking import RequestsClient
from .recorder import Recorder

ID = "py-threads"


class ThreadsModel:
    id = ID

    def __init__(self, spec):
        self.spec = spec
        self.workers = min(spec.concurrency, spec.days)
        self.recorder = Recorder()
        self.client = RequestsClient(spec, self.recorder)
        self.pool = None

    def prepare(self):
        self.client.warm_up()
        self.pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=self.workers, thread_name_prefix="fetch")

    def run(self):
        # fetch() records its own failures; list() waits for all and re-raises a model bug
        list(self.pool.map(self.client.fetch, self.spec.dates()))
        details = self.client.details()
        details["threads"] = self.workers
        return self.recorder.result(ID, self.spec.days, details)

    def close(self):
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
        self.client.close()


if __name__ == "__main__":
    runner.main(ID, ThreadsModel)
