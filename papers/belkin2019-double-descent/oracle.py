"""numpy oracle for tests/double-descent: least-norm (or ridge) fits on the first N feature columns.

stdin: {"F": [[...]], "G": [[...]], "ytrain": [...], "ytest": [...], "k": 10, "Ns": [...], "ridge": 0}
(F, G already the N-feature maps' columns at full scale; column j scaled by sqrt(Nmax / N) here).
stdout: one {"sq", "zo", "norm"} per N. Run with Debian's /usr/bin/python3.
"""
import json
import sys

import numpy as np

case = json.load(sys.stdin)
F = np.asarray(case["F"], dtype=np.float64)
G = np.asarray(case["G"], dtype=np.float64)
k = case["k"]
Y = np.eye(k)[case["ytrain"]]
ytest = np.asarray(case["ytest"])
out = []
for N in case["Ns"]:
    c = np.sqrt(F.shape[1] / N)
    A, B = c * F[:, :N], c * G[:, :N]
    if case["ridge"] > 0:
        W = np.linalg.solve(A.T @ A + case["ridge"] * np.eye(N), A.T @ Y)
    else:
        W = np.linalg.lstsq(A, Y, rcond=None)[0]
    P = B @ W
    out.append({"sq": float(((P - np.eye(k)[ytest]) ** 2).sum(1).mean()), "zo": float((P.argmax(1) != ytest).mean()), "norm": float(np.linalg.norm(W))})
print(json.dumps(out))
