"""py-gevent: requests on a gevent pool, the standard library monkey-patched so that every
blocking socket call yields to the gevent hub - the article's gevent variant. One OS thread,
one greenlet per request in flight; pool size = concurrency (``geventPoolSize`` overrides)."""
# Patch before anything imports socket, ssl or threading: this must stay the first statement.
from gevent import monkey

monkey.patch_all()

import gevent  # noqa: E402
import gevent.pool  # noqa: E402

from . import runner  # noqa: E402
from .blocking import RequestsClient  # noqa: E402
from .recorder import Recorder  # noqa: E402
from .spec import int_option  # noqa: E402

ID = "py-gevent"


class GeventModel:
    id = ID

    def __init__(self, spec):
        self.spec = spec
        self.size = int_option(spec, "geventPoolSize", spec.concurrency, 1)
        self.recorder = Recorder()
        self.client = RequestsClient(spec, self.recorder)
        self.pool = None

    def prepare(self):
        self.client.warm_up()
        self.pool = gevent.pool.Pool(self.size)

    def run(self):
        self.pool.map(self.client.fetch, self.spec.dates())
        details = self.client.details()
        details["geventPoolSize"] = self.size
        details["gevent"] = gevent.__version__
        details["monkeyPatched"] = monkey.is_module_patched("socket")
        return self.recorder.result(ID, self.spec.days, details)

    def close(self):
        if self.pool is not None:
            self.pool.kill()
        self.client.close()


if __name__ == "__main__":
    runner.main(ID, GeventModel)
