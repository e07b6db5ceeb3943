"""Which optional libraries load on this interpreter; tests that need one that does not are
skipped, saying why: missing (with how to install it) or present but unable to load here, with
the interpreter and the library's own error (Debian's aiohttp and gevent are installed for
CPython 3.11 and do not load on PyPy 3.9: see docs/python.md).

Finding a module (importlib.util.find_spec) is not enough: PyPy sees Debian's dist-packages, so
it finds aiohttp, whose import then fails. Each library is therefore loaded for real, once, in a
child of this same interpreter, so the test process itself imports nothing it does not test.
"""
import functools
import subprocess
import sys
import unittest

from faremark_py.runner import runtime

HINT = {"requests": "python3-requests", "aiohttp": "python3-aiohttp", "gevent": "python3-gevent"}

# What "loads" means where importing is not enough: gevent imports on PyPy, but its event loop
# is a C extension built for CPython only, so the first hub (the first wait) fails.
CHECK = {"gevent": "import gevent; gevent.get_hub()"}

INTERPRETER = runtime()  # e.g. "PyPy 7.3.11 (Python 3.9.16)", as the ready event names it


@functools.lru_cache(maxsize=None)
def problem(module):
    """None when ``module`` loads here, else why not, in one line."""
    code = CHECK.get(module, "import " + module)
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    if p.returncode == 0:
        return None
    lines = [l for l in p.stderr.strip().splitlines() if l.strip()]
    error = lines[-1].strip() if lines else "exit code %d" % p.returncode
    if error.startswith("ModuleNotFoundError") and ("'%s'" % module) in error:
        return "missing: apt-get install -y %s" % HINT.get(module, module)
    return "present but does not load on %s: %s" % (INTERPRETER, error)


def missing(*modules):
    """The modules of ``modules`` that do not load here."""
    return [m for m in modules if problem(m) is not None]


def why(*modules):
    """One line naming each module of ``modules`` that does not load here, and why."""
    return "; ".join("Python module %s %s" % (m, problem(m)) for m in missing(*modules))


def needs(*modules):
    gone = missing(*modules)
    return unittest.skipIf(bool(gone), why(*modules))
