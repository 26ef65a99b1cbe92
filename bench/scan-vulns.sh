#!/usr/bin/env bash
# Dependency scanning speed: OSV import, what the dependency scanner adds to a scan of a
# repository with 20 lockfiles, and the package inventory against Trivy's (SBOM output,
# which Trivy produces offline; its vulnerability database cannot be fetched offline).
#
#   bench/scan-vulns.sh
#
# Needs ../shared/osv (OSV exports) and ../shared/fixtures/lockfiles (real lockfiles) beside
# the repository. Prints a Markdown table of results; raw output under bench/work/out-vulns.
#
# Environment overrides:
#   SHARED=../shared       where the OSV exports and lockfiles are
#   PEERS=/tmp/peers/bin   where trivy lives (TRIVY= to point at it directly)
#   BOSUN=path             use this bosun binary instead of building one
#   BUILD_TRIES=5          attempts at `cargo build` (60 s apart)
#   RUNS=10                hyperfine runs per command
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
PEERS=${PEERS:-/tmp/peers/bin}
TRIVY=${TRIVY:-$PEERS/trivy}
BUILD_TRIES=${BUILD_TRIES:-5}
RUNS=${RUNS:-10}
WORK=$ROOT/bench/work
OUT=$WORK/out-vulns
TREE=$WORK/vuln-tree
DB=$WORK/osv-bench.db

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'scan-vulns: %s\n' "$*" >&2; exit 1; }

[[ -d $SHARED/osv && -d $SHARED/fixtures/lockfiles ]] || die "no OSV data at $SHARED/osv (set SHARED=)"
command -v hyperfine > /dev/null || die "hyperfine is required (apt-get install hyperfine)"
mkdir -p "$WORK"
rm -rf "$OUT"
mkdir -p "$OUT"
source "$ROOT/bench/build-bosun.sh"

# --- the repository: 17 real projects' lockfiles, plus three more copies -------------------
rm -rf "$TREE"
mkdir -p "$TREE"
for dir in "$SHARED"/fixtures/lockfiles/*/*/; do
    name=$(basename "$(dirname "$dir")")-$(basename "$dir")
    cp -r "$dir" "$TREE/$name"
done
mkdir -p "$TREE/bosun" "$TREE/copy-npm" "$TREE/copy-py"
cp "$ROOT/Cargo.lock" "$TREE/bosun/Cargo.lock"
cp "$SHARED"/fixtures/lockfiles/npm/security-wg-2024-npm-v3/package-lock.json "$TREE/copy-npm/"
cp "$SHARED"/fixtures/lockfiles/PyPI/fastapi-template-2024-poetry/poetry.lock "$TREE/copy-py/"
lockfiles=$("$BOSUN" sbom "$TREE" --format cyclonedx -q | python3 -c '
import json, sys
doc = json.load(sys.stdin)
paths = {p["value"].rsplit(":", 1)[0] for c in doc.get("components", []) for p in c.get("properties", []) if p["name"] == "bosun:path"}
print(len(paths))')
say "tree: $lockfiles inventory files with packages"

# --- import ------------------------------------------------------------------------------
rm -f "$DB"
zips=$(du -cb "$SHARED"/osv/*/all.zip | tail -1 | cut -f1)
start=$(date +%s.%N)
"$BOSUN" db import "$SHARED/osv" --db "$DB" -q > "$OUT/import.txt"
end=$(date +%s.%N)
import_s=$(python3 -c "print(f'{$end - $start:.2f}')")
store=$(du -b "$DB" | cut -f1)

# --- scan with and without the dependency scanner ---------------------------------------
common="$TREE --db $DB --no-config -q --format json --output /dev/null"
hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$OUT/scan.json" \
    -n without "$BOSUN scan $common --scanners misconfig,secret" \
    -n with "$BOSUN scan $common" \
    -n vuln-only "$BOSUN scan $common --scanners vuln" > "$OUT/scan.txt"
"$BOSUN" scan "$TREE" --db "$DB" --no-config -q --format json --scanners vuln > "$OUT/findings.json" || true

# --- inventory against trivy ------------------------------------------------------------
trivy_line=""
if [[ -x $TRIVY ]]; then
    hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$OUT/sbom.json" \
        -n bosun-sbom "$BOSUN sbom $TREE -q -o $OUT/bosun.cdx.json" \
        -n trivy-sbom "$TRIVY fs --quiet --skip-check-update --offline-scan --format cyclonedx -o $OUT/trivy.cdx.json $TREE" \
        > "$OUT/sbom.txt"
    trivy_line=1
else
    say "trivy not found at $TRIVY: skipping the inventory comparison"
fi

python3 - "$OUT" "$import_s" "$zips" "$store" "$trivy_line" <<'PY'
import json, sys
out, import_s, zips, store, trivy = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
def runs(name):
    return {r["command"]: r for r in json.load(open(f"{out}/{name}.json"))["results"]}
scan = runs("scan")
findings = json.load(open(f"{out}/findings.json"))["findings"]
ms = lambda r: r["median"] * 1000
print("| measure | value |\n|---|---:|")
print(f"| `db import` of all OSV exports | {import_s:.2f} s |")
print(f"| store size / zips size | {store/1e6:.1f} MB / {zips/1e6:.1f} MB ({store/zips:.2f}) |")
print(f"| scan without dependency scanner (median) | {ms(scan['without']):.1f} ms |")
print(f"| scan with it (median) | {ms(scan['with']):.1f} ms |")
print(f"| added by the dependency scanner | {ms(scan['with']) - ms(scan['without']):.1f} ms |")
print(f"| `--scanners vuln` alone (median) | {ms(scan['vuln-only']):.1f} ms |")
print(f"| vulnerability findings | {len(findings)} |")
if trivy:
    sbom = runs("sbom")
    count = lambda f: len(json.load(open(f"{out}/{f}")).get("components", []))
    b, t = sbom["bosun-sbom"], sbom["trivy-sbom"]
    print(f"| `bosun sbom` (median) / components | {ms(b):.1f} ms / {count('bosun.cdx.json')} |")
    print(f"| `trivy fs --format cyclonedx` (median) / components | {ms(t):.1f} ms / {count('trivy.cdx.json')} |")
    print(f"| inventory speed ratio (trivy / bosun) | {t['median']/b['median']:.1f}x |")
PY
