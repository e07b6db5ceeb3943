"""Which optional libraries load on this interpreter; tests that need one that does not are
skipped, saying why: missing (with how to install it) or present but unable to load here, with
the interpreter and the library's own error (Debian's aiohttp and gevent are installed for
CPython 3.11 and do not load on PyPy 3.9: see docs/python.md).

Finding a module (importlib.util.find_spec) is not enough: PyPy sees Debian's dist-packages, so
it finds aiohttp, whose import then fails. Each library is therefore loaded for real, once, in a
child of this same interpreter, so the test process itself imports nothing it does not test.
"""
import functools
import json
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


def needs(*modules):
    gone = missing(*modules)
    return unittest.skipIf(bool(gone), why(*modules))
