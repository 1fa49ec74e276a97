"""Pandas peer of tests/bench/leakage.bench.ts: the same three checks on the same bytes.

Reads <dir>/meta.json, <dir>/columns.f64 (column-major float64), <dir>/train.i32, <dir>/test.i32.
Prints one JSON line: per-check seconds (best of `reps`) and the counts, for the caller to compare.
Exact duplicates: pandas.util.hash_pandas_object + isin (hash-only, as pandas users do it).
Near duplicates: the same on values rounded to a grid of `tolerance` (round(v * (1/tol))).
"""
import json
import sys
import time

import numpy as np
import pandas as pd

d = sys.argv[1]
meta = json.load(open(f"{d}/meta.json"))
n, names, feats, tol = meta["n"], meta["columns"], meta["features"], meta["tolerance"]
x = np.fromfile(f"{d}/columns.f64", dtype="<f8").reshape(len(names), n)
df = pd.DataFrame({name: x[j] for j, name in enumerate(names)})
train = np.fromfile(f"{d}/train.i32", dtype="<i4")
test = np.fromfile(f"{d}/test.i32", dtype="<i4")


def duplicates():
    h = pd.util.hash_pandas_object(df[feats], index=False).to_numpy()
    exact = np.isin(h[test], h[train])
    q = (df[feats] * (1.0 / tol)).round()
    hq = pd.util.hash_pandas_object(q, index=False).to_numpy()
    near = np.isin(hq[test], hq[train]) & ~exact
    return {"exact": int(exact.sum()), "near": int(near.sum())}


def groups():
    g = df["group"].to_numpy()
    shared = np.isin(g[test], pd.unique(g[train]))
    return {"groupRows": int(shared.sum()), "groups": int(pd.unique(g[test][shared]).size)}


def temporal():
    t = df["time"].to_numpy()
    return {"earlier": int((t[test] < t[train].max()).sum())}


out = {}
for name, fn in (("duplicates", duplicates), ("groups", groups), ("temporal", temporal)):
    best = float("inf")
    for _ in range(meta["reps"]):
        t0 = time.perf_counter()
        res = fn()
        best = min(best, time.perf_counter() - t0)
    out[name] = {"seconds": best, **res}
print(json.dumps(out))
