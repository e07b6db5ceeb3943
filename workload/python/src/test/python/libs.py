"""Which optional libraries this interpreter has; tests that need a missing one are skipped
with the module named and how to install it."""
import importlib.util
import unittest

HINT = {"requests": "python3-requests", "aiohttp": "python3-aiohttp", "gevent": "python3-gevent"}


def missing(*modules):
    return [m for m in modules if importlib.util.find_spec(m) is None]


def needs(*modules):
    gone = missing(*modules)
    return unittest.skipIf(
        bool(gone), "Python module(s) %s missing: apt-get install -y %s" % (
            ", ".join(gone), " ".join(HINT.get(m, m) for m in gone)))
