#!/usr/bin/env bash
# Tier-3 browser checks: seed demo data, serve the bench on 127.0.0.1, drive the Desk in Chromium.
# Usage: bash tests/browser/run.sh BENCH_DIR SITE        (env: KPU_BROWSER_PORT, default 8010)
set -euo pipefail

BENCH=$(cd "${1:?usage: run.sh BENCH_DIR SITE}" && pwd)
SITE=${2:?usage: run.sh BENCH_DIR SITE}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
START=$(date +%s)
mkdir -p "$HERE/screenshots"

if [ ! -d "$HERE/node_modules/playwright-core" ]; then
	echo "run.sh: installing playwright-core"
	(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
fi

echo "run.sh: seeding $SITE"
if command -v bench >/dev/null 2>&1; then
	SEED_OUT=$(cd "$BENCH" && bench --site "$SITE" execute kpu_dumas.tests.browser_fixtures.seed)
else
	SEED_OUT=$(cd "$BENCH/sites" && ../env/bin/python -m frappe.utils.bench_helper frappe \
		--site "$SITE" execute kpu_dumas.tests.browser_fixtures.seed)
fi
SEED=$(printf '%s\n' "$SEED_OUT" | tail -n 1)
echo "run.sh: seeded $SEED"

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=${KPU_BROWSER_PORT:-8010}
while ! port_free "$PORT"; do PORT=$((PORT + 1)); done
BASE="http://127.0.0.1:$PORT"

LOG=$(mktemp "${TMPDIR:-/tmp}/kpu-browser-server.XXXXXX.log")
(cd "$BENCH/sites" && KPU_DUMAS_SITE="$SITE" exec ../env/bin/gunicorn --pythonpath "$HERE" \
	-b "127.0.0.1:$PORT" -w 2 --timeout 120 --preload serve:application) >"$LOG" 2>&1 &
SERVER=$!
stop_server() {
	if kill -0 "$SERVER" 2>/dev/null; then
		kill "$SERVER" 2>/dev/null || true
		wait "$SERVER" 2>/dev/null || true
	fi
}
trap stop_server EXIT
trap 'exit 130' INT TERM

echo "run.sh: waiting for $BASE/login (server log: $LOG)"
for _ in $(seq 1 120); do
	if curl -fs -o /dev/null "$BASE/login"; then break; fi
	if ! kill -0 "$SERVER" 2>/dev/null; then
		echo "run.sh: server exited"; cat "$LOG"; exit 1
	fi
	sleep 0.5
done
curl -fsS -o /dev/null "$BASE/login" || { echo "run.sh: server did not answer"; tail -50 "$LOG"; exit 1; }

set +e
BASE="$BASE" SEED="$SEED" node "$HERE/pengaduan.spec.mjs"
STATUS=$?
set -e
[ "$STATUS" -eq 0 ] && rm -f "$LOG"
echo "run.sh: finished in $(($(date +%s) - START)) s (exit $STATUS)" >&2
exit $STATUS
