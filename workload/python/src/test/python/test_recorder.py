import re
import time
import unittest

from faremark_py.recorder import Recorder, utc_now_text


class RecorderTest(unittest.TestCase):
    def test_result_has_the_contract_fields(self):
        r = Recorder()
        a = r.begin()
        b = r.begin()
        r.end(a, a + 2_000_000, ("ok", {"date": "2018-06-02", "fares": 1}))
        r.end(b, time.monotonic_ns(), ("failed", "http-503", "HTTP 503"))
        r.retried(["http-503", "timeout"])
        r.retried([])
        result = r.result("py-threads", 3, {"threads": 2})
        self.assertEqual(["model", "requested", "ok", "failed", "startedAt", "endedAt",
                          "requestPhaseUs", "latency", "aggregate", "details", "latencyDistribution"],
                         list(result))
        self.assertEqual({"http-503": 1}, result["failed"])
        self.assertEqual(2000, result["latency"]["p50Us"])  # failures are not timed
        self.assertEqual({"valuesUs": [2000]}, result["latencyDistribution"])  # whole, raw
        self.assertEqual(2, result["details"]["peakInFlight"])
        self.assertEqual({"http-503": 1, "timeout": 1}, result["details"]["retried"])
        self.assertEqual(1, result["details"]["retriedRequests"])
        self.assertGreaterEqual(result["requestPhaseUs"], 0)

    def test_instants_are_java_instant_text(self):
        self.assertRegex(utc_now_text(), r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")

    def test_aggregate_sorted_by_date(self):
        r = Recorder()
        for d in ("2018-06-03", "2018-06-01"):
            r.add(("ok", {"date": d}), 5)
        self.assertEqual(["2018-06-01", "2018-06-03"],
                         [a["date"] for a in r.result("m", 2, {})["aggregate"]])

    def test_no_request_is_a_zero_phase(self):
        result = Recorder().result("m", 1, {})
        self.assertEqual(0, result["requestPhaseUs"])
        self.assertEqual(0, result["latency"]["count"])
        self.assertEqual({"valuesUs": []}, result["latencyDistribution"])
        self.assertTrue(re.match(r"\d{4}-", result["startedAt"]))


if __name__ == "__main__":
    unittest.main()
