"""sklearn peer of tests/bench/metrics.bench.ts: the same metrics on the same bytes.

Reads <dir>/meta.json ({"n", "k", "reps"}), <dir>/y.i32, <dir>/pred.i32, <dir>/score.f64 (n),
<dir>/proba.f64 (n x k row-major), <dir>/reg_true.f64, <dir>/reg_pred.f64.
Prints one JSON line: {metric: {"seconds": best of reps, "value": ...}}.
"""
import json
import sys
import time

import numpy as np
from sklearn.metrics import (accuracy_score, confusion_matrix, f1_score, log_loss, mean_squared_error,
                             r2_score, roc_auc_score)

d = sys.argv[1]
meta = json.load(open(f"{d}/meta.json"))
n, k, reps = meta["n"], meta["k"], meta["reps"]
y = np.fromfile(f"{d}/y.i32", dtype="<i4")
pred = np.fromfile(f"{d}/pred.i32", dtype="<i4")
score = np.fromfile(f"{d}/score.f64", dtype="<f8")
proba = np.fromfile(f"{d}/proba.f64", dtype="<f8").reshape(n, k)
yb = (y == 0).astype(np.int32)
rt = np.fromfile(f"{d}/reg_true.f64", dtype="<f8")
rp = np.fromfile(f"{d}/reg_pred.f64", dtype="<f8")
labels = list(range(k))

RUNS = {
    "accuracy": lambda: accuracy_score(y, pred),
    "confusionMatrix": lambda: confusion_matrix(y, pred, labels=labels).tolist(),
    "f1 macro": lambda: f1_score(y, pred, average="macro", labels=labels),
    "rocAuc binary": lambda: roc_auc_score(yb, score),
    "rocAuc ovr macro": lambda: roc_auc_score(y, proba, multi_class="ovr", average="macro"),
    "logLoss": lambda: log_loss(y, proba, labels=labels),
    "mse": lambda: mean_squared_error(rt, rp),
    "r2": lambda: r2_score(rt, rp),
}

out = {}
for name, f in RUNS.items():
    best, value = float("inf"), None
    for _ in range(reps):
        t0 = time.perf_counter()
        value = f()
        best = min(best, time.perf_counter() - t0)
    out[name] = {"seconds": best, "value": value}
print(json.dumps(out))
