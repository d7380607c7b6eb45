#!/usr/bin/env python3
"""How compressible are unseen models of a zoo? A linear yardstick for the autoencoder's test-split R^2.

Usage: python3 docs/results/linear_bound.py data/zoo/fashion-mnist-cnn-s 4 7   (needs numpy)

Prints, for CNN-s zoos:
  1. per layer, the correlation between each model's epoch-0 (random init) and last-epoch weights,
     and how far training moved them: what part of a trained weight is still its random initialisation;
  1b. how the distance from the initialisation grows over the given epochs, extrapolated to epoch 25;
  2. R^2 (LWLN-weighted, as the autoencoder reports it) of reconstructing held-out models from the
     training models' top-k principal components, for the whole vector and with one shared PCA codebook
     per layer's tokens (neurons). PCA is the best linear code of k numbers for the training models; on
     held-out models it shows how much of their weights any code learnt from the training models can carry.
The split is by model, 70/15/15, from a seeded shuffle (Python's, not the autoencoder's exact split).
"""
import base64, glob, json, random, sys
import numpy as np

zoo, first, last = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
SIZES = [208, 1206, 100, 740, 210]          # CNN-s layers: W then b
SHAPES = [(8, 25), (6, 200), (4, 24), (20, 36), (10, 20)]   # (neurons, fan-in)
OFF = np.cumsum([0] + SIZES)

def load(model, epoch):
    d = json.load(open(f"{zoo}/checkpoints/{model}/epoch-{epoch:03d}.json"))
    return np.frombuffer(base64.b64decode(d["weights"]["base64"]), dtype="<f4").astype(np.float64)

models = sorted(p.split("/")[-1] for p in glob.glob(f"{zoo}/checkpoints/*"))
order = models[:]
random.Random(42).shuffle(order)
n_train, n_val = int(0.7 * len(order)), int(0.15 * len(order))
train, val = order[:n_train], order[n_train:n_train + n_val]
epochs = range(first, last + 1)

print(f"zoo {zoo}: {len(models)} models, epochs {first}-{last}; {len(train)} training / {len(val)} held-out models\n")
print("1. trained weights vs their random initialisation (all models)")
e0 = np.array([load(m, 0) for m in models]); el = np.array([load(m, last) for m in models])
for l in range(len(SIZES)):
    a, b = OFF[l], OFF[l + 1]
    corr = np.corrcoef(e0[:, a:b].ravel(), el[:, a:b].ravel())[0, 1]
    print(f"   layer {l}: corr(init, epoch {last}) = {corr:.3f}   std(init) {e0[:, a:b].std():.3f}   "
          f"std(epoch {last} - init) {(el - e0)[:, a:b].std():.3f}")

print(f"\n1b. how fast training leaves the initialisation: std(epoch e - init) per layer, epochs {first}-{last},")
print("    a power law d(e) = d(last)·(e/last)^a fitted per layer, and corr(init, epoch 25) if it held to the paper's epoch 25")
kept = [e for e in epochs if glob.glob(f"{zoo}/checkpoints/{models[0]}/epoch-{e:03d}.json")]
drift = np.array([[(np.array([load(m, e) for m in models]) - e0)[:, OFF[l]:OFF[l + 1]].std() for l in range(len(SIZES))]
                  for e in kept])
for l in range(len(SIZES)):
    a = np.polyfit(np.log(kept), np.log(drift[:, l]), 1)[0]
    s0 = e0[:, OFF[l]:OFF[l + 1]].std(); d25 = drift[-1, l] * (25 / kept[-1]) ** a
    print(f"   layer {l}: " + " ".join(f"{d:.3f}" for d in drift[:, l]) + f"   exponent {a:.2f}   "
          f"corr(init, epoch 25) ~ {s0 / np.sqrt(s0 ** 2 + d25 ** 2):.2f}")

X = np.array([load(m, e) for m in train for e in epochs])
V = np.array([load(m, e) for m in val for e in epochs])
s = np.concatenate([np.full(n, X[:, a:a + n].std(ddof=1)) for a, n in zip(OFF[:-1], SIZES)])
mu = X.mean(0)
def r2(Y, T):
    return 1 - (((Y - T) / s) ** 2).mean() / (((mu - T) / s) ** 2).mean()

print("\n2a. PCA of whole weight vectors (k numbers per model)")
_, _, vt = np.linalg.svd((X - mu) / s, full_matrices=False)
for k in [16, 32, 64, 128, 256]:
    k = min(k, vt.shape[0]); P = vt[:k]
    rec = lambda A: ((A - mu) / s) @ P.T @ P * s + mu
    print(f"   k={k:4d}: R^2 training models {r2(rec(X), X):.3f}   held-out models {r2(rec(V), V):.3f}")

print("\n2b. one PCA codebook per layer's tokens (c numbers per neuron, latent = 48 c)")
def tokens(A, l):
    a = OFF[l]; k, w = SHAPES[l]
    W = A[:, a:a + k * w].reshape(len(A), k, w); bias = A[:, a + k * w:a + k * w + k].reshape(len(A), k, 1)
    return np.concatenate([W, bias], 2).reshape(-1, w + 1)
for c in [1, 2, 4, 8]:
    num = den = 0.0
    for l in range(len(SIZES)):
        T, Tv = tokens(X, l), tokens(V, l); m = T.mean(0)
        _, _, vt = np.linalg.svd(T - m, full_matrices=False); P = vt[:c]
        num += (((Tv - m) @ P.T @ P + m - Tv) ** 2).sum() / s[OFF[l]] ** 2
        den += ((((mu - V) / s)[:, OFF[l]:OFF[l + 1]]) ** 2).sum()
    print(f"   c={c}: latent {48 * c:4d}, R^2 held-out models {1 - num / den:.3f}")
