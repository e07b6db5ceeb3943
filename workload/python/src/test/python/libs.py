"""Which optional libraries load on this interpreter; tests that need one that does not are
skipped, saying why: missing (with how to install it) or present but unable to load here, with
the interpreter and the library's own error (Debian's aiohttp and gevent are installed for
CPython 3.11 and do not load on PyPy 3.9: see docs/python.md).

A skip prints one line on stderr, ``[faremark] <test> SKIPPED: <reason>``, the format of every
skip in the build. Where ``FAREMARK_REQUIRE`` (the build's strict switch, read by the Java tests
too) names ``python``, every library must load and a test that would skip fails instead;
``python:requests`` (modules joined by ``+``) requires only those, as for PyPy, where only
requests loads.

Finding a module (importlib.util.find_spec) is not enough: PyPy sees Debian's dist-packages, so
it finds aiohttp, whose import then fails. Each library is therefore loaded for real, once, in a
child of this same interpreter, so the test process itself imports nothing it does not test.
"""
import functools
import json
import os
import subprocess
import sys
import unittest

from faremark_py import interpreter
from faremark_py.interpreter import runtime

HINT = {"requests": "python3-requests", "aiohttp": "python3-aiohttp", "gevent": "python3-gevent"}

INTERPRETER = runtime()  # e.g. "PyPy 7.3.11 (Python 3.9.16)", as the ready event names it


@functools.lru_cache(maxsize=None)
def problem(module):
    """None when ``module`` loads here, else why not, in one line. The check is the
    orchestrator's (faremark_py/interpreter.py: gevent must make its hub and run a zero-length
    sleep), run in a child of this interpreter."""
    p = subprocess.run([sys.executable, interpreter.__file__, module], capture_output=True,
                       text=True, timeout=120)
    if p.returncode != 0:
        return "cannot be checked on %s: %s" % (INTERPRETER, p.stderr.strip()[-300:])
    status = json.loads(p.stdout)["modules"][module]
    if "version" in status:
        return None
    if status.get("missing"):
        return "missing: apt-get install -y %s" % HINT.get(module, module)
    return "present but does not load on %s: %s" % (INTERPRETER, status["error"])


def missing(*modules):
    """The modules of ``modules`` that do not load here."""
    return [m for m in modules if problem(m) is not None]


def why(*modules):
    """One line naming each module of ``modules`` that does not load here, and why."""
    return "; ".join("Python module %s %s" % (m, problem(m)) for m in missing(*modules))


VARIABLE = "FAREMARK_REQUIRE"
# Every name the switch may hold, the Java tests' too: an unknown one is an error (test_libs),
# so a typo cannot switch the check off unseen.
KNOWN = ("docker", "compose", "cgroup", "python", "chromium", "toxiproxy")


def required_modules(value=None):
    """The libraries FAREMARK_REQUIRE (or ``value``) says must load here."""
    value = os.environ.get(VARIABLE, "") if value is None else value
    modules = set()
    for raw in value.split(","):
        entry = raw.strip().lower()
        if not entry:
            continue
        if entry == "python":
            modules.update(HINT)
        elif entry.startswith("python:") and len(entry) > len("python:"):
            modules.update(m for m in entry[len("python:"):].split("+") if m)
        elif entry not in KNOWN:
            raise ValueError("%s: unknown dependency %r; known: %s, python:<module>"
                             % (VARIABLE, raw.strip(), ", ".join(KNOWN)))
    return modules


def python_required(value=None):
    """Whether the switch requires Python at all (``python`` or any ``python:<module>``)."""
    value = os.environ.get(VARIABLE, "") if value is None else value
    return any(e.strip().lower().split(":")[0] == "python" for e in value.split(","))


def unavailable(test, *modules):
    """Ends ``test`` because ``modules`` do not all load here: unittest.SkipTest, with the reason
    printed, or AssertionError where FAREMARK_REQUIRE requires one of them."""
    reason = why(*modules)
    strict = sorted(required_modules() & set(missing(*modules)))
    if strict:
        raise AssertionError("[faremark] %s FAILED: %s requires %s, but %s"
                             % (test, VARIABLE, ", ".join(strict), reason))
    print("[faremark] %s SKIPPED: %s" % (test, reason), file=sys.stderr)
    raise unittest.SkipTest(reason)


def needs(*modules):
    """Decorates a test method or class that needs ``modules``: skipped (or failed) unless all load."""
    if not missing(*modules):
        return lambda target: target

    def decorate(target):
        if isinstance(target, type):
            def set_up_class(cls):
                unavailable(cls.__name__, *modules)
            target.setUpClass = classmethod(set_up_class)
            return target

        @functools.wraps(target)
        def wrapper(self, *args, **kwargs):
            unavailable("%s.%s" % (type(self).__name__, target.__name__), *modules)
        return wrapper
    return decorate
