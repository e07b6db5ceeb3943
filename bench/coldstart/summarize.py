"""Summarises run.sh's waves.jsonl: per variant and model, the median over repetitions of wave 1
(the cold run a faremark run measures), of the warm figure (per JVM, the median of its last
three waves: the same job in the same JVM after the others; wave 2 is not warm yet, the JIT is
still compiling), and of their difference per JVM (paired), each with a distribution-free
95 % interval for the median (order statistics of the binomial(n, 1/2): [x(k), x(n+1-k)] with
the largest k whose coverage is still >= 95 %; n = 6 gives [min, max], 96.9 %).

With --cpu, also the CPU time of the request phase by kind of thread (WaveProbe's cpuByThreadMs:
JIT compiler threads, the client's selector, the model's threads, main, ...), wave 1 against warm.

Usage: python3 summarize.py waves.jsonl[.gz] [--max-load L] [--warm-waves A-B] [--markdown] [--cpu]
  --max-load L     only JVMs started while the 1-minute load average was <= L
  --warm-waves A-B which waves count as warm, per JVM their median (default: the last three)
"""
import argparse
import collections
import gzip
import json
import math


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def median_interval(xs, level=0.95):
    """(low, high, coverage) or None when n is too small for any interval at this level."""
    xs = sorted(xs)
    n = len(xs)
    best = None
    for k in range(1, n // 2 + 1):
        # P(x(k) <= median <= x(n+1-k)) = 1 - 2 P(B <= k-1), B ~ binomial(n, 1/2)
        tail = sum(math.comb(n, i) for i in range(k)) / 2 ** n
        coverage = 1 - 2 * tail
        if coverage >= level:
            best = (xs[k - 1], xs[n - k], coverage)
    return best


def fmt(xs, scale=1000.0):
    if not xs:
        return "-"
    m = median([x / scale for x in xs])
    ci = median_interval([x / scale for x in xs])
    if ci is None:
        return "%.0f (n=%d)" % (m, len(xs))
    return "%.0f [%.0f, %.0f]" % (m, ci[0], ci[1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--max-load", type=float)
    ap.add_argument("--warm-waves")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--cpu", action="store_true")
    a = ap.parse_args()

    jvms = collections.OrderedDict()  # (variant, model, rep, load) -> {wave: probe}
    opener = gzip.open if a.file.endswith(".gz") else open
    for line in opener(a.file, "rt"):
        d = json.loads(line)
        p = d["probe"]
        key = (d["variant"], p["model"], d["rep"], d["load1"])
        jvms.setdefault(key, {})[p["wave"]] = p

    rows = collections.OrderedDict()
    for (variant, model, rep, load), waves in jvms.items():
        if model == "client" or (a.max_load is not None and load > a.max_load):
            continue
        if 1 not in waves or any(w["failed"] for w in waves.values()):
            continue
        if a.warm_waves:
            lo, hi = (int(x) for x in a.warm_waves.split("-"))
        else:
            hi = max(waves)
            lo = max(2, hi - 2)
        warm = [waves[n] for n in range(lo, hi + 1) if n in waves and n > 1]
        if not warm:
            continue
        cold = waves[1]
        warm_phase = median([w["requestPhaseUs"] for w in warm])
        r = rows.setdefault((variant, model), collections.defaultdict(list))
        r["cold"].append(cold["requestPhaseUs"])
        r["warm"].append(warm_phase)
        r["diff"].append(cold["requestPhaseUs"] - warm_phase)
        r["wave2"].append(waves[2]["requestPhaseUs"] if 2 in waves else warm_phase)
        r["cold_min_lat"].append(cold["latency"]["minUs"])
        r["warm_min_lat"].append(median([w["latency"]["minUs"] for w in warm]))
        r["cold_cpu"].append(cold["cpuMs"] * 1000)
        r["warm_cpu"].append(median([w["cpuMs"] for w in warm]) * 1000)
        r["load"].append(load)
        for kind in set(cold.get("cpuByThreadMs", {})) | {k for w in warm for k in w.get("cpuByThreadMs", {})}:
            r["cpu1:" + kind].append(cold.get("cpuByThreadMs", {}).get(kind, 0))
            r["cpuw:" + kind].append(median([w.get("cpuByThreadMs", {}).get(kind, 0) for w in warm]))

    head = ["variant", "model", "n", "load (median)", "wave 1 ms", "wave 2 ms", "warm ms", "wave 1 − warm ms",
            "cold share", "min latency wave 1 / warm ms", "CPU wave 1 / warm ms"]
    sep = " | " if a.markdown else "  "
    if a.markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
    else:
        print(sep.join(head))
    for (variant, model), r in rows.items():
        share = median(r["diff"]) / median(r["cold"]) if median(r["cold"]) else 0
        cells = [variant, model, str(len(r["cold"])), "%.1f" % median(r["load"]),
                 fmt(r["cold"]), fmt(r["wave2"]), fmt(r["warm"]), fmt(r["diff"]), "%.0f %%" % (100 * share),
                 "%.0f / %.0f" % (median(r["cold_min_lat"]) / 1000, median(r["warm_min_lat"]) / 1000),
                 "%.0f / %.0f" % (median(r["cold_cpu"]) / 1000, median(r["warm_cpu"]) / 1000)]
        print(("| " + " | ".join(cells) + " |") if a.markdown else sep.join(cells))
    if a.cpu:
        cpu_table(rows)
    clients(jvms, a)


def cpu_table(rows):
    """Median CPU ms of the request phase by kind of thread: wave 1 / warm."""
    print()
    print("CPU ms in the request phase by thread, wave 1 / warm (medians over JVMs)")
    for (variant, model), r in rows.items():
        kinds = sorted({k.split(":", 1)[1] for k in r if k.startswith("cpu1:")})
        jit1 = [a + b for a, b in zip(r.get("cpu1:jit-c1", [0] * len(r["cold"])), r.get("cpu1:jit-c2", [0] * len(r["cold"])))]
        jitw = [a + b for a, b in zip(r.get("cpuw:jit-c1", [0] * len(r["cold"])), r.get("cpuw:jit-c2", [0] * len(r["cold"])))]
        parts = ["total %.0f / %.0f" % (median(r["cold_cpu"]) / 1000, median(r["warm_cpu"]) / 1000),
                 "JIT (c1+c2) %.0f / %.0f" % (median(jit1), median(jitw))]
        parts += ["%s %.0f / %.0f" % (k, median(r["cpu1:" + k]), median(r["cpuw:" + k]))
                  for k in kinds if len(r["cpu1:" + k]) == len(r["cold"])]
        print("  %s %s: %s" % (variant, model, ", ".join(parts)))


def clients(jvms, a):
    """ClientProbe JVMs: a new client (odd waves) against the same client again (even waves)."""
    rows = collections.OrderedDict()
    for (variant, model, rep, load), waves in jvms.items():
        if model != "client" or (a.max_load is not None and load > a.max_load):
            continue
        new = [w["requestPhaseUs"] for n, w in waves.items() if n >= 3 and w["client"] == "new"]
        same = [w["requestPhaseUs"] for n, w in waves.items() if n >= 4 and w["client"] == "same"]
        if not new or not same or 1 not in waves:
            continue
        r = rows.setdefault(variant, collections.defaultdict(list))
        r["cold"].append(waves[1]["requestPhaseUs"])
        r["new"].append(median(new))
        r["same"].append(median(same))
        r["connect"].append(median(new) - median(same))
        r["load"].append(load)
    if not rows:
        return
    print()
    print("HttpClient alone (ClientProbe), request phase ms: wave 1 (cold JVM, new client) | "
          "warm JVM, new client | warm JVM, same client | new - same (100 new connections)")
    for variant, r in rows.items():
        print("  %s (n=%d, load %.1f): %s | %s | %s | %s" % (
            variant, len(r["cold"]), median(r["load"]), fmt(r["cold"]), fmt(r["new"]),
            fmt(r["same"]), fmt(r["connect"])))


if __name__ == "__main__":
    main()
