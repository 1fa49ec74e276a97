"""numpy / scikit-learn 1.2 oracle for tests/models: reads a JSON list of cases on stdin, prints results.

Each case: {"kind": "lstsq" | "pinv" | "ridge" | "kernelRidge", "X": [[...]], "y": [...] or [[...]], ...}.
Each result: {"w": [[...]]} (weights, d x k) or {"pred": [[...]]} (kernelRidge predictions on "Xtest").
Floats cross as JSON, which round-trips doubles exactly. Run with Debian's /usr/bin/python3.
"""
import json
import sys

import numpy as np
from sklearn.kernel_ridge import KernelRidge
from sklearn.linear_model import Ridge


def column(y):
    y = np.asarray(y, dtype=np.float64)
    return y.reshape(-1, 1) if y.ndim == 1 else y


def run(case):
    X = np.asarray(case["X"], dtype=np.float64)
    y = column(case["y"])
    kind = case["kind"]
    if kind == "lstsq":
        return {"w": np.linalg.lstsq(X, y, rcond=None)[0].tolist()}
    if kind == "pinv":
        return {"w": (np.linalg.pinv(X) @ y).tolist()}
    if kind == "ridge":
        model = Ridge(alpha=case["ridge"], fit_intercept=False).fit(X, y)
        return {"w": model.coef_.T.tolist()}
    if kind == "kernelRidge":
        gamma = 1.0 / (2.0 * case["sigma"] ** 2)
        model = KernelRidge(alpha=case["ridge"], kernel="rbf", gamma=gamma).fit(X, y)
        return {"pred": model.predict(np.asarray(case["Xtest"], dtype=np.float64)).reshape(len(case["Xtest"]), -1).tolist()}
    raise ValueError(f"unknown kind {kind}")


print(json.dumps([run(c) for c in json.load(sys.stdin)]))
