"""numpy/scipy oracle for tests/stats: reads a JSON list of cases on stdin, prints results.

Each case: {"values": [...], "confidence": c, "q": [...]} ->
{"mean", "std" (ddof=1), "sem", "ci": scipy.stats.t.interval, "percentiles": numpy.percentile at q},
plus "bootstrap": scipy.stats.bootstrap percentile interval (200,000 resamples) when the case asks.
Run with Debian's /usr/bin/python3 (numpy 1.24, scipy 1.10).
"""
import json
import sys

import numpy as np
from scipy import stats

out = []
for case in json.load(sys.stdin):
    x = np.asarray(case["values"], dtype=np.float64)
    n = len(x)
    std = float(np.std(x, ddof=1))
    sem = std / np.sqrt(n)
    lo, hi = stats.t.interval(case["confidence"], n - 1, loc=float(np.mean(x)), scale=sem)
    boot = None
    if case.get("bootstrap"):
        res = stats.bootstrap((x,), np.mean, confidence_level=case["confidence"], n_resamples=200_000,
                              method="percentile", random_state=np.random.default_rng(0))
        boot = [float(res.confidence_interval.low), float(res.confidence_interval.high)]
    out.append({
        "bootstrap": boot,
        "mean": float(np.mean(x)),
        "std": std,
        "sem": float(sem),
        "ci": [float(lo), float(hi)],
        "percentiles": [float(np.percentile(np.sort(x), 100 * q)) for q in case["q"]],
    })
json.dump(out, sys.stdout)
