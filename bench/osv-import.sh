#!/usr/bin/env bash
# OSV import: `bosun db import` of every export in ../shared/osv (`<Ecosystem>/all.zip`),
# timed, and the store's size against the zips' (issue 5's goals: under 60 s, a store no
# larger than the zips). Then the cost of opening the store and answering queries.
#
#   bench/osv-import.sh
#
# osv-scanner is not compared: it cannot be installed from the registries this machine reaches.
#
# Environment overrides:
#   SHARED=../shared       where the OSV exports are
#   BOSUN=path             use this bosun binary instead of building one
#   BUILD_TRIES=5          attempts at `cargo build` (60 s apart)
#   RUNS=5                 timed imports (after one warm-up run); the best and median are shown
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
BUILD_TRIES=${BUILD_TRIES:-5}
RUNS=${RUNS:-5}
WORK=$ROOT/bench/work
OUT=$WORK/out-osv-import
DB=$OUT/osv.db

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'osv-import: %s\n' "$*" >&2; exit 1; }

[[ -d $SHARED/osv ]] || die "no OSV exports at $SHARED/osv (set SHARED=)"
[[ -x /usr/bin/time ]] || die "GNU time is required at /usr/bin/time (apt-get install time)"
rm -rf "$OUT"
mkdir -p "$OUT"
source "$ROOT/bench/build-bosun.sh"

zips=$(du -cb "$SHARED"/osv/*/all.zip | tail -1 | cut -f1)
say "exports: $(ls "$SHARED"/osv/*/all.zip | wc -l) zips, $zips bytes"

say "warm-up import"
"$BOSUN" db import "$SHARED/osv" --db "$DB" -q

times=()
for run in $(seq 1 "$RUNS"); do
    /usr/bin/time -f '%e %M' -o "$OUT/time-$run.txt" "$BOSUN" db import "$SHARED/osv" --db "$DB" 2> "$OUT/import-$run.txt"
    times+=("$(cat "$OUT/time-$run.txt")")
    say "run $run: $(cut -d' ' -f1 "$OUT/time-$run.txt") s"
done
store=$(stat -c %s "$DB")
"$BOSUN" db status --db "$DB" --format json > "$OUT/status.json"

# A query is one process: start-up, open, one lookup, matching.
query_ms=$(python3 - "$BOSUN" "$DB" <<'PY'
import subprocess, sys, time
bosun, db = sys.argv[1:]
best = None
for _ in range(20):
    start = time.perf_counter()
    subprocess.run([bosun, "db", "query", "PyPI", "jinja2", "2.10", "--db", db], check=True, capture_output=True)
    elapsed = time.perf_counter() - start
    best = elapsed if best is None else min(best, elapsed)
print(f"{best * 1000:.1f}")
PY
)

python3 - "$OUT" "$zips" "$store" "$query_ms" "${times[@]}" <<'PY'
import json, statistics, sys
out, zips, store, query_ms = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
runs = [tuple(map(float, t.split())) for t in sys.argv[5:]]
seconds = sorted(r[0] for r in runs)
rss_mb = max(r[1] for r in runs) / 1024
status = json.load(open(f"{out}/status.json"))
print("| measure | value | goal |")
print("|---|---|---|")
print(f"| `db import` of all exports, best of {len(runs)} | {seconds[0]:.2f} s | < 60 s |")
print(f"| `db import`, median | {statistics.median(seconds):.2f} s | |")
print(f"| peak memory of an import | {rss_mb:.0f} MB | |")
print(f"| store size | {store / 1e6:.2f} MB ({store / zips:.0%} of the zips) | <= {zips / 1e6:.2f} MB |")
print(f"| `db query PyPI jinja2 2.10`, whole process, best of 20 | {query_ms} ms | |")
print(f"| advisories stored | {status['advisories']} ({status['skipped']} skipped) | |")
print()
print("| export | advisories | withdrawn |")
print("|---|---|---|")
for e in status["ecosystems"]:
    print(f"| {e['name']} | {e['advisories']} | {e['withdrawn']} |")
PY
