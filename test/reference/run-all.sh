#!/usr/bin/env bash
# Regenerates every R reference fixture (test/reference/*.json) from its script. Needs R with
# jsonlite, emmeans, sandwich, MASS, car and boot (Debian: apt-get install r-base-core r-cran-*).
# The JSON files are committed, so `npm test` never needs R.
set -euo pipefail
cd "$(dirname "$0")/../.."
for script in test/reference/*.R; do
  echo "Rscript $script"
  Rscript "$script"
done
