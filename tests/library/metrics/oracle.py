"""scikit-learn 1.2 / numpy oracle for tests/metrics: reads a JSON list of cases on stdin, prints results.

Each case: {"fn": ..., "yTrue": [...], "yPred" | "scores" | "probs": [...], ...options}.
Each result: {"value": <number | list>, "warned": bool} or {"error": "<ValueError text>"}.
Floats that JSON cannot carry (nan, inf) travel as the strings "nan", "inf", "-inf".
Run with Debian's /usr/bin/python3 (python3-sklearn 1.2.1, numpy 1.24).
"""
import json
import math
import sys
import warnings

import numpy as np
from sklearn.exceptions import UndefinedMetricWarning
from sklearn.metrics import (accuracy_score, balanced_accuracy_score, confusion_matrix, fbeta_score,
                             log_loss, matthews_corrcoef, mean_absolute_error, mean_squared_error,
                             precision_recall_fscore_support, precision_score, r2_score, recall_score,
                             roc_auc_score)


def prfs(c):
    k = c["k"]
    avg = c["average"]
    labels = list(range(k)) if c.get("nClasses") else None
    kw = dict(beta=c["beta"], sample_weight=c.get("w"), zero_division=c.get("zd", "warn"))
    how = dict(average="binary", pos_label=1) if avg == "binary" else dict(average=avg, labels=labels)
    p, r, f, _ = precision_recall_fscore_support(c["yTrue"], c["yPred"], **how, **kw)
    # Which of sklearn's functions warn (UndefinedMetricWarning) on this case: each has its own warn_for.
    warned_by = {}
    for name, fn in [("precision", precision_score), ("recall", recall_score), ("fbeta", fbeta_score)]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fn(c["yTrue"], c["yPred"], **how, **(kw if name == "fbeta" else {k: v for k, v in kw.items() if k != "beta"}))
        warned_by[name] = any(issubclass(w.category, UndefinedMetricWarning) for w in caught)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # Per class over 0..K-1 (sklearn's average=None with labels=range(K)).
        pc = precision_recall_fscore_support(c["yTrue"], c["yPred"], average=None, labels=list(range(k)), **kw)
    return {"precision": p, "recall": r, "fscore": f, "perClass": [list(map(float, a)) for a in pc], "warnedBy": warned_by}


def psnr(c):
    t = np.asarray(c["yTrue"], dtype=np.float64)
    p = np.asarray(c["yPred"], dtype=np.float64)
    err = np.mean((t - p) ** 2, dtype=np.float64)  # skimage's mean_squared_error
    with np.errstate(divide="ignore"):
        return 10 * np.log10((float(c["dataRange"]) ** 2) / err)


def roc(c):
    s = np.asarray(c["scores"], dtype=np.float64)
    labels = list(range(c["k"])) if c.get("labels") else None  # labels=range(K): K columns are classes 0..K-1
    return roc_auc_score(c["yTrue"], s, average=c.get("average", "macro"), multi_class="ovr", sample_weight=c.get("w"),
                         labels=labels)


FNS = {
    "accuracy": lambda c: accuracy_score(c["yTrue"], c["yPred"], sample_weight=c.get("w")),
    "confusion": lambda c: confusion_matrix(c["yTrue"], c["yPred"], labels=list(range(c["k"])),
                                            sample_weight=c.get("w"), normalize=c.get("normalize")),
    "prfs": prfs,
    "balancedAccuracy": lambda c: balanced_accuracy_score(c["yTrue"], c["yPred"], sample_weight=c.get("w"),
                                                          adjusted=c.get("adjusted", False)),
    "mcc": lambda c: matthews_corrcoef(c["yTrue"], c["yPred"], sample_weight=c.get("w")),
    "rocAuc": roc,
    "logLoss": lambda c: log_loss(c["yTrue"], np.asarray(c["probs"], dtype=np.float64), labels=list(range(c["k"])),
                                  sample_weight=c.get("w")),
    "mse": lambda c: mean_squared_error(c["yTrue"], c["yPred"], sample_weight=c.get("w")),
    "rmse": lambda c: mean_squared_error(c["yTrue"], c["yPred"], sample_weight=c.get("w"), squared=False),
    "mae": lambda c: mean_absolute_error(c["yTrue"], c["yPred"], sample_weight=c.get("w")),
    "r2": lambda c: r2_score(c["yTrue"], c["yPred"], sample_weight=c.get("w")),
    "psnr": psnr,
}


def plain(x):
    """numpy values to JSON-safe Python values."""
    if isinstance(x, bool):
        return x
    if isinstance(x, dict):
        return {k: plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple, np.ndarray)):
        return [plain(v) for v in x]
    v = float(x)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def main():
    out = []
    for case in json.load(sys.stdin):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                value = FNS[case["fn"]](case)
            except ValueError as e:
                out.append({"error": str(e)})
                continue
        warned = any(issubclass(w.category, UndefinedMetricWarning) for w in caught)
        out.append({"value": plain(value), "warned": warned})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
