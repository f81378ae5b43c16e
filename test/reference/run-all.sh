#!/usr/bin/env bash
# Regenerates every R reference fixture (test/reference/*.json) from its script. Needs R with
# jsonlite, emmeans, nlme, mice, sandwich, MASS, car and boot (Debian: apt-get install r-base-core
# r-cran-*). The JSON files are committed, so `npm test` never needs R.
set -euo pipefail
cd "$(dirname "$0")/../.."
# effekt's own imputations of the twin, which mi-pool.R pools with mice (same datasets on both sides).
echo "npx tsx test/reference/mi-imputations.ts"
npx tsx test/reference/mi-imputations.ts
for script in test/reference/*.R; do
  case "$script" in test/reference/twin-scores.R|test/reference/satterthwaite-un.R) continue ;; esac  # sourced by analyze-twin*.R
  echo "Rscript $script"
  Rscript "$script"
done
