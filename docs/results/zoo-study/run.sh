#!/usr/bin/env bash
# The zoo recipe study (docs/results/zoo-recipe.md): pilot zoos that differ in one recipe choice each, and
# for each the accuracy curve, how much of the weights is still initialisation, the linear bound raw and
# after weight matching (docs/results/zoo_study.py), and the deciding number, an autoencoder probe: the
# compact `cpu` config for a fixed budget, then the accuracy of the unseen test-split models it reconstructs.
#
#   docs/results/zoo-study/run.sh [WORK_DIR] [PILOT...]     (default work dir /tmp/hyperrep-zoo-study, all pilots)
#
# Resumable: zoo training and the probes resume where they stopped; finished steps are skipped.
# Environment: HYPERREP (the launcher to use, default ./hyperrep), MODELS (64), EPOCHS (5), PROBE_EPOCHS (40).
# Writes docs/results/zoo-study/<pilot>/{summary.json,probe-manifest.json,probe-curves.csv,accuracy.svg,stats.md}.
set -euo pipefail
cd "$(dirname "$0")/../../.."
work="${1:-/tmp/hyperrep-zoo-study}"; shift || true
hyperrep="${HYPERREP:-./hyperrep}"
models="${MODELS:-64}"; epochs="${EPOCHS:-5}"; probe_epochs="${PROBE_EPOCHS:-40}"
out=docs/results/zoo-study

# name | zoo train flags (everything else is the bundled zoo's recipe: tanh, kaiming-uniform, Adam, batch 10)
pilots=(
  "seeds-lr3e-4|--lr 3e-4"
  "seeds-lr3e-3|--lr 3e-3"
  "shared-lr3e-4|--lr 3e-4 --shared-init 1000"
  "shared-lr3e-3|--lr 3e-3 --shared-init 1000"
  "shared-lr3e-3-wd|--lr 3e-3 --shared-init 1000 --weight-decay 1e-4"
)
wanted=("$@")
# The bundled zoo (100 models, seed per model, lr 3e-4, 8 epochs), probed with the same budget on its window 4-8.
if [ ${#wanted[@]} -eq 0 ] || [[ " ${wanted[*]} " =~ " bundled " ]]; then
  dest="$out/bundled"; probe="$work/bundled-probe"; mkdir -p "$dest"
  python3 docs/results/zoo_study.py data/zoo/fashion-mnist-cnn-s 4 8 > "$dest/summary.json"
  if [ ! -f "$probe/manifest.json" ]; then
    resume=(); [ -d "$probe" ] && resume=(--resume)
    $hyperrep hyper train --zoo data/zoo/fashion-mnist-cnn-s --out "$probe" --config cpu --epochs "$probe_epochs" \
      --epoch-window 4-8 --best-epoch validation "${resume[@]}"
  fi
  sed -e "s#\"$work/#\"WORK_DIR/#g" -e "s#\"$PWD/#\"#g" "$probe/manifest.json" > "$dest/probe-manifest.json"
  cp "$probe/curves.csv" "$dest/probe-curves.csv"
fi
mkdir -p "$work"
for p in "${pilots[@]}"; do
  name="${p%%|*}"; flags="${p#*|}"
  if [ ${#wanted[@]} -gt 0 ] && [[ ! " ${wanted[*]} " =~ " $name " ]]; then continue; fi
  zoo="$work/$name"; probe="$work/$name-probe"; dest="$out/$name"
  mkdir -p "$dest"
  echo "== $name: $models models x $epochs epochs ($flags)"
  # shellcheck disable=SC2086
  $hyperrep zoo train --dataset fashion-mnist --arch cnn-s --models "$models" --epochs "$epochs" \
    --keep-epochs "0-$epochs" --group-size "$models" --first-seed 1 --zoo-id "pilot-$name" --out "$zoo" $flags
  $hyperrep zoo stats --from "$zoo" --plot "$dest/accuracy.svg" > "$dest/stats.md"
  python3 docs/results/zoo_study.py "$zoo" 1 "$epochs" > "$dest/summary.json"
  if [ ! -f "$probe/manifest.json" ]; then
    resume=(); [ -d "$probe" ] && resume=(--resume)
    $hyperrep hyper train --zoo "$zoo" --out "$probe" --config cpu --epochs "$probe_epochs" --epoch-window "1-$epochs" \
      --best-epoch validation "${resume[@]}"
  fi
  # the manifest names the zoo directory it read: keep the committed copy free of machine paths
  sed -e "s#\"$work/#\"WORK_DIR/#g" -e "s#\"$PWD/#\"#g" "$probe/manifest.json" > "$dest/probe-manifest.json"
  cp "$probe/curves.csv" "$dest/probe-curves.csv"
done
python3 docs/results/zoo_study_report.py "$out" > "$out/table.md"
echo "study tables: $out/table.md"
