#!/usr/bin/env python3
"""Zoo recipe study, per pilot zoo: how much of a trained CNN-s is still its initialisation, and how well can
a linear code learnt from some models of the zoo carry unseen models, raw and after aligning hidden units.

Usage: python3 docs/results/zoo_study.py ZOO_DIR FIRST LAST  > summary.json   (needs numpy and scipy)

Writes one JSON object: accuracy per epoch (from the zoo's metrics), per-layer corr(init, LAST),
held-out R^2 (LWLN-weighted, as the autoencoder reports it) of the top-k principal components of the
training models' checkpoints of epochs FIRST..LAST, for k in 8, 32, 55, raw and after weight matching
(each model's hidden units permuted to best match one reference model, layer by layer, with the
Hungarian algorithm on the units' incoming weights; the permutation is a symmetry: the function is unchanged).
The split is by model, 70/15/15, from a seeded shuffle (the study's own split, not the autoencoder's).
"""
import csv, glob, json, os, random, sys
import base64
import numpy as np
from scipy.optimize import linear_sum_assignment

zoo, first, last = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
SIZES = [208, 1206, 100, 740, 210]
OFF = np.cumsum([0] + SIZES)
SHAPES = {"c1": (8, 1, 5, 5), "c2": (6, 8, 5, 5), "c3": (4, 6, 2, 2), "f1": (20, 36), "f2": (10, 20)}

def load(model, epoch):
    with open(f"{zoo}/checkpoints/{model}/epoch-{epoch:03d}.json") as f:
        d = json.load(f)
    return np.frombuffer(base64.b64decode(d["weights"]["base64"]), dtype="<f4").astype(np.float64)

def unpack(v):
    p, o = {}, 0
    for name in ["c1", "c2", "c3", "f1", "f2"]:
        shape = SHAPES[name]; n = int(np.prod(shape))
        p[name + "w"] = v[o:o + n].reshape(shape); o += n
        p[name + "b"] = v[o:o + shape[0]].copy(); o += shape[0]
    return p

def pack(p):
    return np.concatenate([np.concatenate([p[n + "w"].ravel(), p[n + "b"]]) for n in ["c1", "c2", "c3", "f1", "f2"]])

def permute(p, perms):
    """Applies hidden-unit permutations (conv1, conv2, conv3 channels, fc1 units): the same function."""
    q = {k: v.copy() for k, v in p.items()}
    a, b, c, d = perms
    q["c1w"], q["c1b"] = q["c1w"][a], q["c1b"][a]
    q["c2w"] = q["c2w"][:, a][b]; q["c2b"] = q["c2b"][b]
    q["c3w"] = q["c3w"][:, b][c]; q["c3b"] = q["c3b"][c]
    f1 = q["f1w"].reshape(20, 4, 9)[:, c].reshape(20, 36)   # fc1 reads conv3's 4 channels x 3x3, channel-major
    q["f1w"], q["f1b"] = f1[d], q["f1b"][d]
    q["f2w"] = q["f2w"][:, d]
    return q

def match(p, ref):
    """Sequential weight matching of p's hidden units to ref's, on incoming weights and bias."""
    def best(x, y):
        return linear_sum_assignment(-(x @ y.T))[1]   # row i of ref gets unit best[i] of p
    def rows(w, bias):
        return np.concatenate([w.reshape(len(w), -1), bias[:, None]], 1)
    a = best(rows(ref["c1w"], ref["c1b"]), rows(p["c1w"], p["c1b"]))
    b = best(rows(ref["c2w"], ref["c2b"]), rows(p["c2w"][:, a], p["c2b"]))
    c = best(rows(ref["c3w"], ref["c3b"]), rows(p["c3w"][:, b], p["c3b"]))
    f1 = p["f1w"].reshape(20, 4, 9)[:, c].reshape(20, 36)
    d = best(rows(ref["f1w"], ref["f1b"]), rows(f1, p["f1b"]))
    return (a, b, c, d)

models = sorted(os.path.basename(p) for p in glob.glob(f"{zoo}/checkpoints/*"))
order = models[:]
random.Random(42).shuffle(order)
n_train, n_val = int(0.7 * len(order)), int(0.15 * len(order))
train, held = order[:n_train], order[n_train:n_train + n_val]
epochs = list(range(first, last + 1))
W = {m: {e: load(m, e) for e in [0] + epochs} for m in models}

acc = {}
for path in glob.glob(f"{zoo}/metrics/*.csv"):
    with open(path) as f:
        for row in csv.DictReader(f):
            acc.setdefault(int(row["epoch"]), []).append(float(row["test_acc"]))
accuracy = {e: float(np.mean(v)) for e, v in sorted(acc.items())}

e0 = np.array([W[m][0] for m in models]); el = np.array([W[m][last] for m in models])
init_corr = [float(np.corrcoef(e0[:, OFF[l]:OFF[l + 1]].ravel(), el[:, OFF[l]:OFF[l + 1]].ravel())[0, 1]) for l in range(5)]

def bound(vectors):
    X = np.array([vectors[m][e] for m in train for e in epochs])
    V = np.array([vectors[m][e] for m in held for e in epochs])
    s = np.concatenate([np.full(n, X[:, a:a + n].std(ddof=1)) for a, n in zip(OFF[:-1], SIZES)])
    mu = X.mean(0)
    _, _, vt = np.linalg.svd((X - mu) / s, full_matrices=False)
    out = {}
    for k in [8, 32, 55]:
        P = vt[:min(k, len(vt))]
        R = ((V - mu) / s) @ P.T @ P * s + mu
        out[str(k)] = float(1 - (((R - V) / s) ** 2).mean() / (((mu - V) / s) ** 2).mean())
    return out

ref = unpack(W[train[0]][last])
aligned = {}
for m in models:
    perms = match(unpack(W[m][last]), ref)
    aligned[m] = {e: pack(permute(unpack(v), perms)) for e, v in W[m].items()}

json.dump({"zoo": os.path.basename(os.path.normpath(zoo)), "models": len(models), "window": [first, last],
           "trainModels": len(train), "heldOutModels": len(held),
           "meanTestAccuracyByEpoch": accuracy, "initCorrelationPerLayer": init_corr,
           "linearBoundHeldOutR2": {"raw": bound(W), "aligned": bound(aligned)}}, sys.stdout, indent=1)
print()
