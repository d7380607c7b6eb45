#!/usr/bin/env bash
# The zoo recipe study (docs/results/zoo-recipe.md): pilot zoos that differ in one recipe choice each, and
# for each the accuracy curve, how much of the weights is still initialisation, the linear bound raw and
# after weight matching (docs/results/zoo_study.py), and the deciding number, an autoencoder probe: the
# compact `cpu` config for a fixed budget, then the accuracy of the unseen test-split models it reconstructs.
#
#   docs/results/zoo-study/run.sh [WORK_DIR] [PILOT...]     (default work dir /tmp/hyperrep-zoo-study, all pilots)
#
# Resumable: zoo training and the probes resume where they stopped; finished steps are skipped.
# Environment: HYPERREP (the launcher to use, default ./hyperrep), MODELS (48), EPOCHS (4), PROBE_STEPS (1500:
# the probe's budget in optimiser steps of batch 32, the same for every zoo whatever its size), PROBES (the probe
# variants to run, default "raw centred centred-noperm": the paper's raw-weight input; centred input (--centred);
# centred without the permutation augmentation).
# Writes docs/results/zoo-study/<pilot>/{summary.json,probe[-variant]-manifest.json,probe[-variant]-curves.csv,accuracy.svg,stats.md}.
set -euo pipefail
cd "$(dirname "$0")/../../.."
work="${1:-/tmp/hyperrep-zoo-study}"; shift || true
hyperrep="${HYPERREP:-./hyperrep}"
models="${MODELS:-48}"; epochs="${EPOCHS:-4}"; probe_steps="${PROBE_STEPS:-1500}"
# epochs of the probe for a zoo of M models and W window epochs: the autoencoder trains on 70 % of the models
probe_epochs() { python3 -c "import math; print(math.ceil($probe_steps / math.ceil(int(0.7 * $1) * $2 / 32)))"; }
probe_flags=(--config cpu --best-epoch validation --lr 1e-3 --lr-schedule warmup-cosine --warmup-steps 100)
probes="${PROBES:-raw centred centred-noperm}"
out=docs/results/zoo-study

# probe PILOT ZOO_DIR EPOCHS WINDOW: every variant of the autoencoder probe on one zoo, then its committed copies
probe() {
  local name=$1 zoo=$2 ep=$3 window=$4 variant extra suffix dir resume
  for variant in $probes; do
    case "$variant" in
      raw) extra=(); suffix="" ;;
      centred) extra=(--centred); suffix="-centred" ;;
      centred-noperm) extra=(--centred --augment no-permute); suffix="-centred-noperm" ;;
      *) echo "unknown probe variant $variant (raw, centred, centred-noperm)" >&2; exit 2 ;;
    esac
    dir="$work/$name-probe$suffix-s$probe_steps"
    if [ ! -f "$dir/manifest.json" ]; then
      resume=(); [ -d "$dir" ] && resume=(--resume)
      $hyperrep hyper train --zoo "$zoo" --out "$dir" "${probe_flags[@]}" "${extra[@]}" --epochs "$ep" --epoch-window "$window" "${resume[@]}"
    fi
    # the manifest names the zoo directory it read: keep the committed copy free of machine paths
    sed -e "s#\"$work/#\"WORK_DIR/#g" -e "s#\"$PWD/#\"#g" "$dir/manifest.json" > "$out/$name/probe$suffix-manifest.json"
    cp "$dir/curves.csv" "$out/$name/probe$suffix-curves.csv"
  done
}

# name | zoo train flags (everything else is the bundled zoo's recipe: tanh, kaiming-uniform, Adam, batch 10)
pilots=(
  "shared-lr3e-3|--lr 3e-3 --shared-init 1000"
  "seeds-lr3e-3|--lr 3e-3"
  "shared-lr3e-4|--lr 3e-4 --shared-init 1000"
  "shared-lr3e-3-wd|--lr 3e-3 --shared-init 1000 --weight-decay 1e-4"
  "seeds-lr3e-4|--lr 3e-4"
)
wanted=("$@")
# The bundled zoo (100 models, seed per model, lr 3e-4, 8 epochs), probed with the same budget on its window 4-8.
if [ ${#wanted[@]} -eq 0 ] || [[ " ${wanted[*]} " =~ " bundled " ]]; then
  mkdir -p "$out/bundled"
  python3 docs/results/zoo_study.py data/zoo/fashion-mnist-cnn-s 4 8 > "$out/bundled/summary.json"
  probe bundled data/zoo/fashion-mnist-cnn-s "$(probe_epochs 100 5)" 4-8
fi
mkdir -p "$work"
for p in "${pilots[@]}"; do
  name="${p%%|*}"; flags="${p#*|}"
  if [ ${#wanted[@]} -gt 0 ] && [[ ! " ${wanted[*]} " =~ " $name " ]]; then continue; fi
  zoo="$work/$name"; dest="$out/$name"
  mkdir -p "$dest"
  echo "== $name: $models models x $epochs epochs ($flags)"
  # shellcheck disable=SC2086
  $hyperrep zoo train --dataset fashion-mnist --arch cnn-s --models "$models" --epochs "$epochs" \
    --keep-epochs "0-$epochs" --group-size "$models" --first-seed 1 --zoo-id "pilot-$name" --out "$zoo" $flags
  $hyperrep zoo stats --from "$zoo" --plot "$dest/accuracy.svg" > "$dest/stats.md"
  python3 docs/results/zoo_study.py "$zoo" 1 "$epochs" > "$dest/summary.json"
  probe "$name" "$zoo" "$(probe_epochs "$models" "$epochs")" "1-$epochs"
done
# Zoo v2 (data/, the chosen recipe at full size: 300 models, 15 epochs, window 11-15), probed like the pilots.
if [ ${#wanted[@]} -eq 0 ] || [[ " ${wanted[*]} " =~ " zoo-v2 " ]]; then
  mkdir -p "$out/zoo-v2"
  python3 docs/results/zoo_study.py data/zoo/fashion-mnist-cnn-s-v2 11 15 > "$out/zoo-v2/summary.json"
  probes="centred-noperm" probe zoo-v2 data/zoo/fashion-mnist-cnn-s-v2 "$(probe_epochs 300 5)" 11-15
fi
python3 docs/results/zoo_study_report.py "$out" > "$out/table.md"
echo "study tables: $out/table.md"
