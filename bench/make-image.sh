#!/usr/bin/env bash
# A real container image for the image-scanning benchmark, built without a Docker daemon:
# a Debian bookworm root filesystem from `mmdebstrap`, turned into layers with `umoci`, the
# way a Dockerfile of six RUN/COPY steps would lay them out:
#
#   1. debootstrap minbase + ca-certificates, curl          (Debian base)
#   2. python3, pip and real libraries (numpy, pandas, django, cryptography, flask...)
#   3. nodejs + npm (hundreds of node_modules package.json files under /usr/share/nodejs)
#   4. a Java runtime and library jars (jackson, guava, log4j2, commons-lang3)
#   5. Go-built tools (restic, rclone, fzf, gh) and the Go 1.19 toolchain
#   6. the app: a real package-lock.json, a requirements.txt, an `.env` with an AWS key pair
#      and a GitHub token, and an SSH private key
#   7. `rm` of the `.env` and the key: whiteouts, so the secrets live on only in layer 6
#
# and a configuration that runs as root, exposes 22/tcp and carries a password in Env.
#
#   bench/make-image.sh OUTDIR      # e.g. /work/bench-images
#
# Writes OUTDIR/layout (OCI image layout, tag `bench`: `bosun image oci:OUTDIR/layout`, and
# `trivy image --input OUTDIR/layout`), OUTDIR/image.tar (the same layout as an OCI archive:
# `bosun image oci-archive:OUTDIR/image.tar`; Trivy does not read this form) and
# OUTDIR/image.txt (what is in it).
# Skips the build when OUTDIR/layout exists, unless FORCE=1. Needs root, mmdebstrap, umoci,
# openssl, and Debian's mirror (the one apt uses here; MIRROR=URL to change it).
#
# Environment overrides:
#   FORCE=1                 rebuild even when the image exists
#   MIRROR=URL              Debian mirror (default: the first URIs: of apt's debian.sources)
#   SECURITY_MIRROR=URL     Debian security mirror (default: the second URIs:, if any)
#   LOCKFILES=DIR           real lockfiles (default ../shared/fixtures/lockfiles)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUTDIR=${1:-}
LOCKFILES=${LOCKFILES:-$ROOT/../shared/fixtures/lockfiles}

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'make-image: %s\n' "$*" >&2; exit 1; }

[[ -n $OUTDIR ]] || die "usage: bench/make-image.sh OUTDIR"
mkdir -p "$OUTDIR"
OUTDIR=$(cd "$OUTDIR" && pwd)
LAYOUT=$OUTDIR/layout
ARCHIVE=$OUTDIR/image.tar
TAG=bench

# Compressed size of the layers (the blobs the manifest names) and their uncompressed size.
print_size() {
    python3 - "$LAYOUT" "$TAG" <<'PY'
import gzip, json, os, sys
layout, tag = sys.argv[1:]
blob = lambda d: os.path.join(layout, "blobs", *d.split(":"))
index = json.load(open(os.path.join(layout, "index.json")))
desc = next(m for m in index["manifests"] if m.get("annotations", {}).get("org.opencontainers.image.ref.name") == tag)
manifest = json.load(open(blob(desc["digest"])))
total = sum(l["size"] for l in manifest["layers"])
print(f"image: {len(manifest['layers'])} layers, {total / 1e6:.1f} MB compressed (gzip)")
PY
}

if [[ -e $LAYOUT/index.json && -z ${FORCE:-} ]]; then
    say "$LAYOUT exists (FORCE=1 to rebuild)"
    print_size
    exit 0
fi

[[ $(id -u) == 0 ]] || die "needs root (mmdebstrap's root mode, and umoci keeping file owners)"
for tool in mmdebstrap umoci openssl python3; do
    command -v "$tool" > /dev/null || die "$tool is required (apt-get install $tool)"
done

sources=/etc/apt/sources.list.d/debian.sources
if [[ -z ${MIRROR:-} && -r $sources ]]; then
    MIRROR=$(awk '/^URIs:/ {print $2; exit}' "$sources")
    SECURITY_MIRROR=${SECURITY_MIRROR:-$(awk '/^URIs:/ {n++; if (n == 2) {print $2; exit}}' "$sources")}
fi
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${SECURITY_MIRROR:-${MIRROR%/debian}/debian-security}
say "mirror: $MIRROR (security: $SECURITY_MIRROR)"

