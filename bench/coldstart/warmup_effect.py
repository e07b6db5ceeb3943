"""What run.warmup does to the figures: per model, medians over the ok runs of a folder measured
cold (no warm-up) and of one measured with run.warmup, side by side: request phase, baseline,
peak, peak - baseline, CPU in the request phase (run.json's cpu), and, for the warm folder, the
warm-up pass's own request phase (details.warmup), which is a cold measurement of its own.

Usage: python3 warmup_effect.py <cold-folder> <warm-folder>
"""
import collections
import glob
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from summarize import median  # noqa: E402

MIB = 1024 * 1024


def figures(folder):
    by = collections.OrderedDict()
    for f in sorted(glob.glob(os.path.join(folder, "runs", "*", "run.json"))):
        run = json.load(open(f))
        if run["outcome"] != "ok":
            continue
        r = by.setdefault(run["model"], collections.defaultdict(list))
        r["phase"].append(run["result"]["requestPhaseUs"] / 1000)
        mem = run["memory"]
        r["baseline"].append(mem["baselineBytes"] / MIB)
        r["peak"].append(mem["peakBytes"] / MIB)
        r["above"].append(mem["peakAboveBaselineBytes"] / MIB)
        if run.get("cpu", {}).get("requestPhaseMs") is not None:
            r["cpu"].append(run["cpu"]["requestPhaseMs"])
        for p in run["result"]["details"].get("warmup", []):
            r["pass"].append(p["requestPhaseUs"] / 1000)
    return by


def cell(xs, fmt):
    return fmt % median(xs) if xs else "-"


def main():
    cold, warm = figures(sys.argv[1]), figures(sys.argv[2])
    print("| model | request phase, cold / warm | warm-up pass | baseline, cold / warm | peak, cold /"
          " warm | peak − baseline, cold / warm | CPU in the request phase, cold / warm |")
    print("|---|---|---|---|---|---|---|")
    for model, w in warm.items():
        c = cold.get(model, collections.defaultdict(list))
        print("| %s | %s / %s | %s | %s / %s | %s / %s | %s / %s | %s / %s |" % (
            model, cell(c["phase"], "%.0f"), cell(w["phase"], "%.0f ms"), cell(w["pass"], "%.0f ms"),
            cell(c["baseline"], "%.1f"), cell(w["baseline"], "%.1f MiB"), cell(c["peak"], "%.1f"),
            cell(w["peak"], "%.1f MiB"), cell(c["above"], "%.1f"), cell(w["above"], "%.1f MiB"),
            cell(c["cpu"], "%.0f"), cell(w["cpu"], "%.0f ms")))


if __name__ == "__main__":
    main()
