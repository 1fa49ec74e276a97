"""numpy / scikit-learn peer of tests/bench/linalg.bench.ts: the same float64 solvers on the same bytes.

Reads <dir>/meta.json ({"n", "reps", "sigma", "ridge", "krrRidge"}), <dir>/X.f64, <dir>/Xtest.f64
(n x n row-major), <dir>/y.f64 (n), <dir>/W.f64 (n x n), <dir>/b.f64 (n): the Fourier features' draws.
OpenBLAS keeps its default thread count (every core), as paperlab's native path does.
Prints a line saying the BLAS and threads, then one JSON line {task: {"seconds": best of reps,
"file": result written to <dir>/<file> as float64, to compare}}.
"""
import json
import os
import sys
import time

import numpy as np
from sklearn.kernel_ridge import KernelRidge
from sklearn.linear_model import Ridge
from sklearn.metrics.pairwise import rbf_kernel

d = sys.argv[1]
meta = json.load(open(f"{d}/meta.json"))
n, reps, sigma = meta["n"], meta["reps"], meta["sigma"]
gamma = 1.0 / (2.0 * sigma**2)
X = np.fromfile(f"{d}/X.f64", dtype="<f8").reshape(n, n)
Xtest = np.fromfile(f"{d}/Xtest.f64", dtype="<f8").reshape(n, n)
y = np.fromfile(f"{d}/y.f64", dtype="<f8").reshape(n, 1)
W = np.fromfile(f"{d}/W.f64", dtype="<f8").reshape(n, n)
b = np.fromfile(f"{d}/b.f64", dtype="<f8")
fitted = {}


def krr_fit():
    fitted["krr"] = KernelRidge(alpha=meta["krrRidge"], kernel="rbf", gamma=gamma).fit(X, y)
    return fitted["krr"].dual_coef_


RUNS = {
    "least squares": lambda: np.linalg.lstsq(X, y, rcond=None)[0],
    "ridge": lambda: Ridge(alpha=meta["ridge"], fit_intercept=False).fit(X, y).coef_.T,
    "rbf kernel": lambda: rbf_kernel(X, gamma=gamma),
    "kernel ridge fit": krr_fit,
    "kernel ridge predict": lambda: fitted["krr"].predict(Xtest),
    "rff map": lambda: np.sqrt(2.0 / n) * np.cos(X @ W + b),
    "qr": lambda: (lambda R: R * np.where(np.diag(R) < 0, -1.0, 1.0)[:, None])(np.linalg.qr(X)[1]),
    "svd": lambda: np.linalg.svd(X, full_matrices=False)[1],  # U and Vt computed, as paperlab's svd does
}

try:
    from threadpoolctl import threadpool_info
    pools = "; ".join(f"{p['internal_api']} {p.get('version')} {p['num_threads']} threads" for p in threadpool_info())
except ImportError:
    pools = f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}, {os.cpu_count()} cores"
print(f"peer: numpy {np.__version__}, {pools}")

out = {}
for name, f in RUNS.items():
    best, value = float("inf"), None
    for _ in range(reps):
        t0 = time.perf_counter()
        value = f()
        best = min(best, time.perf_counter() - t0)
    file = name.replace(" ", "_") + ".out.f64"
    np.ascontiguousarray(value, dtype="<f8").tofile(f"{d}/{file}")
    out[name] = {"seconds": best, "file": file}
print(json.dumps(out))
