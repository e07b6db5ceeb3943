"""py-asyncio: asyncio + aiohttp, one event loop on one thread - the article's leanest model.

Like the article, a coroutine per day is created up front and gathered; an asyncio.Semaphore
keeps at most ``concurrency`` requests in flight. Connections: ``shared`` is one ClientSession
whose TCPConnector opens at most ``poolSize`` connections (aiohttp's ``limit``; its default is
100 - readers asked what that cap does) and at most ``aiohttpLimitPerHost`` to one host (0: no
per-host cap, aiohttp's default). ``per-request`` is a new ClientSession per request, closed
after it. A request waiting for a connector slot is in flight: the wait counts towards its
latency, as in the Java models' pool permits.

Timeouts: aiohttp's ClientTimeout(total=requestTimeout, sock_connect=connectTimeout); total
covers the whole exchange including the body. Retries as in the blocking models.
"""
import asyncio
import time

import aiohttp

from . import failures, fares, runner
from .recorder import Recorder
from .spec import int_option

ID = "py-asyncio"


class AsyncioModel:
    id = ID

    def __init__(self, spec):
        self.spec = spec
        self.limit_per_host = int_option(spec, "aiohttpLimitPerHost", 0, 0)
        self.recorder = Recorder()
        self.loop = None
        self.shared = None

    def prepare(self):
        fares.warm_up()
        failures.classify(aiohttp.ServerDisconnectedError())
        self.loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self.loop)
        if self.spec.shared:
            self.shared = self.loop.run_until_complete(self._open())
        else:  # load a session's classes before `ready`, as the shared case does
            self.loop.run_until_complete(self._open_and_close())

    async def _open(self):
        connector = aiohttp.TCPConnector(limit=self.spec.pool_size,
                                         limit_per_host=self.limit_per_host)
        timeout = aiohttp.ClientTimeout(total=self.spec.request_timeout_s,
                                        sock_connect=self.spec.connect_timeout_s)
        return aiohttp.ClientSession(connector=connector, timeout=timeout,
                                     headers={"Accept": "application/json"})

    async def _open_and_close(self):
        await (await self._open()).close()

    def run(self):
        self.loop.run_until_complete(self._fetch_all())
        details = {"client": "aiohttp %s" % aiohttp.__version__,
                   "connections": self.spec.connections, "poolSize": self.spec.pool_size,
                   "aiohttpLimit": self.spec.pool_size,
                   "aiohttpLimitPerHost": self.limit_per_host,
                   "concurrency": self.spec.concurrency}
        return self.recorder.result(ID, self.spec.days, details)

    async def _fetch_all(self):
        gate = asyncio.Semaphore(self.spec.concurrency)
        await asyncio.gather(*(self._fetch(gate, d) for d in self.spec.dates()))

    async def _fetch(self, gate, date):
        async with gate:
            start = self.recorder.begin()
            retried = []
            while True:
                outcome, received = await self._attempt(date)
                if outcome[0] == "ok" or len(retried) >= self.spec.retries:
                    break
                retried.append(outcome[1])
            self.recorder.retried(retried)
            self.recorder.end(start, received, outcome)

    async def _attempt(self, date):
        session = self.shared or await self._open()
        try:
            async with session.get(self.spec.fares_url(date)) as response:
                body = await response.read()
                status = response.status
            received = time.monotonic_ns()
            return fares.check(self.spec, date, status, body), received
        except Exception as e:  # noqa: B902 - every failure is an outcome, classified
            return ("failed", failures.classify(e), failures.describe(e)), time.monotonic_ns()
        finally:
            if session is not self.shared:
                await session.close()

    def close(self):
        if self.loop is None:
            return
        if self.shared is not None:
            self.loop.run_until_complete(self.shared.close())
        # let aiohttp's transports finish closing before the loop goes
        self.loop.run_until_complete(asyncio.sleep(0))
        self.loop.close()


if __name__ == "__main__":
    runner.main(ID, AsyncioModel)
