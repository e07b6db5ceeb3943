import io
import json
import platform
import re
import sys
import tempfile
import unittest

from faremark_py import catalog, runner
from faremark_py.interpreter import implementation
from fixture import spec

# The model under test, as this interpreter runs it: py-test on CPython, pypy-test on PyPy.
HERE = catalog.variant("py-test", implementation())


class Model:
    id = "py-test"

    def __init__(self, spec, fail=None):
        self.spec, self.fail, self.closed = spec, fail, False

    def prepare(self):
        if self.fail == "prepare":
            raise RuntimeError("boom")

    def run(self):
        return {"model": self.id, "requested": 1, "ok": 1 if self.fail != "requests" else 0,
                "failed": {} if self.fail != "requests" else {"timeout": 1}}

    def close(self):
        self.closed = True


class RunnerTest(unittest.TestCase):
    def run_with(self, create, model=HERE, **overrides):
        with tempfile.NamedTemporaryFile("w", suffix=".json") as f:
            json.dump(spec(model, "http://127.0.0.1:1", **overrides), f)
            f.flush()
            events = io.StringIO()
            code = runner.run("py-test", create, ["--spec", f.name], events)
        return code, [json.loads(l) for l in events.getvalue().splitlines()]

    def test_ready_then_done_and_exit_codes(self):
        code, events = self.run_with(Model)
        self.assertEqual(0, code)
        self.assertEqual(["ready", "done"], [e["event"] for e in events])
        self.assertEqual({"model", "pid", "runtime", "at", "event"}, set(events[0]))
        self.assertTrue(events[1]["at"].endswith("Z"))
        self.assertEqual(0, events[1]["result"]["details"]["retries"])  # the spec's allowance
        self.assertEqual((HERE, HERE), (events[0]["model"], events[1]["result"]["model"]))
        self.assertEqual(1, self.run_with(lambda s: Model(s, "requests"))[0])

    def test_warmup_passes_use_throw_away_instances_before_ready(self):
        made = []

        def create(s):
            made.append(Model(s))
            return made[-1]
        code, events = self.run_with(create, warmup=2)
        self.assertEqual(0, code)
        self.assertEqual(["ready", "done"], [e["event"] for e in events])
        self.assertEqual(3, len(made))  # the measured instance, then one per pass
        self.assertTrue(all(m.closed for m in made))
        passes = events[1]["result"]["details"]["warmup"]
        self.assertEqual([1, 1], [p["requested"] for p in passes])
        self.assertEqual({"requestPhaseUs", "requested", "ok", "failed", "retried", "latency",
                          "cpuUs"}, set(passes[0]))

    def test_a_model_that_warms_up_itself_gets_no_throw_away_instance(self):
        made = []

        class Itself(Model):
            warms_up_itself = True

        def create(s):
            made.append(Itself(s))
            return made[-1]
        code, events = self.run_with(create, warmup=3)
        self.assertEqual((0, 1), (code, len(made)))
        self.assertNotIn("warmup", events[1]["result"]["details"])

    def test_a_warmup_pass_that_crashes_is_exit_3_without_events(self):
        code, events = self.run_with(lambda s: Model(s, "prepare"), warmup=1)
        self.assertEqual((3, []), (code, events))

    def test_runtime_names_the_interpreter(self):
        version = platform.python_version()
        if hasattr(sys, "pypy_version_info"):  # PyPy's own release, then the language level
            self.assertRegex(runner.runtime(),
                             r"^PyPy \d+\.\d+\.\d+\S* \(Python %s\)$" % re.escape(version))
        else:
            self.assertEqual("%s %s" % (platform.python_implementation(), version),
                             runner.runtime())

    def test_a_model_on_another_interpreter_is_its_variant(self):
        self.assertEqual("py-threads", catalog.variant("py-threads", "cpython"))
        self.assertEqual("pypy-threads", catalog.variant("py-threads", "pypy"))
        self.assertEqual("pypy-mine", catalog.variant("mine", "pypy"))
        # the spec must name the variant: py-test's spec does not run on PyPy, and vice versa
        other = "pypy-test" if HERE == "py-test" else "py-test"
        self.assertEqual((2, []), self.run_with(Model, model=other))

    def test_crashes_are_exit_3_without_done(self):
        code, events = self.run_with(lambda s: Model(s, "prepare"))
        self.assertEqual(3, code)
        self.assertEqual([], events)

        def broken(s):
            raise ZeroDivisionError()
        self.assertEqual((3, []), self.run_with(broken))

    def test_wrong_model_or_bad_args_is_exit_2(self):
        self.assertEqual((2, []), self.run_with(Model, model="py-other"))
        events = io.StringIO()
        self.assertEqual(2, runner.run("py-test", Model, ["--spec"], events))
        self.assertEqual(2, runner.run("py-test", Model, ["--spec", "/nonexistent.json"], events))
        self.assertEqual("", events.getvalue())


if __name__ == "__main__":
    unittest.main()


class OpenFilesTest(unittest.TestCase):
    def test_the_soft_open_file_limit_is_raised_to_the_hard_one(self):
        import os
        import resource
        import subprocess
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if hard == resource.RLIM_INFINITY or hard < 64:
            self.skipTest("hard open-file limit %r: nothing to raise a lower soft limit to" % hard)
        lowered = min(soft, hard // 2)

        def lower():
            resource.setrlimit(resource.RLIMIT_NOFILE, (lowered, hard))
        code = ("import resource; from faremark_py import runner; runner.raise_open_files();"
                " print(*resource.getrlimit(resource.RLIMIT_NOFILE))")
        out = subprocess.run([sys.executable, "-c", code], preexec_fn=lower, check=True,
                             capture_output=True, text=True, env=dict(os.environ),
                             cwd=os.getcwd()).stdout.split()
        self.assertEqual([int(x) for x in out], [hard, hard])
