#!/bin/sh
# Issue 17's proof that the suite does not flake: `make test` five times in a row on a fresh clone
# while another process keeps one core busy. Prints one line per run (seconds, exit code, load
# average before and after) and exits non-zero if any run failed. Logs: $OUT/run-N.log.
#
#   scripts/five_runs.sh [REPO] [OUT]      # defaults: this checkout, /tmp/five-runs
set -u
REPO=${1:-$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)}
OUT=${2:-/tmp/five-runs}
rm -rf "$OUT" && mkdir -p "$OUT"
git clone -q "$REPO" "$OUT/clone" || exit 2
cd "$OUT/clone" || exit 2
echo "commit $(git rev-parse --short HEAD), $(nproc) cores"
yes > /dev/null &
BUSY=$!
trap 'kill $BUSY 2>/dev/null' EXIT
failed=0
for run in 1 2 3 4 5; do
    before=$(cut -d' ' -f1 /proc/loadavg)
    start=$(date +%s)
    make test > "$OUT/run-$run.log" 2>&1
    code=$?
    end=$(date +%s)
    summary=$(grep -E '^[0-9]+ (passed|failed)|^=+ .*(passed|failed)' "$OUT/run-$run.log" | tail -1)
    echo "run $run: $((end - start)) s, exit $code, load $before -> $(cut -d' ' -f1 /proc/loadavg); $summary"
    [ "$code" -eq 0 ] || failed=1
done
exit $failed
