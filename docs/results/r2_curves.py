#!/usr/bin/env python3
"""Validation R^2 per epoch of several `hyper train` runs, as one SVG line chart (no dependencies).

usage: r2_curves.py OUT.svg "label=run-dir/curves.csv" ...
"""
import csv
import sys

COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"]
W, H, L, R, T, B = 720, 420, 70, 20, 40, 55


def load(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    return [(int(r["epoch"]), float(r["val_r2"])) for r in rows]


def main(out, specs):
    runs = [(s.split("=", 1)[0], load(s.split("=", 1)[1])) for s in specs]
    max_epoch = max(e for _, pts in runs for e, _ in pts)
    lo = min(0.0, min(v for _, pts in runs for _, v in pts if v > -1))
    hi = 1.0
    x = lambda e: L + (W - L - R) * e / max_epoch
    y = lambda v: T + (H - T - B) * (hi - max(lo, v)) / (hi - lo)
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
           '<rect width="100%" height="100%" fill="white"/>',
           f'<text x="{L}" y="22" font-size="15" font-weight="bold">Validation R² per epoch (unseen models)</text>']
    steps = 5
    for i in range(steps + 1):
        v = lo + (hi - lo) * i / steps
        svg.append(f'<line x1="{L}" x2="{W - R}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#ddd"/>')
        svg.append(f'<text x="{L - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v:.2f}</text>')
    for i in range(steps + 1):
        e = round(max_epoch * i / steps)
        svg.append(f'<text x="{x(e):.1f}" y="{H - B + 18}" text-anchor="middle">{e}</text>')
    svg.append(f'<text x="{(L + W - R) / 2}" y="{H - 12}" text-anchor="middle">epoch</text>')
    for k, (label, pts) in enumerate(runs):
        c = COLOURS[k % len(COLOURS)]
        path = " ".join(f"{x(e):.1f},{y(v):.1f}" for e, v in pts)
        svg.append(f'<polyline fill="none" stroke="{c}" stroke-width="2" points="{path}"/>')
        svg.append(f'<rect x="{L + 10}" y="{T + 8 + 18 * k}" width="14" height="4" fill="{c}"/>')
        svg.append(f'<text x="{L + 30}" y="{T + 14 + 18 * k}">{label} (last {pts[-1][1]:.3f})</text>')
    svg.append("</svg>")
    with open(out, "w") as f:
        f.write("\n".join(svg) + "\n")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
