#!/usr/bin/env bash
# Image scanning speed (issue 6): on the image bench/make-image.sh builds (over 200 MB of
# gzip layers in an OCI layout), side by side, each run RUNS times after one warm-up run:
#
#   tar        `tar -xzOf BLOB > /dev/null` over every layer: the cost of reading the image
#   trivy-sm   `trivy image --input layout --scanners secret,misconfig` (+ the image config)
#   trivy-pkg  `trivy image --input layout --format cyclonedx --skip-files '**/*.jar'`: its
#              package listing. Offline, Trivy cannot read jars at all: its jar analyzer
#              needs the Java index database, and without it the whole scan fails
#              ("'--skip-java-db-update' cannot be specified on the first run"), so jars
#              are left out of Trivy's listing.
#   bosun-sm   `bosun image oci:layout --scanners secret,misconfig --format json`
#   bosun-full `bosun image oci:layout --scanners secret,misconfig,vuln --format json`
#              (no vulnerability database: the package inventory only)
#   bosun-sbom `bosun sbom oci:layout --format cyclonedx`
#
# and prints a Markdown table: median wall and CPU time, peak RSS, packages by ecosystem,
# secrets found (rule and path), and the ratios bosun/tar and bosun/trivy.
#
#   bench/make-image.sh /work/bench-images && bench/scan-image.sh /work/bench-images
#
# bosun is skipped, with a message, when `bosun image --help` fails. Trivy runs offline:
# no vulnerability or Java database (neither can be fetched here), the checks built into the
# binary, and a fresh cache directory for every run, so no run reuses an earlier run's
# per-layer analysis. `trivy image --input` takes the OCI layout directory (or a `docker
# save` tar; not an OCI archive), so both tools read the same files. Raw outputs and per-run
# times under bench/work/out-image.
#
# Environment overrides:
#   BOSUN=path             the bosun binary (default target/release/bosun; never built here)
#   BOSUN_FLAGS="..."      extra flags for every `bosun image` run (e.g. --offline)
#   TRIVY=path             default /work/peers/bin/trivy, else the one on PATH
#   RUNS=3                 timed runs per command (after one warm-up run)
#   ONLY="tar trivy-sm"    run only these commands
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
IMAGES=${1:-/work/bench-images}
BOSUN=${BOSUN:-$ROOT/target/release/bosun}
BOSUN_FLAGS=${BOSUN_FLAGS:-}
if [[ -z ${TRIVY:-} ]]; then
    TRIVY=/work/peers/bin/trivy
    [[ -x $TRIVY ]] || TRIVY=$(command -v trivy || true)
fi
RUNS=${RUNS:-3}
ONLY=${ONLY:-}
OUT=$ROOT/bench/work/out-image
LAYOUT=$IMAGES/layout
ARCHIVE=$IMAGES/image.tar

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'scan-image: %s\n' "$*" >&2; exit 1; }

[[ -e $LAYOUT/index.json && -f $ARCHIVE ]] || die "no image in $IMAGES: run bench/make-image.sh $IMAGES first"
[[ -x /usr/bin/time ]] || die "GNU time is required at /usr/bin/time (apt-get install time)"
rm -rf "$OUT"
mkdir -p "$OUT"

# The layer blobs, base first.
mapfile -t BLOBS < <(python3 - "$LAYOUT" <<'PY'
import json, os, sys
layout = sys.argv[1]
blob = lambda d: os.path.join(layout, "blobs", *d.split(":"))
index = json.load(open(os.path.join(layout, "index.json")))
manifest = json.load(open(blob(index["manifests"][0]["digest"])))
for layer in manifest["layers"]:
    print(blob(layer["digest"]))
PY
)
compressed=$(du -cb "${BLOBS[@]}" | tail -1 | cut -f1)
say "image: ${#BLOBS[@]} layers, $((compressed / 1000000)) MB of gzip"

have_bosun=""
if [[ -x $BOSUN ]] && "$BOSUN" image --help > /dev/null 2>&1; then
    have_bosun=1
    BOSUN=$(cd "$(dirname "$BOSUN")" && pwd)/$(basename "$BOSUN")
else
    say "bosun: no \`bosun image\` in $BOSUN (BOSUN=path to choose another binary): skipping bosun"
fi
have_trivy=""
if [[ -n $TRIVY && -x $TRIVY ]]; then
    have_trivy=1
else
    say "trivy not found (TRIVY=path): skipping trivy"
fi

