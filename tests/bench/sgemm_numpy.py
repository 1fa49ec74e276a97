"""OpenBLAS's own sgemm figure for tests/bench/sgemm.bench.ts: numpy float32 matmul, which calls
the same Debian OpenBLAS (pthread) cblas_sgemm, with OpenBLAS's own threads (OPENBLAS_NUM_THREADS
as the benchmark sets it). Prints one JSON object: size -> best seconds, and numpy's BLAS.
Usage: /usr/bin/python3 sgemm_numpy.py <reps> <n> [<n> ...]
"""
import json
import sys
import time

import numpy as np

reps = int(sys.argv[1])
out = {}
rng = np.random.default_rng(0)
for n in map(int, sys.argv[2:]):
    a = rng.standard_normal((n, n), dtype=np.float32)
    b = rng.standard_normal((n, n), dtype=np.float32)
    c = a @ b  # warm-up: thread pool and pages
    best = float('inf')
    for _ in range(reps):
        t0 = time.perf_counter()
        np.matmul(a, b, out=c)
        best = min(best, time.perf_counter() - t0)
    out[str(n)] = best
blas = 'unknown'
try:
    from threadpoolctl import threadpool_info
    info = [i for i in threadpool_info() if i.get('user_api') == 'blas']
    if info:
        blas = f"{info[0].get('internal_api')} {info[0].get('version')} {info[0].get('architecture')}, {info[0].get('num_threads')} threads"
except ImportError:
    pass
print(json.dumps({'seconds': out, 'numpy': np.__version__, 'blas': blas}))
