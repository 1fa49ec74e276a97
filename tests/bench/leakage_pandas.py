"""Pandas/scipy peer of tests/bench/leakage.bench.ts: the same checks on the same bytes.

Reads <dir>/meta.json, <dir>/columns.f64 (column-major float64), <dir>/train.i32, <dir>/test.i32.
Prints one JSON line: per-check seconds (best of `reps`; the near search once) and the counts, for
the caller to compare.
Exact duplicates: pandas.util.hash_pandas_object + isin (hash-only, as pandas users do it).
Near duplicates: the decision of src/library/leakage/near-duplicates.ts (r1 < ratio * r3 over
distinct train-standardised rows) with scipy's cKDTree, in the same three steps, because the
plain exact 3-NN query is far too slow in 20 dimensions (timed on `exactQueries` rows only).
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

d = sys.argv[1]
meta = json.load(open(f"{d}/meta.json"))
n, names, feats, ratio = meta["n"], meta["columns"], meta["features"], meta["ratio"]
x = np.fromfile(f"{d}/columns.f64", dtype="<f8").reshape(len(names), n)
df = pd.DataFrame({name: x[j] for j, name in enumerate(names)})
train = np.fromfile(f"{d}/train.i32", dtype="<i4")
test = np.fromfile(f"{d}/test.i32", dtype="<i4")


def duplicates():
    h = pd.util.hash_pandas_object(df[feats], index=False).to_numpy()
    exact = np.isin(h[test], h[train])
    return {"exact": int(exact.sum())}


def groups():
    g = df["group"].to_numpy()
    shared = np.isin(g[test], pd.unique(g[train]))
    return {"groupRows": int(shared.sum()), "groups": int(pd.unique(g[test][shared]).size)}


def temporal():
    t = df["time"].to_numpy()
    return {"earlier": int((t[test] < t[train].max()).sum())}


def standardised():
    a = df[feats].to_numpy()
    tr = a[train]
    m, s = tr.mean(0), tr.std(0, ddof=1)
    return np.unique((tr - m) / s, axis=0), (a[test] - m) / s


def near():
    points, q = standardised()
    tree = cKDTree(points)
    u, _ = tree.query(q, k=3, eps=100)  # an upper bound of r3 from about one leaf
    has = tree.query_ball_point(q, r=ratio * u[:, 2], return_length=True) > 0
    d1, _ = tree.query(q[has], k=1)
    c = tree.query_ball_point(q[has], r=d1 / ratio, return_length=True)
    return {"near": int(((d1 > 0) & (c < 3)).sum())}


out = {}
for name, fn in (("duplicates", duplicates), ("groups", groups), ("temporal", temporal), ("near", near)):
    best = float("inf")
    for _ in range(1 if name == "near" else meta["reps"]):
        t0 = time.perf_counter()
        res = fn()
        best = min(best, time.perf_counter() - t0)
    out[name] = {"seconds": best, "counts": res}
if meta["exactQueries"] > 0:
    points, q = standardised()
    tree = cKDTree(points)
    t0 = time.perf_counter()
    tree.query(q[: meta["exactQueries"]], k=3)
    out["exactKnn"] = {"queries": meta["exactQueries"], "secondsPerQuery": (time.perf_counter() - t0) / meta["exactQueries"]}
print(json.dumps(out))
