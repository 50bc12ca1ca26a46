#!/usr/bin/env bash
# Tier-3 browser checks: seed demo data, serve the bench on 127.0.0.1, run every *.spec.mjs in Chromium.
# Usage: bash tests/browser/run.sh BENCH_DIR SITE        (env: KPU_BROWSER_PORT, default 8010;
#        KPU_BROWSER_SPECS, names of the specs to run, default all)
set -euo pipefail

BENCH=$(cd "${1:?usage: run.sh BENCH_DIR SITE}" && pwd)
SITE=${2:?usage: run.sh BENCH_DIR SITE}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
START=$(date +%s)
mkdir -p "$HERE/screenshots"

if [ ! -d "$HERE/node_modules/playwright-core" ] || [ ! -d "$HERE/node_modules/axe-core" ]; then
	echo "run.sh: installing playwright-core and axe-core"
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
	# Our gunicorn, not another server that held the port first: it says where it listens.
	if grep -q "Listening at: $BASE" "$LOG" && curl -fs -o /dev/null "$BASE/login"; then break; fi
	if ! kill -0 "$SERVER" 2>/dev/null; then
		echo "run.sh: server exited"; cat "$LOG"; exit 1
	fi
	sleep 0.5
done
grep -q "Listening at: $BASE" "$LOG" || { echo "run.sh: our server is not listening on $BASE"; tail -50 "$LOG"; exit 1; }
curl -fsS -o /dev/null "$BASE/login" || { echo "run.sh: server did not answer"; tail -50 "$LOG"; exit 1; }

# Every tests/browser/*.spec.mjs runs, each in its own node process; each ends with its own
# "browser: N passed, N failed" line and exits non-zero on failure. The sum is the last line here.
STATUS=0
TOTAL_PASSED=0
TOTAL_FAILED=0
shopt -s nullglob
SPECS=("$HERE"/*.spec.mjs)
shopt -u nullglob
# KPU_BROWSER_SPECS="portal jalur": only those specs (while developing one); CI runs them all.
if [ -n "${KPU_BROWSER_SPECS:-}" ]; then
	WANTED=()
	for NAME in $KPU_BROWSER_SPECS; do [ -f "$HERE/$NAME.spec.mjs" ] && WANTED+=("$HERE/$NAME.spec.mjs"); done
	SPECS=("${WANTED[@]}")
fi
[ "${#SPECS[@]}" -gt 0 ] || { echo "run.sh: no *.spec.mjs in $HERE"; STATUS=1; }
for SPEC in "${SPECS[@]}"; do
	echo "run.sh: $(basename "$SPEC")"
	OUT=$(mktemp "${TMPDIR:-/tmp}/kpu-browser-spec.XXXXXX")
	set +e
	BASE="$BASE" SEED="$SEED" node "$SPEC" 2>&1 | tee "$OUT"
	SPEC_STATUS=${PIPESTATUS[0]}
	set -e
	LINE=$(grep -oE 'browser: [0-9]+ passed, [0-9]+ failed' "$OUT" | tail -n 1 || true)
	rm -f "$OUT"
	if [ -z "$LINE" ]; then
		echo "run.sh: $(basename "$SPEC") ended (exit $SPEC_STATUS) without its summary line: counted as 1 failed"
		TOTAL_FAILED=$((TOTAL_FAILED + 1))
		STATUS=1
		continue
	fi
	SPEC_PASSED=$(sed -E 's/browser: ([0-9]+) passed.*/\1/' <<<"$LINE")
	SPEC_FAILED=$(sed -E 's/.* ([0-9]+) failed/\1/' <<<"$LINE")
	TOTAL_PASSED=$((TOTAL_PASSED + SPEC_PASSED))
	TOTAL_FAILED=$((TOTAL_FAILED + SPEC_FAILED))
	if [ "$SPEC_STATUS" -ne 0 ]; then
		STATUS=1
		[ "$SPEC_FAILED" -eq 0 ] && TOTAL_FAILED=$((TOTAL_FAILED + 1)) # crashed after its summary
	fi
done
[ "$TOTAL_FAILED" -gt 0 ] && STATUS=1
[ "$STATUS" -eq 0 ] && rm -f "$LOG"
echo "run.sh: ${#SPECS[@]} spec file(s) finished in $(($(date +%s) - START)) s (exit $STATUS)"
echo "browser: $TOTAL_PASSED passed, $TOTAL_FAILED failed"
exit $STATUS
