"""The Python side of WaveProbe: runs one Python model's job several times in ONE interpreter,
each wave with a fresh model (new session, new connections, new event loop or pool), and prints
one JSON line per wave. Wave 1 is what a faremark run measures; wave 1 minus wave 2 is the
interpreter's first use of the request path (imports done lazily, first-call caches), which
CPython has little of: it does not compile at run time.

Usage (the models' folder on PYTHONPATH):
  PYTHONPATH=workload/python/src/main/python python3 wave_probe.py <model-id> <spec.json> <waves>
"""
import importlib
import json
import os
import sys
import time

from faremark_py.catalog import MODELS
from faremark_py.spec import from_args


def cpu_ms():
    t = os.times()
    return int((t.user + t.system) * 1000)


def main():
    model_id, spec_file, waves = sys.argv[1], sys.argv[2], int(sys.argv[3])
    module = importlib.import_module("faremark_py." + {m[0]: m[1] for m in MODELS}[model_id])
    model_class = next(v for v in vars(module).values()
                       if isinstance(v, type) and getattr(v, "id", None) == model_id)
    spec = from_args(["--spec", spec_file])
    for wave in range(1, waves + 1):
        model = model_class(spec)
        started = time.monotonic_ns()
        model.prepare()
        prepare_us = (time.monotonic_ns() - started) // 1000
        cpu_before = cpu_ms()
        result = model.run()
        cpu = cpu_ms() - cpu_before
        model.close()
        lat = result["latency"]
        print(json.dumps({"wave": wave, "model": model_id, "ok": result["ok"],
                          "failed": sum(result["failed"].values()), "prepareUs": prepare_us,
                          "requestPhaseUs": result["requestPhaseUs"],
                          "latency": {k: lat[k] for k in ("minUs", "p50Us", "p90Us", "maxUs")},
                          "cpuMs": cpu}, separators=(",", ":")), flush=True)
        if wave < waves:
            time.sleep(1.0)


if __name__ == "__main__":
    main()
