#!/usr/bin/env bash
# Fuzz the API against its own OpenAPI document, bounded in time, with a mediator token.
#
#   bash .ci/schemathesis.sh            # uses .venv/bin; exits non-zero on any failure
#
# A throw-away database gets the example negotiation and a mediator token; a real
# uvicorn server serves it on a free loopback port; schemathesis checks that no answer
# is a 5xx, and that every status code, content type, header and body is the one the
# document promises. Budget: SCHEMATHESIS_MAX_EXAMPLES per operation (default 25) and
# SCHEMATHESIS_MAX_TIME seconds in all (default 150).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="$(cd "${BIN:-.venv/bin}" && pwd)"
work="$(mktemp -d)"
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

db="$work/fuzz.db"
"$BIN/accords" load examples/us-taliban-2019.yaml --db "$db" >/dev/null
token="$("$BIN/accords" token create --role mediator --db "$db" 2>/dev/null)"
port="$("$BIN/python" -c 'from accords.service.testing import free_port; print(free_port())')"

"$BIN/accords" serve --host 127.0.0.1 --port "$port" --db "$db" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
    if "$BIN/python" - "$port" <<'PY' 2>/dev/null; then break; fi
import socket, sys
socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=0.2).close()
PY
    sleep 0.1
done

# Most of the API lives behind a real negotiation: pin the path ids to the example's, so
# fuzzing reaches the rules instead of 404s (the in-process pytest run covers random ids).
cat >"$work/schemathesis.toml" <<'TOML'
[parameters]
"path.nid" = "us-taliban-2019"
"path.party" = "taliban"
"path.part" = "ceasefire"
TOML

status=0
# run from the scratch folder: schemathesis keeps a cache in the working directory
(cd "$work" && "$BIN/schemathesis" --config-file "$work/schemathesis.toml" run "http://127.0.0.1:$port/openapi.json" \
    --header "Authorization: Bearer $token" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
    --phases examples,coverage,fuzzing \
    --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-25}" \
    --max-time "${SCHEMATHESIS_MAX_TIME:-150}" \
    --workers 1 \
    --seed "${SCHEMATHESIS_SEED:-20190619}" \
    --request-timeout 10 \
    --generation-allow-x00 false \
    --no-color) || status=$?
if grep -q "Traceback" "$work/server.log"; then
    echo "schemathesis.sh: the server logged a traceback:" >&2
    cat "$work/server.log" >&2
    status=1
fi
exit "$status"
