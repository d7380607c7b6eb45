#!/usr/bin/env bash
# The paper's method on zoo v2 (docs/results/zoo-v2/REPORT.md): autoencoders with the paper's loss (LWLN + NT-Xent,
# validation-based selection) at latent 128 and 700, the LWLN ablation and the paper exactly as published (raw
# input, permutation augmentation) at equal epochs; 100 samples of every sampler from the main autoencoder (latent 700,
# the paper's size for a zoo of this parameter count); then
# `evaluate` against B_T, B_F (1 and 5 fine-tune epochs), the anchors and the noise curve.
#
#   docs/results/zoo-v2/run.sh [WORK_DIR]          (default work dir /tmp/hyperrep-zoo-v2)
#
# Resumable: a finished autoencoder, sample population or report is skipped; an unfinished autoencoder resumes.
# Environment: HYPERREP (the launcher, default ./hyperrep), AE_EPOCHS (100), STAGES (default "ae sample evaluate").
# Writes docs/results/zoo-v2/{ae/<variant>/{manifest.json,curves.csv},REPORT.md,results.json,*.csv,plots/,timings.txt}.
set -euo pipefail
cd "$(dirname "$0")/../../.."
work="${1:-/tmp/hyperrep-zoo-v2}"
hyperrep="${HYPERREP:-./hyperrep}"
epochs="${AE_EPOCHS:-100}"
stages="${STAGES:-ae sample evaluate}"
zoo=data/zoo/fashion-mnist-cnn-s-v2
out=docs/results/zoo-v2
mkdir -p "$work" "$out/ae"
timings="$out/timings.txt"

# the paper's loss and schedule for every variant; the variants differ in one choice each
common=(--zoo "$zoo" --epoch-window 11-15 --best-epoch validation --lr 1e-3 --lr-schedule warmup-cosine --warmup-steps 100)
declare -A variant_flags=(
  [paper-128]="--config cpu --centred --augment no-permute"
  [paper-700]="--config $work/cpu-latent-700.json --augment no-permute"
  [no-lwln-128]="--config cpu --centred --augment no-permute --no-lwln"
  [published-128]="--config cpu"
)
variants=(paper-128 no-lwln-128 paper-700 published-128)
methods=(kde kde-joint kde-faithful neigh gan uniform)

stamp() { echo "$(date -u +%FT%TZ) $*" | tee -a "$timings"; }

if [[ " $stages " == *" ae "* ]]; then
  # latent 700 as in the paper's 2,464-weight zoo; every other size as the cpu config, centred input
  sed -e 's/"latent" : 128/"latent" : 700/' -e 's/"centred" : false/"centred" : true/' > "$work/cpu-latent-700.json" <<'JSON'
{ "dModel" : 64, "heads" : 4, "dFf" : 128, "blocks" : 2, "latent" : 128, "dropout" : 0.1, "projectionLayers" : 2,
  "projectionHidden" : 128, "projectionOut" : 32, "gamma" : 0.1, "temperature" : 0.1, "lwln" : true, "batchSize" : 32,
  "centred" : false }
JSON
  for v in "${variants[@]}"; do
    dir="$work/ae-$v"
    if [ ! -f "$dir/manifest.json" ]; then
      resume=(); [ -d "$dir" ] && resume=(--resume)
      stamp "ae $v: start"
      # shellcheck disable=SC2086
      $hyperrep hyper train "${common[@]}" ${variant_flags[$v]} --epochs "$epochs" --out "$dir" "${resume[@]}"
      stamp "ae $v: done"
    fi
    mkdir -p "$out/ae/$v"
    # the manifest names the zoo directory it read: keep the committed copy free of machine paths
    sed -e "s#\"$work/#\"WORK_DIR/#g" -e "s#\"$PWD/#\"#g" "$dir/manifest.json" > "$out/ae/$v/manifest.json"
    cp "$dir/curves.csv" "$out/ae/$v/curves.csv"
  done
fi

if [[ " $stages " == *" sample "* ]]; then
  # draw NAME AE [sample flags]: 100 models into $work/samples/NAME; the population is named after its directory
  draw() {
    local name=$1 ae=$2; shift 2
    if [ ! -f "$work/samples/$name/population.json" ]; then
      stamp "sample $name: start"
      $hyperrep sample --hyper "$work/$ae" --n 100 --seed 1 --name "$name" --out "$work/samples/$name" "$@"
    fi
  }
  for m in "${methods[@]}"; do draw "$m" ae-paper-700 --method "$m"; done
  # what spreads samples over the zoo (not the paper's): anchors one per model, a wider joint kernel
  draw kde-per-model ae-paper-700 --method kde --anchors per-model
  draw kde-joint-x2 ae-paper-700 --method kde-joint --bandwidth-scale 2
  # the other autoencoders' kde, for the latent-size and LWLN comparisons
  draw paper-128-kde ae-paper-128 --method kde
  draw no-lwln-128-kde ae-no-lwln-128 --method kde
  draw published-128-kde ae-published-128 --method kde
fi

if [[ " $stages " == *" evaluate "* ]]; then
  samples=()
  for m in "${methods[@]}" kde-per-model kde-joint-x2 paper-128-kde no-lwln-128-kde published-128-kde; do samples+=(--samples "$work/samples/$m"); done
  stamp "evaluate: start"
  $hyperrep evaluate --zoo "$zoo" --epoch-window 11-15 "${samples[@]}" --max-models 100 --finetune-models 25 \
    --finetune-epochs 5 --transfer none --noise-sigmas 0.01,0.02,0.03,0.04,0.06,0.08 --ensemble-sizes 1,5,10 \
    --report "$work/report"
  stamp "evaluate: done"
  rm -rf "$out/plots"
  cp -r "$work/report/"* "$out/"
  sed -i -e "s#$work/#WORK_DIR/#g" -e "s#$PWD/##g" "$out/REPORT.md" "$out/results.json" "$out"/*.csv
fi
