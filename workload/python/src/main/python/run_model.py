"""Starts one faremark Python model by id: ``python3 run_model.py py-threads --spec spec.json``.

Python puts this file's folder on sys.path, so the models run from wherever the orchestrator
extracted them, whatever the working directory, without PYTHONPATH. Equivalent to
``python3 -m faremark_py.<module> --spec ...`` with this folder on PYTHONPATH.
"""
import runpy
import sys

from faremark_py.catalog import IMPLEMENTATION, MODELS, RUNTIME_NAMES
from faremark_py.interpreter import implementation, runtime

if __name__ == "__main__":
    modules = {m[0]: m[1] for m in MODELS}
    if len(sys.argv) < 2 or sys.argv[1] not in modules:
        print("usage: run_model.py <%s> --spec <file.json>" % "|".join(modules), file=sys.stderr)
        sys.exit(2)
    wanted = IMPLEMENTATION[sys.argv[1]]
    if wanted != implementation():
        # the same module runs on either interpreter; the id says which one was meant
        print("run_model.py: %s runs on %s; this is %s (%s)" % (
            sys.argv[1], RUNTIME_NAMES[wanted], runtime(), sys.executable), file=sys.stderr)
        sys.exit(2)
    module = "faremark_py." + modules[sys.argv[1]]
    sys.argv = [module] + sys.argv[2:]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
