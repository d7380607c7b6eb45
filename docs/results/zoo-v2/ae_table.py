#!/usr/bin/env python3
"""The autoencoder table of docs/results/zoo-v2/README.md, from the committed manifests (ae/<variant>/manifest.json).

    python3 docs/results/zoo-v2/ae_table.py
"""
import json
import pathlib

HERE = pathlib.Path(__file__).parent
ORDER = ["paper-700", "paper-128", "no-lwln-128", "published-128"]
WHAT = {
    "paper-700": "LWLN + NT-Xent, erasing, latent 700, centred input",
    "paper-128": "LWLN + NT-Xent, erasing, latent 128, centred input",
    "no-lwln-128": "as paper-128 without LWLN",
    "published-128": "the paper as published: raw input, permutation + erasing, latent 128",
}


def pct(x):
    return f"{100 * x:.2f}"


def main():
    print("| autoencoder | what | epochs (best by validation) | unseen models: reconstructed / original test acc. | ratio "
          "| R² per layer (conv1, conv2, conv3, fc1, fc2) | same prediction as: own original / mean model / another model |")
    print("|---|---|---:|---:|---:|---|---|")
    for v in ORDER:
        path = HERE / "ae" / v / "manifest.json"
        if not path.exists():
            continue
        m = json.loads(path.read_text())
        r = m["reconstruction"]
        r2 = ", ".join(f"{x:.2f}" for x in r["r2PerLayer"])
        print(f"| `{v}` | {WHAT[v]} | {m['epochsDone']} ({m['bestEpoch']}) "
              f"| {pct(r['reconstructedMeanTestAcc'])} / {pct(r['originalMeanTestAcc'])} "
              f"| {100 * r['reconstructedMeanTestAcc'] / r['originalMeanTestAcc']:.1f} % | {r2} "
              f"| {pct(r['predictionAgreement'])} / {pct(r['meanModelPredictionAgreement'])} / "
              f"{pct(r['predictionAgreementWithAnotherModel'])} |")


if __name__ == "__main__":
    main()
