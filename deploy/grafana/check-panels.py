#!/usr/bin/env python3
"""Runs every panel query of a Grafana dashboard against a Prometheus and fails when one finds no data.

    deploy/grafana/check-panels.py --prometheus http://localhost:9090 deploy/grafana/dashboards/hyperrep.json

A query has data when, over the dashboard's time range (default: its own `time.from`, e.g. now-1h), it
returns at least one series with at least one finite sample: a panel that would stay empty or show only
NaN in Grafana fails. Grafana's interval variables are replaced as Grafana would for that range
($__rate_interval with --rate-interval, $__interval with the step, $__range with the range). Standard
library only (Debian's python3). Exit status: 0 all panels have data, 1 some have none, 2 the check could
not run (Prometheus unreachable, bad dashboard)."""
import argparse
import json
import math
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def seconds(text):
    m = re.fullmatch(r"(\d+)([smhd])", text)
    if not m:
        raise ValueError(f"not a duration: {text}")
    return int(m.group(1)) * UNITS[m.group(2)]


def panel_queries(dashboard):
    """(panel title, refId, expr) for every Prometheus target, rows' nested panels included."""
    def walk(panels):
        for p in panels:
            yield p
            yield from walk(p.get("panels", []))
    for panel in walk(dashboard.get("panels", [])):
        for target in panel.get("targets", []):
            if target.get("expr") and not target.get("hide"):
                yield panel.get("title", f"panel {panel.get('id')}"), target.get("refId", "?"), target["expr"]


def substitute(expr, rate_interval, step, range_s):
    return (expr.replace("$__rate_interval", rate_interval)
                .replace("$__interval", f"{step}s")
                .replace("$__range", f"{range_s}s"))


def query_range(prometheus, expr, start, end, step):
    params = urllib.parse.urlencode({"query": expr, "start": start, "end": end, "step": step})
    with urllib.request.urlopen(f"{prometheus.rstrip('/')}/api/v1/query_range?{params}", timeout=30) as r:
        body = json.load(r)
    if body.get("status") != "success":
        raise RuntimeError(body.get("error", "query failed"))
    return body["data"]["result"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dashboard")
    ap.add_argument("--prometheus", default="http://localhost:9090")
    ap.add_argument("--range", dest="range_", help="time range to look at (default: the dashboard's)")
    ap.add_argument("--rate-interval", default="1m", help="value of $__rate_interval (default 1m: 4 x a 15 s scrape)")
    ap.add_argument("--step", type=int, default=15, help="query step in seconds (default 15)")
    args = ap.parse_args()

    try:
        with open(args.dashboard, encoding="utf-8") as f:
            dashboard = json.load(f)
        frm = args.range_ or dashboard.get("time", {}).get("from", "now-1h").removeprefix("now-")
        range_s = seconds(frm)
    except (OSError, ValueError) as e:
        print(f"check-panels: {e}", file=sys.stderr)
        return 2
    end = time.time()
    start = end - range_s
    queries = list(panel_queries(dashboard))
    print(f"dashboard {dashboard.get('title')} ({dashboard.get('uid')}): {len(queries)} queries, "
          f"range {frm}, step {args.step}s, $__rate_interval {args.rate_interval}")
    empty = 0
    for title, ref, expr in queries:
        q = substitute(expr, args.rate_interval, args.step, range_s)
        try:
            result = query_range(args.prometheus, q, start, end, args.step)
        except urllib.error.HTTPError as e:
            print(f"ERROR    {title} [{ref}]: HTTP {e.code}: {e.read().decode(errors='replace')[:300]}")
            empty += 1
            continue
        except (urllib.error.URLError, OSError) as e:
            print(f"check-panels: Prometheus at {args.prometheus} unreachable: {e}", file=sys.stderr)
            return 2
        except RuntimeError as e:
            print(f"ERROR    {title} [{ref}]: {e}")
            empty += 1
            continue
        finite = [float(v) for s in result for _, v in s["values"] if math.isfinite(float(v))]
        if finite:
            print(f"DATA     {title} [{ref}]: {len(result)} series, {len(finite)} finite samples, "
                  f"last range {min(finite):.4g} .. {max(finite):.4g}")
        else:
            empty += 1
            print(f"NO DATA  {title} [{ref}]: {len(result)} series, no finite sample: {' '.join(q.split())}")
    print(f"{len(queries) - empty} of {len(queries)} queries have data")
    return 1 if empty else 0


if __name__ == "__main__":
    sys.exit(main())
