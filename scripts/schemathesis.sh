#!/usr/bin/env bash
# Property-based tests of the live API (issue 8): start the app with demo data on a loopback port,
# let schemathesis generate requests for every operation from /api/v1/openapi.json — anonymously,
# then with a focal point's token — and stop the server. Fails on server errors, responses that
# break the schema, undocumented status codes and accepted invalid input.
#   make schemathesis                      # SCHEMATHESIS_MAX_TIME=60 (seconds per run) by default
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${SCHEMATHESIS_PORT:-8765}"
MAX_TIME="${SCHEMATHESIS_MAX_TIME:-60}"
WORK="$(mktemp -d)"
export LOCALCOMPACTS_VAR_DIR="$WORK" DJANGO_SETTINGS_MODULE=localcompacts.config.settings.dev
export DEBUG=false API_THROTTLE_ANON=1000000/min API_THROTTLE_TOKEN=1000000/min
unset DATABASE_URL  # a throw-away SQLite database under $WORK
PY=.venv/bin/python
SERVER=""
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

$PY manage.py migrate --noinput --verbosity 0
$PY manage.py seed_demo --governments 40 --pledges 150 --seed 2018 > /dev/null
TOKEN="$($PY manage.py api_token_create --email focal@example.org --name schemathesis)"
$PY manage.py runserver "127.0.0.1:${PORT}" --noreload --nothreading > "$WORK/server.log" 2>&1 &
SERVER=$!
BASE="http://127.0.0.1:${PORT}"
for _ in $(seq 1 60); do
  $PY -c "import urllib.request; urllib.request.urlopen('${BASE}/api/v1/openapi.json', timeout=2)" \
    2>/dev/null && break
  sleep 0.5
done

run() {
  .venv/bin/schemathesis --config-file scripts/schemathesis.toml run "${BASE}/api/v1/openapi.json" \
    --checks all --max-time "$MAX_TIME" --workers 1 --seed 2018 \
    --suppress-health-check too_slow "$@"
}
status=0
echo "--- schemathesis: anonymous"
run || status=1
echo "--- schemathesis: with a focal point's token"
run -H "Authorization: Bearer ${TOKEN}" || status=1
if [ "$status" -ne 0 ]; then
  echo "--- server log (last 40 lines)"; tail -n 40 "$WORK/server.log"
fi
exit "$status"
