import asyncio
import datetime
import http.client
import socket
import unittest

from faremark_py import failures
from fixture import FareFixture, closed_port
from libs import needs


class ClassifyBuiltinsTest(unittest.TestCase):
    def test_builtin_exceptions(self):
        cases = [
            (ConnectionRefusedError(111, "refused"), "connect-refused"),
            (ConnectionResetError(104, "reset by peer"), "connection-reset"),
            (http.client.RemoteDisconnected("closed without response"), "connection-closed"),
            (BrokenPipeError(), "connection-closed"),
            (socket.timeout("timed out"), "timeout"),
            (asyncio.TimeoutError(), "timeout"),
            (failures.RequestTimeout("late"), "timeout"),
            (OSError(5, "i/o"), "io-error"),
            (ValueError("x"), "other"),
        ]
        for exc, cause in cases:
            with self.subTest(exc=repr(exc)):
                self.assertEqual(cause, failures.classify(exc))

    def test_looks_through_wrappers(self):
        try:
            try:
                raise ConnectionRefusedError(111, "refused")
            except OSError as inner:
                raise RuntimeError("wrapped") from inner
        except RuntimeError as outer:
            self.assertEqual("connect-refused", failures.classify(outer))
        self.assertEqual("connection-reset",
                         failures.classify(Exception("aborted", ConnectionResetError(104))))


@needs("requests")
class ClassifyRequestsTest(unittest.TestCase):
    def get(self, url, **kw):
        import requests
        try:
            requests.get(url, timeout=kw.get("timeout", 2))
        except Exception as e:  # noqa: B902
            return failures.classify(e)
        self.fail("no exception")

    def test_refused(self):
        self.assertEqual("connect-refused", self.get("http://127.0.0.1:%d/" % closed_port()))

    def test_read_timeout(self):
        with FareFixture(lambda d, a: "silent") as f:
            self.assertEqual("timeout", self.get(f.url + "/fares?from=A&to=B&date=2018-06-01",
                                                 timeout=0.3))

    def test_closed_and_reset(self):
        with FareFixture(lambda d, a: "close") as f:
            self.assertEqual("connection-closed",
                             self.get(f.url + "/fares?from=A&to=B&date=2018-06-01"))
        with FareFixture(lambda d, a: "reset") as f:
            self.assertIn(self.get(f.url + "/fares?from=A&to=B&date=2018-06-01"),
                          ("connection-reset", "connection-closed"))

    def test_connect_timeout(self):
        import requests
        e = requests.exceptions.ConnectTimeout("connect timed out")
        self.assertEqual("connect-timeout", failures.classify(e))


@needs("aiohttp")
class ClassifyAiohttpTest(unittest.TestCase):
    def get(self, url, total=2):
        import aiohttp

        async def go():
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=total)) as s:
                async with s.get(url) as r:
                    await r.read()

        try:
            asyncio.run(go())
        except Exception as e:  # noqa: B902
            return failures.classify(e)
        self.fail("no exception")

    def test_refused(self):
        self.assertEqual("connect-refused", self.get("http://127.0.0.1:%d/" % closed_port()))

    def test_timeout_and_closed(self):
        with FareFixture(lambda d, a: "silent") as f:
            self.assertEqual("timeout", self.get(f.url + "/fares?from=A&to=B&date=2018-06-01", 0.3))
        with FareFixture(lambda d, a: "close") as f:
            self.assertEqual("connection-closed",
                             self.get(f.url + "/fares?from=A&to=B&date=2018-06-01"))

    def test_connect_timeout_message(self):
        import aiohttp
        self.assertEqual("connect-timeout", failures.classify(
            aiohttp.ServerTimeoutError("Connection timeout to host http://10.0.0.1/")))


if __name__ == "__main__":
    unittest.main()
