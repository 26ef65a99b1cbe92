#!/usr/bin/env bash
# Admission webhook throughput (issue 7): `bosun serve` with the built-in Kubernetes rules
# plus five Rego policies (one conftest module, four Gatekeeper-library-style templates with
# their constraints), loaded over real TLS on loopback by `wrk` (Debian's package) posting a
# typical Deployment CREATE AdmissionReview. Prints wrk's latency distribution and requests/s.
#
#   cargo build --release -p bosun && bench/serve-load.sh
#
# Environment: BOSUN=path (default target/release/bosun), DURATION=20s, CONNECTIONS=16,
# THREADS=1 (wrk's threads; it shares the machine with the server), REVIEW=file.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BOSUN=${BOSUN:-$ROOT/target/release/bosun}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}
REVIEW=${REVIEW:-$ROOT/crates/bosun-admission/tests/fixtures/create-deployment.json}
FIXTURES=$ROOT/crates/bosun-policy/tests/fixtures
command -v wrk >/dev/null || { echo "serve-load: wrk is needed (apt-get install wrk)" >&2; exit 1; }
[[ -x $BOSUN ]] || { echo "serve-load: no bosun binary at $BOSUN" >&2; exit 1; }

work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
policies=(
    "$FIXTURES/conftest/deployment.rego"
    "$FIXTURES/gatekeeper/requiredlabels.yaml"
    "$FIXTURES/gatekeeper/allowedrepos.yaml"
    "$FIXTURES/gatekeeper/containerlimits.yaml"
    "$FIXTURES/gatekeeper/privileged.yaml"
)
args=()
for policy in "${policies[@]}"; do args+=(--policy "$policy"); done
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BOSUN" serve --no-config --self-signed --host localhost --listen "127.0.0.1:$port" "${args[@]}" \
    > "$work/decisions.jsonl" 2> "$work/server.err" &
server=$!
for _ in $(seq 50); do grep -q listening "$work/server.err" 2>/dev/null && break; sleep 0.1; done
grep -q listening "$work/server.err" || { cat "$work/server.err" >&2; exit 1; }

python3 - "$REVIEW" > "$work/post.lua" <<'PY'
import json, sys
body = json.dumps(json.load(open(sys.argv[1])), separators=(",", ":"))
print('wrk.method = "POST"')
print('wrk.headers["Content-Type"] = "application/json"')
print("wrk.body = " + json.dumps(body))
PY

echo "== bosun serve: built-in rules + ${#policies[@]} policies; wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$work/post.lua" "https://localhost:$port/validate"
echo "== decisions logged: $(wc -l < "$work/decisions.jsonl"); one of them:"
head -c 600 "$work/decisions.jsonl"; echo
ps -o rss=,pcpu= -p "$server" | awk '{printf "== server RSS %.1f MiB, CPU %s%%\n", $1/1024, $2}'