WORK=$OUTDIR/work
rm -rf "$WORK" "$LAYOUT" "$ARCHIVE"
mkdir -p "$WORK"

# --- the root filesystem, one snapshot per step --------------------------------------------
# Each customize hook installs one step's packages in the chroot (mmdebstrap has /proc, /dev
# and the network set up there), cleans apt's cache and lists as a Dockerfile would, and
# saves the whole tree as stage-N.tar. umoci turns consecutive snapshots into diff layers.
python_pkgs="python3 python3-pip python3-venv python3-numpy python3-pandas python3-django
    python3-requests python3-cryptography python3-yaml python3-jinja2 python3-urllib3 python3-flask"
node_pkgs="nodejs npm"
java_pkgs="default-jre-headless libjackson2-databind-java libguava-java liblog4j2-java libcommons-lang3-java"
go_pkgs="restic rclone fzf gh golang-1.19-go"

snapshot() { # in a hook: the tree as it is now, without the mounted pseudo-filesystems
    local skip=""
    for dir in proc sys dev run tmp; do skip+=" --exclude='./$dir/*'"; done
    # Exit status 1 is "a file changed as we read it": the mount points of /sys and /proc.
    printf 'tar -C "$1" --one-file-system --numeric-owner --xattrs --warning=no-file-changed%s -cf %q . || test $? -eq 1' \
        "$skip" "$WORK/stage-$1.tar"
}
install() { # in a hook: apt-get install one step's packages, then clean up as a Dockerfile would
    printf 'chroot "$1" sh -ec "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -q -y --no-install-recommends %s && apt-get clean && rm -rf /var/lib/apt/lists/*"' "$(echo $*)"
}

