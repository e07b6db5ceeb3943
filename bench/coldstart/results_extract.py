"""One JSON line per run of faremark results folders, with the figures docs/cold-start.md's "In
the results" tables use: what the folders hold beyond that (samples, events, the report) stays
with them. Measured runs (runs/) and first-use reference runs (first-use/) alike; the tables'
scripts (first_runs.py, first_use_table.py, warmup_effect.py) read the folders themselves.

Usage: python3 results_extract.py LABEL=<results-folder>... | gzip > data/<name>.jsonl.gz
"""
import glob
import json
import os
import sys


def main():
    for arg in sys.argv[1:]:
        label, folder = arg.split("=", 1)
        env = json.load(open(os.path.join(folder, "environment.json")))
        for kind in ("runs", "first-use"):
            for f in sorted(glob.glob(os.path.join(folder, kind, "*", "run.json"))):
                run = json.load(open(f))
                result = run.get("result") or {}
                mem = run.get("memory") or {}
                print(json.dumps({
                    "label": label, "folder": os.path.basename(folder.rstrip("/")),
                    "startedAt": env.get("startedAt"), "kind": kind, "runId": run["runId"],
                    "model": run["model"], "repetition": run["repetition"],
                    "outcome": run["outcome"], "warmup": run.get("warmup", 0),
                    "requestPhaseMs": result.get("requestPhaseUs", 0) / 1000 if result else None,
                    "baselineBytes": mem.get("baselineBytes"), "peakBytes": mem.get("peakBytes"),
                    "peakAboveBaselineBytes": mem.get("peakAboveBaselineBytes"),
                    "cpu": run.get("cpu"), "cpuMillis": mem.get("cpuMillis"),
                    "readyAtMs": run.get("readyAtMs"),
                    "warmupPasses": [{"requestPhaseMs": p["requestPhaseUs"] / 1000, "ok": p["ok"],
                                      "cpuUs": p.get("cpuUs")}
                                     for p in (result.get("details") or {}).get("warmup", [])],
                }, sort_keys=True))


if __name__ == "__main__":
    main()
