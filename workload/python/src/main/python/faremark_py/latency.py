"""Latency percentiles, exact, from every recorded value (microseconds).

Semantics (the same definition as HdrHistogram's getValueAtPercentile, which the Java models
use, but without its 3-significant-digit bucketing): the p-th percentile is the smallest
recorded value such that at least p % of all recorded values are at or below it (nearest rank:
the value at rank ceil(p/100 * n) of the sorted values). A run has at most a few thousand
requests, so keeping every value costs nothing worth measuring.

The whole distribution goes out with the result too, as ``latencyDistribution`` (see
``distribution``): every value, raw, in microseconds. There is no HdrHistogram for Python in
Debian (no python3-hdrh package), and re-implementing its encoding here would be a second copy to
keep right; the orchestrator records the values into an HdrHistogram of the Java models' precision
and keeps it as the run's ``latency.hlog``. Raw values also lose nothing: the file is the first
place any bucketing happens.
"""
import math

EMPTY = {"count": 0, "minUs": 0, "meanUs": 0.0, "p50Us": 0, "p90Us": 0, "p99Us": 0,
         "p999Us": 0, "maxUs": 0}


def percentile(sorted_values, p):
    if not sorted_values:
        raise ValueError("no values")
    rank = max(1, math.ceil(p / 100.0 * len(sorted_values) - 1e-9))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def summary(values_us):
    """contract.LatencySummary as JSON fields."""
    if not values_us:
        return dict(EMPTY)
    v = sorted(int(x) for x in values_us)
    return {"count": len(v), "minUs": v[0], "meanUs": sum(v) / len(v),
            "p50Us": percentile(v, 50), "p90Us": percentile(v, 90), "p99Us": percentile(v, 99),
            "p999Us": percentile(v, 99.9), "maxUs": v[-1]}


def distribution(values_us):
    """contract.LatencyDistribution in its raw form: every value in microseconds, in the order
    recorded (about 8 bytes of JSON per request: 80 kB on the done line at 10,000 requests)."""
    return {"valuesUs": [int(x) for x in values_us]}
