"""The spec's warm-up passes (``spec.warmup``), the same for every Python model as WorkloadMain
makes them for the Java ones: before ``ready``, the whole job runs ``warmup`` times, each time
through a throw-away instance of the model (prepared, run, closed: its sessions, connections and
threads go with it). The measured instance still opens its own connections and starts its own
threads. Each pass is reported in the result's ``details.warmup`` (contract.WarmupPass) and never
counted in the result itself.

A model whose requests go out of worker processes (py-multiprocessing) says
``warms_up_itself = True`` and makes the passes in each worker, where they can warm anything.
"""
import time

from . import latency

DETAILS_KEY = "warmup"


def run_passes(spec, create, measured):
    """The passes, in order, as contract.WarmupPass dicts; none when the spec asks for none or
    ``measured`` makes them itself."""
    if spec.warmup <= 0 or getattr(measured, "warms_up_itself", False):
        return []
    passes = []
    for _ in range(spec.warmup):
        model = create(spec)
        try:
            model.prepare()
            cpu = time.process_time()
            result = model.run()
            cpu = time.process_time() - cpu
        finally:
            model.close()
        passes.append(record(result, cpu))
    return passes


def record(result, cpu_s):
    """A pass from the result dict its instance returned and the CPU seconds it used."""
    return {"requestPhaseUs": result.get("requestPhaseUs", 0),
            "requested": result.get("requested", 0), "ok": result.get("ok", 0),
            "failed": dict(result.get("failed", {})),
            "retried": dict(result.get("details", {}).get("retried", {})),
            "latency": result.get("latency", dict(latency.EMPTY)),
            "cpuUs": int(cpu_s * 1e6)}


def merge(worker_passes):
    """One pass of several workers that warmed up at once, each on its share of the days: counts
    and CPU summed, latencies merged (each worker sends its values as ``latenciesUs``), the
    request phase of the slowest worker."""
    failed, retried, values = {}, {}, []
    for p in worker_passes:
        for cause, n in p["failed"].items():
            failed[cause] = failed.get(cause, 0) + n
        for cause, n in p["retried"].items():
            retried[cause] = retried.get(cause, 0) + n
        values.extend(p["latenciesUs"])
    return {"requestPhaseUs": max(p["requestPhaseUs"] for p in worker_passes),
            "requested": sum(p["requested"] for p in worker_passes),
            "ok": sum(p["ok"] for p in worker_passes),
            "failed": dict(sorted(failed.items())), "retried": dict(sorted(retried.items())),
            "latency": latency.summary(values),
            "cpuUs": sum(p["cpuUs"] for p in worker_passes)}


def add_to(result, passes):
    """``result`` with the passes in ``details.warmup``; unchanged without passes."""
    if passes:
        result.setdefault("details", {})[DETAILS_KEY] = passes
    return result
