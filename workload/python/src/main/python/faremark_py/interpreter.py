"""Which interpreter this is, and whether libraries load on it - standard library only, so the
orchestrator can run this file's text as it is (``pypy3 -c <this file> requests gevent``) before
any model starts, and the models' ``ready`` event and the tests name the interpreter the same way.

Run as a program it prints one JSON object: the interpreter's implementation (``cpython``,
``pypy``), its real path, its name and version as the ``ready`` event gives them, and for each
library named on the command line its version when it loads, or why not: ``missing`` when the
module itself is not found, else the library's own error where it failed to load.
"""
import importlib
import json
import os
import platform
import sys
import traceback

# What "loads" means where importing is not enough. gevent imports on PyPy with Debian's
# CPython-only build, but its event loop is a C extension for CPython: the first hub fails. So
# its check makes the hub, with its loop, and runs a zero-length sleep through it, as a model's
# first wait does.
CHECKS = {
    "gevent": "import gevent\ngevent.get_hub()\ngevent.sleep(0)",
}


def implementation():
    """``cpython`` or ``pypy``: the ids of models.json's ``implementations``."""
    return platform.python_implementation().lower()


def runtime():
    """The interpreter, for the ``ready`` event: ``CPython 3.11.2``; PyPy names its own release
    first, then the language level it implements: ``PyPy 7.3.11 (Python 3.9.16)``."""
    pypy = getattr(sys, "pypy_version_info", None)
    if pypy is not None:
        release = "%d.%d.%d" % tuple(pypy[:3])
        if pypy.releaselevel != "final":
            release += "-%s%d" % (pypy.releaselevel, pypy.serial)
        return "PyPy %s (Python %s)" % (release, platform.python_version())
    return "%s %s" % (platform.python_implementation(), platform.python_version())


def _where(error):
    """The innermost frame of ``error`` inside the library: ``aiohttp/cookiejar.py line 192``."""
    frames = traceback.extract_tb(error.__traceback__)
    for frame in reversed(frames):
        if frame.filename.startswith("<"):
            continue
        parts = frame.filename.replace(os.sep, "/").split("/")
        for i in range(len(parts) - 1, 0, -1):
            if parts[i - 1] in ("site-packages", "dist-packages", "lib_pypy") or \
                    parts[i - 1].startswith("python3") or parts[i - 1].startswith("pypy3"):
                return "%s line %d" % ("/".join(parts[i:]), frame.lineno)
        return "%s line %d" % ("/".join(parts[-2:]), frame.lineno)
    return None


def load(module):
    """``{"version": "2.28.1"}`` when ``module`` loads here; ``{"missing": true, "error": ...}``
    when it is not installed; ``{"error": "TypeError: ... (aiohttp/cookiejar.py line 192)"}``
    when it is installed but fails to load."""
    try:
        imported = importlib.import_module(module)
        check = CHECKS.get(module)
        if check is not None:
            exec(compile(check, "<%s load check>" % module, "exec"), {})
        return {"version": str(getattr(imported, "__version__", "unknown"))}
    except BaseException as e:  # noqa: B902 - any failure to load is the answer, not a crash
        if isinstance(e, KeyboardInterrupt):
            raise
        text = "%s: %s" % (type(e).__name__, str(e).strip().splitlines()[0] if str(e).strip() else "")
        missing = isinstance(e, ModuleNotFoundError) and \
            (e.name == module or module.startswith((e.name or "") + "."))
        if missing:
            return {"missing": True, "error": text}
        where = _where(e)
        return {"error": text + (" (%s)" % where if where else "")}


def describe(modules):
    return {
        "implementation": implementation(),
        "executable": sys.executable,
        "runtime": runtime(),
        "version": platform.python_version(),
        "cacheTag": sys.implementation.cache_tag,
        "modules": {m: load(m) for m in modules},
    }


if __name__ == "__main__":
    # The answer goes to the real stdout alone: a library that prints while loading (or warns)
    # writes to stderr instead.
    out = sys.stdout
    sys.stdout = sys.stderr
    out.write(json.dumps(describe(sys.argv[1:])) + "\n")
    out.flush()
