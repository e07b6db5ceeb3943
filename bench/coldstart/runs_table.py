"""Per model, from a faremark results folder (runs/*/run.json): the request phase, the fastest and
slowest request, the time to `ready` and the process's CPU time, as medians over the ok runs
with a distribution-free 95 % interval for the median where n allows (see summarize.py).
Nothing here needs more than what a run already records.

Usage: python3 runs_table.py <results-folder> [--markdown]
"""
import collections
import glob
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from summarize import median, median_interval  # noqa: E402


def cell(xs):
    m = median(xs)
    ci = median_interval(xs)
    return "%.0f" % m if ci is None else "%.0f [%.0f, %.0f]" % (m, ci[0], ci[1])


def main():
    folder = sys.argv[1]
    markdown = "--markdown" in sys.argv
    rows = collections.OrderedDict()
    for f in sorted(glob.glob(os.path.join(folder, "runs", "*", "run.json"))):
        run = json.load(open(f))
        if run["outcome"] != "ok":
            continue
        r = rows.setdefault(run["model"], collections.defaultdict(list))
        res = run["result"]
        lat = res["latency"]
        r["phase"].append(res["requestPhaseUs"] / 1000)
        r["min"].append(lat["minUs"] / 1000)
        r["p50"].append(lat["p50Us"] / 1000)
        r["max"].append(lat["maxUs"] / 1000)
        r["ready"].append(run["readyAtMs"])
        r["cpu"].append(run["memory"].get("cpuMillis") or 0)
    head = ["model", "ok runs", "request phase ms", "latency min ms", "latency p50 ms",
            "latency max ms", "ready after ms", "CPU ms (whole process)"]
    if markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
    else:
        print("  ".join(head))
    for model, r in rows.items():
        cells = [model, str(len(r["phase"])), cell(r["phase"]), cell(r["min"]), cell(r["p50"]),
                 cell(r["max"]), cell(r["ready"]), cell(r["cpu"])]
        print(("| " + " | ".join(cells) + " |") if markdown else "  ".join(cells))


if __name__ == "__main__":
    main()
