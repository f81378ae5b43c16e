#!/usr/bin/env bash
# The synthetic roll-out end to end with the effekt command (README: `npm run rollout-demo`):
# a store from the contract; the regular deliveries; the first settlements; the late and the
# corrected deliveries; the affected periods settled again (new versions showing the difference
# and its cause); the rest of the periods; status with funnel plots; the steering-group reports.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out/rollout-demo}
S=data-samples/rollout
effekt() { node bin/effekt.js "$@"; }
rm -rf "$out"
mkdir -p "$out"
store="$out/rollout.duckdb"
pdf=${EFFEKT_DEMO_PDF:---no-pdf}

effekt rollout init --store "$store" --contract "$S/contract.json"
regular=$(node -e 'const d=require("./'"$S"'/deliveries.json").deliveries; console.log(d.filter(x=>x.kind==="regular").map(x=>"'"$S"'/exports/"+x.name).join(" "))')
late=$(node -e 'const d=require("./'"$S"'/deliveries.json").deliveries; console.log(d.filter(x=>x.kind==="late").map(x=>"'"$S"'/exports/"+x.name).join(" "))')
corrected=$(node -e 'const d=require("./'"$S"'/deliveries.json").deliveries; console.log(d.filter(x=>x.kind==="corrected").map(x=>"'"$S"'/exports/"+x.name).join(" "))')
# shellcheck disable=SC2086
effekt rollout ingest $regular --spec "$S/rollout.spec.json" --store "$store"
effekt rollout settle --store "$store" --period 2024H1 --date 2024-08-15 --out "$out/settlements/2024H1-v1" $pdf
effekt rollout settle --store "$store" --period 2024H2 --date 2025-02-14 --out "$out/settlements/2024H2-v1" $pdf
effekt rollout settle --store "$store" --period 2025H1 --date 2025-08-15 --out "$out/settlements/2025H1-v1" $pdf
# The late and the corrected deliveries arrive; the same file twice changes nothing.
# shellcheck disable=SC2086
effekt rollout ingest $late $corrected $corrected --spec "$S/rollout.spec.json" --store "$store"
effekt rollout settle --store "$store" --period 2024H2 --date 2025-09-01 --out "$out/settlements/2024H2-v2" $pdf
effekt rollout settle --store "$store" --period 2025H1 --date 2025-09-01 --out "$out/settlements/2025H1-v2" $pdf
for p in 2025H2:2026-02-13 2026H1:2026-08-14 2026H2:2027-02-15; do
  effekt rollout settle --store "$store" --period "${p%%:*}" --date "${p##*:}" --out "$out/settlements/${p%%:*}-v1" $pdf
done
effekt rollout status --store "$store" --out "$out/status"
effekt rollout status --store "$store" --municipality Kolding --period 2024H2
effekt rollout report --store "$store" --period 2026H2 --date 2027-02-15 --out "$out/steering-2026H2" $pdf
echo "Done: $out"
