"""Each model as the orchestrator runs it: a process started through run_model.py with a spec
file, against a loopback fixture server; its stdout must be exactly ready + done."""
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import unittest

from faremark_py.catalog import IMPLEMENTATION, MODELS, variant
from faremark_py.interpreter import implementation
from fixture import FareFixture, closed_port, dates, expected, spec
from libs import missing, required_modules, unavailable, why

RUN_MODEL = os.path.join(os.path.dirname(__file__), "..", "..", "main", "python", "run_model.py")
LIBS = {m[0]: m[2] for m in MODELS}
HERE = implementation()  # this interpreter's models run here; the others' launcher refuses them


def here(declared_id):
    """The id of the model declared as ``declared_id`` on this interpreter (pypy-x on PyPy)."""
    return variant(declared_id, HERE)
_said = set()  # models whose skip was already printed: once per model, not once per test


def run(spec_dict, timeout=60):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(spec_dict, f)
    try:
        p = subprocess.run([sys.executable, RUN_MODEL, spec_dict["model"], "--spec", f.name],
                           capture_output=True, text=True, timeout=timeout)
    finally:
        os.unlink(f.name)
    return p.returncode, [json.loads(l) for l in p.stdout.splitlines()], p.stderr


class ModelsTest(unittest.TestCase):
    def each_model(self):
        """The models whose libraries load here. One that cannot run is left out, said once on
        stderr, or fails the test where FAREMARK_REQUIRE requires its libraries."""
        for model, _, libs, _ in MODELS:
            if IMPLEMENTATION[model] != HERE:
                continue
            if missing(*libs):
                strict = sorted(required_modules() & set(missing(*libs)))
                if strict:
                    self.fail("[faremark] %s FAILED: FAREMARK_REQUIRE requires %s, but %s"
                              % (model, ", ".join(strict), why(*libs)))
                if model not in _said:
                    _said.add(model)
                    print("\n[faremark] ModelsTest %s SKIPPED: %s" % (model, why(*libs)),
                          file=sys.stderr)
                continue
            yield model

    def require(self, model):
        """Skips (or, where required, fails) a test of ``model`` alone when it cannot run here."""
        libs = LIBS[model]
        if missing(*libs):
            unavailable("ModelsTest.%s" % self._testMethodName, *libs)

    def test_every_model_fetches_parses_and_aggregates_every_day(self):
        for connections in ("shared", "per-request"):
            with FareFixture() as f:
                for model in self.each_model():
                    with self.subTest(model=model, connections=connections):
                        code, events, err = run(spec(model, f.url, days=7,
                                                     connections=connections))
                        self.assertEqual(0, code, err)
                        self.assertEqual(["ready", "done"], [e["event"] for e in events], err)
                        self.assertEqual(model, events[0]["model"])
                        self.assertTrue(events[0]["runtime"].startswith(
                            platform.python_implementation() + " "), events[0]["runtime"])
                        result = events[1]["result"]
                        self.assertEqual([expected(d) for d in dates(7)], result["aggregate"])
                        self.assertEqual((7, 7, {}), (result["requested"], result["ok"],
                                                      result["failed"]))
                        self.assertEqual(7, result["latency"]["count"])
                        # the whole distribution too: every value, which the summary agrees with
                        values = result["latencyDistribution"]["valuesUs"]
                        self.assertEqual(7, len(values))
                        self.assertEqual(result["latency"]["maxUs"], max(values))
                        self.assertEqual(connections, result["details"]["connections"])

    def test_concurrency_is_reached_and_never_exceeded(self):
        # The fixture holds each request until `cap` are in flight at once, so a model allowed
        # `cap` concurrent requests reaches exactly that on any machine, however loaded: a model
        # that ran one request at a time would show 1 (each request then waits gather_wait, 1 s),
        # one that ignored its cap more than `cap`. What the server saw is the check; the model's
        # own peakInFlight must agree where it measures one (multiprocessing only derives it).
        for model in self.each_model():
            cap = {here("py-sequential"): 1, here("py-multiprocessing"): 2}.get(model, 3)
            with FareFixture(gather=cap) as f, self.subTest(model=model):
                code, events, err = run(spec(model, f.url, days=6, concurrency=3, processes=2))
                self.assertEqual(0, code, err)
                self.assertEqual(cap, f.peak_in_flight, "requests in flight at once, server side")
                self.assertEqual(cap, events[1]["result"]["details"]["peakInFlight"])

    def test_failures_are_counted_by_cause_and_exit_1(self):
        refuse_sundays = lambda d, a: 503 if d.weekday() == 6 else "ok"  # 2018-06-03 is a Sunday
        with FareFixture(refuse_sundays) as f:
            for model in self.each_model():
                with self.subTest(model=model):
                    code, events, err = run(spec(model, f.url, days=7))
                    self.assertEqual(1, code, err)
                    result = events[1]["result"]
                    self.assertEqual({"http-503": 1}, result["failed"])
                    self.assertEqual(6, result["ok"])
                    self.assertNotIn("2018-06-03", [a["date"] for a in result["aggregate"]])

    def test_retries_recover_and_are_recorded(self):
        first_attempt_fails = lambda d, a: 503 if a == 0 else "ok"
        for model in self.each_model():
            with FareFixture(first_attempt_fails) as f, self.subTest(model=model):
                code, events, err = run(spec(model, f.url, days=4, retries=2))
                self.assertEqual(0, code, err)
                details = events[1]["result"]["details"]
                self.assertEqual((2, {"http-503": 4}, 4),
                                 (details["retries"], details["retried"], details["retriedRequests"]))
        for model in self.each_model():
            with FareFixture(lambda d, a: 503) as f, self.subTest(model=model, retries="spent"):
                code, events, err = run(spec(model, f.url, days=2, retries=1))
                self.assertEqual(1, code, err)
                self.assertEqual({"http-503": 2}, events[1]["result"]["failed"])  # once each
                self.assertEqual({"http-503": 2}, events[1]["result"]["details"]["retried"])

    def test_warmup_passes_run_the_job_before_ready_and_are_never_counted(self):
        for model in self.each_model():
            with self.subTest(model=model):
                with FareFixture() as cold:
                    code, events, err = run(spec(model, cold.url, days=4))
                    self.assertEqual(0, code, err)
                    self.assertNotIn("warmup", events[1]["result"]["details"])
                with FareFixture() as f:
                    code, events, err = run(spec(model, f.url, days=4, warmup=2))
                    self.assertEqual(0, code, err)
                    self.assertEqual(["ready", "done"], [e["event"] for e in events], err)
                    self.assertEqual({d: 3 for d in dates(4)}, f.attempts)  # 2 passes + the run
                    result = events[1]["result"]
                    self.assertEqual((4, 4, 4), (result["requested"], result["ok"],
                                                 result["latency"]["count"]))
                    passes = result["details"]["warmup"]
                    self.assertEqual(2, len(passes))
                    for p in passes:
                        self.assertEqual((4, 4, {}, {}), (p["requested"], p["ok"], p["failed"],
                                                          p["retried"]))
                        self.assertEqual(4, p["latency"]["count"])
                        self.assertGreater(p["requestPhaseUs"], 0)
                        self.assertGreaterEqual(p["cpuUs"], 0)
                        self.assertNotIn("latenciesUs", p)
                    # the throw-away instances' connections were closed: the run opened its own
                    self.assertGreater(len(f.connections), len(cold.connections))

    def test_refused_connections(self):
        url = "http://127.0.0.1:%d" % closed_port()
        for model in self.each_model():
            with self.subTest(model=model):
                code, events, err = run(spec(model, url, days=3))
                self.assertEqual(1, code, err)
                self.assertEqual({"connect-refused": 3}, events[1]["result"]["failed"])

    def test_bad_spec_is_exit_2_and_no_event(self):
        for model in self.each_model():
            with self.subTest(model=model):
                code, events, err = run(spec(model, "http://127.0.0.1:1", days=0))
                self.assertEqual(2, code)
                self.assertEqual([], events)
                self.assertIn("field 'days': expected a whole number >= 1", err)

    def test_bad_option_is_exit_2(self):
        for model, option in ((here("py-asyncio"), "aiohttpLimitPerHost"),
                              (here("py-gevent"), "geventPoolSize"),
                              (here("py-multiprocessing"), "startMethod"),
                              (here("py-threads"), "requestsPoolBlock")):
            with self.subTest(model=model):
                self.require(model)
                code, events, err = run(spec(model, "http://127.0.0.1:1",
                                             options={option: "lots"}))
                self.assertEqual(2, code, err)
                self.assertIn("options." + option, err)

    def test_the_launcher_refuses_a_model_meant_for_another_interpreter(self):
        other = [m for m, _, _, _ in MODELS if IMPLEMENTATION[m] != HERE]
        self.assertTrue(other, "models.json declares every model for one interpreter only")
        code, events, err = run(spec(other[0], "http://127.0.0.1:1"))
        self.assertEqual((2, []), (code, events))
        self.assertRegex(err, r"%s runs on (CPython|PyPy); this is " % other[0])

    def test_aiohttp_limit_per_host_caps_connections(self):
        self.require(here("py-asyncio"))
        with FareFixture() as f:
            code, events, err = run(spec(here("py-asyncio"), f.url, days=6, concurrency=6, poolSize=6,
                                         options={"aiohttpLimitPerHost": 2}))
            self.assertEqual(0, code, err)
            self.assertLessEqual(len(f.connections), 2)
            self.assertEqual(2, events[1]["result"]["details"]["aiohttpLimitPerHost"])


if __name__ == "__main__":
    unittest.main()