say "mmdebstrap bookworm (five steps; a few minutes)"
mmdebstrap --mode=root --format=null --variant=minbase --include=ca-certificates,curl \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin "$1"/var/cache/apt/archives/*.deb' \
    --customize-hook="$(snapshot 1)" \
    --customize-hook="$(install $python_pkgs)" --customize-hook="$(snapshot 2)" \
    --customize-hook="$(install $node_pkgs)" --customize-hook="$(snapshot 3)" \
    --customize-hook="$(install $java_pkgs)" --customize-hook="$(snapshot 4)" \
    --customize-hook="$(install $go_pkgs)" --customize-hook="$(snapshot 5)" \
    bookworm /dev/null \
    "deb $MIRROR bookworm main" "deb $MIRROR bookworm-updates main" \
    "deb $SECURITY_MIRROR bookworm-security main" > "$WORK/mmdebstrap.log" 2>&1 \
    || { tail -n 30 "$WORK/mmdebstrap.log" >&2; die "mmdebstrap failed (log: $WORK/mmdebstrap.log)"; }

# --- layers ------------------------------------------------------------------------------
BUNDLE=$WORK/bundle
umoci init --layout "$LAYOUT"
umoci new --image "$LAYOUT:$TAG"
umoci config --image "$LAYOUT:$TAG" --no-history --architecture amd64 --os linux
umoci unpack --image "$LAYOUT:$TAG" "$BUNDLE" > /dev/null

# Replace the bundle's tree with a snapshot and commit the difference as a layer.
commit() { # created_by
    umoci repack --refresh-bundle --image "$LAYOUT:$TAG" --history.created_by "$1" "$BUNDLE"
}
from_snapshot() { # N created_by
    say "layer: $2"
    rm -rf "$BUNDLE/rootfs"
    mkdir "$BUNDLE/rootfs"
    tar -C "$BUNDLE/rootfs" --numeric-owner --xattrs -xpf "$WORK/stage-$1.tar"
    commit "$2"
}
from_snapshot 1 "/bin/sh -c #(nop) ADD file:debian-bookworm-minbase.tar in / "
from_snapshot 2 "/bin/sh -c apt-get update && apt-get install -y --no-install-recommends $(echo $python_pkgs) && rm -rf /var/lib/apt/lists/*"
from_snapshot 3 "/bin/sh -c apt-get update && apt-get install -y --no-install-recommends $node_pkgs && rm -rf /var/lib/apt/lists/*"
from_snapshot 4 "/bin/sh -c apt-get update && apt-get install -y --no-install-recommends $java_pkgs && rm -rf /var/lib/apt/lists/*"
from_snapshot 5 "/bin/sh -c apt-get update && apt-get install -y --no-install-recommends $go_pkgs && rm -rf /var/lib/apt/lists/*"

# The app. The secrets are made up but have the shape real ones have: an AWS key pair (not
# AWS's documented EXAMPLE key, which scanners allow), a GitHub token (30 random characters
# and the CRC32 of them in base62, as GitHub makes them), a database URL with a password, and
# a fresh RSA key.
say "layer: app (lockfile, requirements, secrets)"
app=$BUNDLE/rootfs/app
mkdir -p "$app/deploy"
lock=$LOCKFILES/npm/security-wg-2024-npm-v3/package-lock.json
if [[ -r $lock ]]; then
    cp "$lock" "$app/package-lock.json"
    cp "$(dirname "$lock")/package.json" "$app/package.json" 2> /dev/null || true
else
    say "no $lock: the app layer has no package-lock.json"
fi
cat > "$app/requirements.txt" <<'EOF'
Django==3.2.12
requests==2.25.1
PyYAML==5.3.1
Jinja2==2.11.2
urllib3==1.26.4
EOF
# Each is written here in two pieces, so that a scan of this repository (CI runs one) does
# not report the script itself; the image gets them whole.
k1=AKIA4HPS k2=TXQ7MWZ3R5LN
s1=q8Rv2Lm5Xt9Wc3Pz7Jh1 s2=Nk4Bf6Gd0Sy8Ua2Ee5Io
g1=ghp_R8kLm2Qx7Vt4Np9Wz3 g2=Hc6Jd1Fb5Gs03aPNS7
u1=postgres://billing: d1=Xk9vQ2mL d2=p7Rt4Wz8
e1=Tr0ub4dor e2=-billing-77
cat > "$app/.env" <<EOF
# production settings for the billing worker
AWS_REGION=eu-west-1
AWS_ACCESS_KEY_ID=$k1$k2
AWS_SECRET_ACCESS_KEY=$s1$s2
GITHUB_TOKEN=$g1$g2
DATABASE_URL=$u1$d1$d2@db.internal:5432/billing
EOF
openssl genrsa -traditional -out "$app/deploy/id_rsa" 2048 2> /dev/null
chmod 600 "$app/deploy/id_rsa"
printf 'console.log("billing worker");\n' > "$app/server.js"
commit "/bin/sh -c #(nop) COPY dir:app in /app "

say "layer: rm of the secrets"
rm -f "$app/.env" "$app/deploy/id_rsa"
commit "/bin/sh -c rm -f /app/.env /app/deploy/id_rsa"

umoci config --image "$LAYOUT:$TAG" --config.user root --config.exposedports 22/tcp \
    --config.exposedports 8080/tcp --config.workingdir /app \
    --config.env PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin \
    --config.env "DB_PASSWORD=$e1$e2" --config.env NODE_ENV=production \
    --config.cmd node --config.cmd server.js \
    --history.created_by "/bin/sh -c #(nop)  EXPOSE 22/tcp 8080/tcp ENV DB_PASSWORD=$e1$e2 USER root CMD [\"node\" \"server.js\"]"
umoci gc --layout "$LAYOUT"

say "OCI archive"
tar -C "$LAYOUT" -cf "$ARCHIVE" .

{
    echo "layers (oldest first): created_by, compressed size"
    python3 - "$LAYOUT" "$TAG" <<'PY'
import json, os, sys
layout, tag = sys.argv[1:]
blob = lambda d: os.path.join(layout, "blobs", *d.split(":"))
index = json.load(open(os.path.join(layout, "index.json")))
desc = next(m for m in index["manifests"] if m.get("annotations", {}).get("org.opencontainers.image.ref.name") == tag)
manifest = json.load(open(blob(desc["digest"])))
config = json.load(open(blob(manifest["config"]["digest"])))
history = [h for h in config.get("history", []) if not h.get("empty_layer")]
for layer, h in zip(manifest["layers"], history):
    print(f"  {layer['digest'][7:19]} {layer['size'] / 1e6:7.1f} MB  {h.get('created_by', '')[:110]}")
PY
    echo "packages installed (dpkg): $(tar -xOf "$WORK/stage-5.tar" ./var/lib/dpkg/status | grep -c '^Package:')"
    echo "uncompressed tree: $(($(stat -c %s "$WORK/stage-5.tar") / 1000000)) MB"
} > "$OUTDIR/image.txt"
cat "$OUTDIR/image.txt" >&2
rm -rf "$WORK"
print_size
