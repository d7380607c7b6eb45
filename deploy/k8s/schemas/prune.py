#!/usr/bin/env python3
"""Writes the JSON schemas KubernetesManifestsTest validates the rendered manifests against (README.md here).

    prune.py KUBERNETES_DEFINITIONS CRD_SCHEMA...

KUBERNETES_DEFINITIONS: `_definitions.json` of a `*-standalone-strict` folder of the kubernetes-json-schema
project (every object schema closed with additionalProperties: false). Only the definitions the kinds in KINDS
reach are kept. CRD_SCHEMA: per-version schemas of the CRDs (the CRDs-catalog project), written under their file
name. Descriptions and x-kubernetes-* annotations are dropped: they do not take part in validation."""
import json
import os
import sys

KINDS = ["io.k8s.api.apps.v1.Deployment", "io.k8s.api.core.v1.Service", "io.k8s.api.core.v1.ConfigMap",
         "io.k8s.api.core.v1.Secret", "io.k8s.api.core.v1.PersistentVolumeClaim",
         "io.k8s.api.policy.v1.PodDisruptionBudget", "io.k8s.api.batch.v1.Job"]


def refs(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref":
                yield v.rsplit("/", 1)[-1]
            else:
                yield from refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from refs(v)


def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k != "description" and not k.startswith("x-kubernetes")}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def write(name, doc):
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, name), "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, sort_keys=True)
        f.write("\n")


def main(definitions, *crds):
    defs = json.load(open(definitions, encoding="utf-8"))["definitions"]
    keep, todo = set(), list(KINDS)
    while todo:
        name = todo.pop()
        if name not in keep:
            keep.add(name)
            todo.extend(refs(defs[name]))
    write("kubernetes.json", {"definitions": {k: strip(defs[k]) for k in sorted(keep)}})
    for crd in crds:
        write(os.path.basename(crd), strip(json.load(open(crd, encoding="utf-8"))))


if __name__ == "__main__":
    main(*sys.argv[1:])