# Trivy, offline: these flags turn off every download and lookup; --cache-dir is set per run.
TRIVY_OFFLINE="--skip-db-update --skip-java-db-update --skip-check-update --skip-version-check"
TRIVY_OFFLINE+=" --disable-telemetry --offline-scan --quiet"

# name|command (run by bash; @CACHE@ becomes a fresh empty directory; output to $OUT/name.out)
COMMANDS=(
    "tar|for b in ${BLOBS[*]}; do tar -xzOf \$b > /dev/null; done"
)
if [[ -n $have_trivy ]]; then
    COMMANDS+=(
        "trivy-sm|$TRIVY image $TRIVY_OFFLINE --cache-dir @CACHE@ --input $LAYOUT --scanners secret,misconfig --image-config-scanners secret,misconfig --format json"
        "trivy-pkg|$TRIVY image $TRIVY_OFFLINE --cache-dir @CACHE@ --input $LAYOUT --format cyclonedx --skip-files '**/*.jar'"
    )
fi
if [[ -n $have_bosun ]]; then
    COMMANDS+=(
        "bosun-sm|$BOSUN image oci:$LAYOUT $BOSUN_FLAGS --scanners secret,misconfig --format json -q"
        "bosun-full|$BOSUN image oci:$LAYOUT $BOSUN_FLAGS --scanners secret,misconfig,vuln --format json -q"
        "bosun-sbom|$BOSUN sbom oci:$LAYOUT --format cyclonedx -q"
    )
fi

