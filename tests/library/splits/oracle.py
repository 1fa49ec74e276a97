"""scikit-learn 1.2 oracle for tests/splits: reads a JSON list of cases on stdin, prints results.

Each case: {"kind": ..., "n": int, "params": {...}, "y"?: [...], "groups"?: [...]}.
Each result: {"folds": [{"train": [...], "test": [...]}, ...]} or {"error": "<ValueError text>"}.
Run with Debian's /usr/bin/python3 (python3-sklearn 1.2.1).
"""
import json
import sys
import warnings

import numpy as np
from sklearn.model_selection import (GroupKFold, KFold, ShuffleSplit, StratifiedGroupKFold,
                                     StratifiedKFold, StratifiedShuffleSplit, TimeSeriesSplit,
                                     train_test_split)


def splitter(case):
    p = case["params"]
    kind = case["kind"]
    if kind == "kfold":
        return KFold(p["nSplits"], shuffle=p["shuffle"], random_state=0 if p["shuffle"] else None)
    if kind == "stratifiedKfold":
        return StratifiedKFold(p["nSplits"], shuffle=p["shuffle"], random_state=0 if p["shuffle"] else None)
    if kind == "groupKfold":
        return GroupKFold(p["nSplits"])
    if kind == "stratifiedGroupKfold":
        return StratifiedGroupKFold(p["nSplits"], shuffle=p["shuffle"], random_state=0 if p["shuffle"] else None)
    if kind == "timeSeriesSplit":
        return TimeSeriesSplit(p["nSplits"], test_size=p.get("testSize"), gap=p.get("gap", 0),
                               max_train_size=p.get("maxTrainSize"))
    if kind == "holdout":
        return ShuffleSplit(p.get("nSplits", 1), test_size=p.get("testSize"), train_size=p.get("trainSize"), random_state=0)
    if kind == "stratifiedHoldout":
        return StratifiedShuffleSplit(p.get("nSplits", 1), test_size=p.get("testSize"), train_size=p.get("trainSize"),
                                      random_state=0)
    raise KeyError(kind)


def run(case):
    n = case["n"]
    X = np.zeros((n, 1))
    y = np.asarray(case["y"]) if "y" in case else None
    groups = np.asarray(case["groups"]) if "groups" in case else None
    p = case["params"]
    if case["kind"] in ("holdout", "stratifiedHoldout") and p.get("shuffle") is False:
        # train_test_split(shuffle=False): train first, then test; with stratify it raises.
        train, test = train_test_split(np.arange(n), test_size=p.get("testSize"), train_size=p.get("trainSize"),
                                       shuffle=False, stratify=y if case["kind"] == "stratifiedHoldout" else None)
        return {"folds": [{"train": train.tolist(), "test": test.tolist()}]}
    folds = []
    for train, test in splitter(case).split(X, y, groups):
        folds.append({"train": np.asarray(train).tolist(), "test": np.asarray(test).tolist()})
    return {"folds": folds}


def main():
    out = []
    for case in json.load(sys.stdin):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                out.append(run(case))
        except ValueError as e:
            out.append({"error": str(e)})
    json.dump(out, sys.stdout)


main()
