"""numpy / scikit-learn 1.2 oracle for tests/models: reads a JSON list of cases on stdin, prints results.

Each case: {"kind": "lstsq" | "pinv" | "ridge" | "ridgeStacked" | "kernelRidge" | "kernelRidgePrecomputed" | "qr"
| "svd" | "rbf", "X": [[...]], "y": [...] or [[...]], ...}.
Each result: {"w": [[...]]} (weights, d x k; lstsq adds "rank"), {"pred": [[...]]} (kernel ridge predictions
on "Xtest"), {"Q", "R"} / {"U", "s", "Vt"} (signs fixed as src/library/models/decompositions.ts fixes them)
or {"K": [[...]]} (sklearn rbf_kernel(X, Xtest or X)).
Floats cross as JSON, which round-trips doubles exactly. Run with Debian's /usr/bin/python3.
"""
import json
import sys

import numpy as np
from sklearn.kernel_ridge import KernelRidge
from sklearn.linear_model import Ridge
from sklearn.metrics.pairwise import rbf_kernel


def column(y):
    y = np.asarray(y, dtype=np.float64)
    return y.reshape(-1, 1) if y.ndim == 1 else y


def run(case):
    X = np.asarray(case["X"], dtype=np.float64)
    y = column(case["y"]) if "y" in case else None
    kind = case["kind"]
    if kind == "lstsq":
        w, _, rank, _ = np.linalg.lstsq(X, y, rcond=None)
        return {"w": w.tolist(), "rank": int(rank)}
    if kind == "ridgeStacked":  # ridge as least squares of [X; sqrt(l) I] w = [y; 0]: accurate when X^T X is ill conditioned
        d = X.shape[1]
        S = np.vstack([X, np.sqrt(case["ridge"]) * np.eye(d)])
        return {"w": np.linalg.lstsq(S, np.vstack([y, np.zeros((d, y.shape[1]))]), rcond=None)[0].tolist()}
    if kind == "qr":
        Q, R = np.linalg.qr(X)
        sign = np.where(np.diag(R) < 0, -1.0, 1.0)
        return {"Q": (Q * sign).tolist(), "R": (R * sign[:, None]).tolist()}
    if kind == "svd":
        U, S, Vt = np.linalg.svd(X, full_matrices=False)
        sign = np.where(U[np.argmax(np.abs(U), axis=0), np.arange(U.shape[1])] < 0, -1.0, 1.0)
        return {"U": (U * sign).tolist(), "s": [S.tolist()], "Vt": (Vt * sign[:, None]).tolist()}
    if kind == "rbf":
        gamma = 1.0 / (2.0 * case["sigma"] ** 2)
        B = np.asarray(case["Xtest"], dtype=np.float64) if "Xtest" in case else None
        return {"K": rbf_kernel(X, B, gamma=gamma).tolist()}
    if kind == "kernelRidgePrecomputed":
        gamma = 1.0 / (2.0 * case["sigma"] ** 2)
        B = np.asarray(case["Xtest"], dtype=np.float64)
        model = KernelRidge(alpha=case["ridge"], kernel="precomputed").fit(rbf_kernel(X, gamma=gamma), y)
        return {"pred": model.predict(rbf_kernel(B, X, gamma=gamma)).reshape(len(B), -1).tolist()}
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
