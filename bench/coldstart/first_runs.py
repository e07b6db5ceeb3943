"""Is an experiment's first run slower than its later ones? Per results folder (runs/*/run.json,
one model over several repetitions): the request phase of repetition 1, of repetition 2 and the
median of repetitions 4 on, then over all folders given. Used for the before/after figure of the
stage warm-up (docs/cold-start.md): the local backend's own fare server and proxy are cold at an
experiment's start, and whichever model runs first pays for it unless they are warmed.

Usage: python3 first_runs.py <results-folder>... [--label NAME]
"""
import glob
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from summarize import median, median_interval  # noqa: E402


def phases(folder):
    runs = []
    for f in sorted(glob.glob(os.path.join(folder, "runs", "*", "run.json"))):
        run = json.load(open(f))
        if run["outcome"] == "ok":
            runs.append((run["repetition"], run["result"]["requestPhaseUs"] / 1000))
    return [p for _, p in sorted(runs)]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    label = sys.argv[sys.argv.index("--label") + 1] if "--label" in sys.argv else ""
    firsts, seconds, later = [], [], []
    for folder in args:
        if folder == label:
            continue
        p = phases(folder)
        if len(p) < 4:
            print("%s: fewer than 4 ok runs, skipped" % folder, file=sys.stderr)
            continue
        firsts.append(p[0])
        seconds.append(p[1])
        later.extend(p[3:])
        print("%s  first %.0f  second %.0f  4th on %.0f (n=%d)"
              % (os.path.basename(folder.rstrip("/")), p[0], p[1], median(p[3:]), len(p) - 3))
    if firsts:
        ci = median_interval(later)
        print("%s: first runs %s; second runs %s; 4th on: median %.0f%s (n=%d)"
              % (label or "all", ", ".join("%.0f" % x for x in firsts),
                 ", ".join("%.0f" % x for x in seconds), median(later),
                 "" if ci is None else " [%.0f, %.0f]" % ci[:2], len(later)))


if __name__ == "__main__":
    main()