# One run: wall time by the bash clock (ms), CPU and peak RSS by GNU time; appends to times.tsv.
run() { # name command run-label output
    local name=$1 cmd=$2 label=$3 output=$4 cache
    cache=$(mktemp -d "$OUT/cache.XXXXXX")
    cmd=${cmd//@CACHE@/$cache}
    local load start end code=0
    load=$(cut -d' ' -f1 /proc/loadavg)
    start=$(date +%s.%N)
    /usr/bin/time -f '%e %M %U %S' -o "$OUT/time.txt" bash -c "$cmd" > "$output" 2>> "$OUT/$name.err" || code=$?
    end=$(date +%s.%N)
    rm -rf "$cache"
    read -r _ rss user sys < <(tail -n 1 "$OUT/time.txt")
    printf '%s\t%s\t%.3f\t%s\t%s\t%s\t%s\n' "$name" "$label" "$(echo "$end - $start" | bc)" \
        "$(echo "$user + $sys" | bc)" "$rss" "$code" "$load" >> "$OUT/times.tsv"
    say "$name $label: $(echo "$end - $start" | bc | cut -c1-6) s, exit $code"
}

printf 'tool\trun\twall_s\tcpu_s\trss_kb\texit\tload\n' > "$OUT/times.tsv"
for entry in "${COMMANDS[@]}"; do
    name=${entry%%|*}
    cmd=${entry#*|}
    [[ -z $ONLY || " $ONLY " == *" $name "* ]] || continue
    printf '%s\n' "$cmd" > "$OUT/$name.cmd"
    run "$name" "$cmd" warm "$OUT/$name.out"
    for i in $(seq 1 "$RUNS"); do
        run "$name" "$cmd" "$i" /dev/null
    done
done

python3 - "$OUT" "$compressed" "${#BLOBS[@]}" <<'PY'
import collections, json, os, statistics, sys

out, compressed, nlayers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = collections.defaultdict(list)
exits = collections.defaultdict(set)
for line in open(f"{out}/times.tsv").read().splitlines()[1:]:
    tool, run, wall, cpu, rss, code, load = line.split("\t")
    exits[tool].add(code)
    if run != "warm":
        rows[tool].append((float(wall), float(cpu), int(rss) / 1024))

def load(name):
    try:
        return json.load(open(f"{out}/{name}.out"))
    except (OSError, ValueError):
        return None

# Packages: CycloneDX components by purl type, and bosun's `packages` by ecosystem.
def cdx_counts(doc):
    counts = collections.Counter()
    for c in (doc or {}).get("components", []):
        purl = c.get("purl", "")
        if purl.startswith("pkg:"):
            kind = purl[4:].split("/", 1)[0]
            counts[kind] += 1
    return counts

def bosun_counts(doc):
    return collections.Counter(p.get("ecosystem", "?").split(":")[0] for p in (doc or {}).get("packages", []))

# Secrets: (rule, path[, layer]) for each tool.
def trivy_secrets(doc):
    found = []
    for r in (doc or {}).get("Results", []) or []:
        for s in r.get("Secrets", []) or []:
            layer = (s.get("Layer") or {}).get("Digest", "")[7:19]
            found.append((s.get("RuleID"), r.get("Target"), layer))
    return found

def trivy_misconfigs(doc):
    found = collections.Counter()
    for r in (doc or {}).get("Results", []) or []:
        for m in r.get("Misconfigurations", []) or []:
            if m.get("Status", "FAIL") == "FAIL":
                found[m.get("ID")] += 1
    return found

def bosun_secrets(doc):
    return [
        (f["rule_id"], f["location"]["path"], (f["location"].get("layer_digest") or "")[7:19])
        for f in (doc or {}).get("findings", []) if f.get("secret")
    ]

def bosun_others(doc):
    return collections.Counter(f["rule_id"] for f in (doc or {}).get("findings", []) if not f.get("secret"))

med = lambda xs: statistics.median(xs) if xs else float("nan")
summary = {t: tuple(med([r[i] for r in rs]) for i in range(3)) for t, rs in rows.items()}

print(f"Image: {nlayers} layers, {compressed / 1e6:.1f} MB of gzip layers.\n")
print("| command | timed runs | wall s (median) | CPU s (median) | peak RSS MiB (median) | exit codes | packages | secrets |")
print("|---|---:|---:|---:|---:|---|---:|---:|")
packages, secrets = {}, {}
for tool in ["tar", "trivy-sm", "trivy-pkg", "bosun-sm", "bosun-full", "bosun-sbom"]:
    if tool not in summary:
        if tool.startswith("bosun"):
            print(f"| {tool} | to be measured | | | | | | |")
        continue
    doc = load(tool)
    if tool == "trivy-pkg" or tool == "bosun-sbom":
        packages[tool] = cdx_counts(doc)
    elif tool == "bosun-full":
        packages[tool] = bosun_counts(doc)
    if tool == "trivy-sm":
        secrets[tool] = trivy_secrets(doc)
    elif tool in ("bosun-sm", "bosun-full"):
        secrets[tool] = bosun_secrets(doc)
    wall, cpu, rss = summary[tool]
    pk = sum(packages[tool].values()) if tool in packages else ""
    se = len(secrets[tool]) if tool in secrets else ""
    codes = ",".join(sorted(exits[tool]))
    print(f"| {tool} | {len(rows[tool])} | {wall:.2f} | {cpu:.2f} | {rss:.0f} | {codes} | {pk} | {se} |")

def ratio(a, b, i=0):
    if a in summary and b in summary and summary[b][i]:
        return f"{summary[a][i] / summary[b][i]:.2f}"
    return "to be measured"

print("\n| ratio | wall time | peak RSS | goal |\n|---|---:|---:|---|")
print(f"| bosun-full / tar | {ratio('bosun-full', 'tar')} | | wall <= 2 |")
print(f"| bosun-sm / trivy-sm | {ratio('bosun-sm', 'trivy-sm')} | {ratio('bosun-sm', 'trivy-sm', 2)} | < 1 |")
print(f"| bosun-full / trivy-sm | {ratio('bosun-full', 'trivy-sm')} | {ratio('bosun-full', 'trivy-sm', 2)} | < 1 |")
print(f"| bosun-sbom / trivy-pkg | {ratio('bosun-sbom', 'trivy-pkg')} | {ratio('bosun-sbom', 'trivy-pkg', 2)} | < 1 |")
print(f"| trivy-sm / tar | {ratio('trivy-sm', 'tar')} | | |")

print("\nPackages by kind (purl type for CycloneDX, OSV ecosystem for bosun's JSON):\n")
for tool, counts in packages.items():
    if counts:
        print(f"- {tool}: " + ", ".join(f"{k} {n}" for k, n in counts.most_common()))

print("\nSecrets (rule, path in the image, layer digest prefix):\n")
for tool, found in secrets.items():
    print(f"- {tool}: {len(found)}")
    for rule, path, layer in sorted(found, key=lambda s: (s[1] or "", s[0] or "")):
        print(f"  - `{rule}` {path} {layer}")

mis = trivy_misconfigs(load("trivy-sm"))
if mis:
    print("\nTrivy misconfigurations (image config and files): " + ", ".join(f"{k} {n}" for k, n in mis.most_common()))
for tool in ("bosun-sm", "bosun-full"):
    others = bosun_others(load(tool))
    if others:
        print(f"\n{tool} other findings: " + ", ".join(f"{k} {n}" for k, n in others.most_common()))
PY
