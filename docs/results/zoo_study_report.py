#!/usr/bin/env python3
"""Tables and a plot of the zoo recipe study from its committed artifacts (docs/results/zoo-study/<pilot>/).

Usage: python3 docs/results/zoo_study_report.py docs/results/zoo-study > docs/results/zoo-study/table.md
Also writes docs/results/zoo-study/probe-ratio.svg (the autoencoder probe's accuracy ratio per pilot).
"""
import glob, json, os, sys

root = sys.argv[1]
# probe variants (run.sh): the paper's raw-weight input, and centred input with and without permutation augmentation
VARIANTS = [("", "raw"), ("-centred", "centred"), ("-centred-noperm", "centred, no permutation")]
rows = []
for summary in sorted(glob.glob(f"{root}/*/summary.json")):
    d = os.path.dirname(summary)
    s = json.load(open(summary))
    probes = [(label, json.load(open(f"{d}/probe{suffix}-manifest.json"))) for suffix, label in VARIANTS
              if os.path.exists(f"{d}/probe{suffix}-manifest.json")]
    rows.append((os.path.basename(d), s, probes))

def f(x, p=3):
    return "–" if x is None else f"{x:.{p}f}"

print("| pilot | models | test acc (last epoch) | corr(init, last) per layer | linear bound k=55 raw / aligned |"
      " probe input | probe: unseen models' acc, reconstructed / original (ratio) | probe R² per layer | agreement own / other"
      " | mean model: acc / agreement |")
print("|---|---:|---:|---|---|---|---|---|---|---|")
for name, s, probes in rows:
    accs = s["meanTestAccuracyByEpoch"]; last = accs[max(accs, key=int)]
    corr = ", ".join(f"{c:.2f}" for c in s["initCorrelationPerLayer"])
    lb = s["linearBoundHeldOutR2"]
    zoo = f"| {name} | {s['models']} | {last:.3f} | {corr} | {lb['raw']['55']:.3f} / {lb['aligned']['55']:.3f} |"
    if not probes:
        print(f"{zoo} – | not run | not run | not run | – |")
    for i, (label, m) in enumerate(probes):
        r = m["reconstruction"]
        probe = f"{r['reconstructedMeanTestAcc']:.3f} / {r['originalMeanTestAcc']:.3f} (**{r['reconstructedMeanTestAcc'] / r['originalMeanTestAcc']:.1%}**)"
        r2 = ", ".join(f"{v:.2f}" for v in r["r2PerLayer"])
        agree = f"{r['predictionAgreement']:.3f} / {r['predictionAgreementWithAnotherModel']:.3f}"
        mean = (f"{r['meanModelTestAcc']:.3f} / {r['meanModelPredictionAgreement']:.3f}" if "meanModelTestAcc" in r else "–")
        print(f"{zoo if i == 0 else '| | | | | |'} {label} | {probe} | {r2} | {agree} | {mean} |")

# bar plot, hand-written SVG (no plotting library on the machines)
bars = [(f"{n} ({label})", m["reconstruction"]["reconstructedMeanTestAcc"] / m["reconstruction"]["originalMeanTestAcc"],
         m["reconstruction"].get("meanModelTestAcc", None) and m["reconstruction"]["meanModelTestAcc"] / m["reconstruction"]["originalMeanTestAcc"])
        for n, _, probes in rows for label, m in probes]
if bars:
    w, h, left, top, bh = 820, 90 + 34 * len(bars), 290, 30, 22
    scale = (w - left - 60)
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="13">',
           f'<text x="{left}" y="18">autoencoder probe: unseen models reconstructed, accuracy / original</text>',
           f'<line x1="{left}" y1="{h - 30}" x2="{left}" y2="{h - 20}" stroke="#e15759" stroke-width="3"/>',
           f'<text x="{left + 8}" y="{h - 21}" fill="#555">red mark: the zoo\'s mean weights as a model (where measured)</text>']
    for i, (n, v, mean) in enumerate(bars):
        y = top + 10 + i * 34
        svg.append(f'<text x="{left - 8}" y="{y + 16}" text-anchor="end">{n}</text>')
        svg.append(f'<rect x="{left}" y="{y}" width="{scale * min(v, 1):.1f}" height="{bh}" fill="#4e79a7"/>')
        svg.append(f'<text x="{left + scale * min(v, 1) + 6:.1f}" y="{y + 16}">{v:.1%}</text>')
        if mean is not None:
            # the zoo's mean weights as a model: what a decoder that ignores its input scores
            x = left + scale * min(mean, 1)
            svg.append(f'<line x1="{x:.1f}" y1="{y - 3}" x2="{x:.1f}" y2="{y + bh + 3}" stroke="#e15759" stroke-width="3"/>')
    for t in [0, 0.25, 0.5, 0.75, 1.0]:
        x = left + scale * t
        svg.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{h - 50}" stroke="#ccc"/>')
        svg.append(f'<text x="{x:.1f}" y="{h - 36}" text-anchor="middle" fill="#555">{t:.0%}</text>')
    svg.append("</svg>")
    open(f"{root}/probe-ratio.svg", "w").write("\n".join(svg) + "\n")
