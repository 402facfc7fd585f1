#!/bin/sh
# `npm run test:pg`: the integration suite, and the browser journey on PostgreSQL, against a real
# PostgreSQL server: the one AVANCE_TEST_PG_URL (or PGHOST) names, else a throw-away PostgreSQL 15
# cluster that pg_virtualenv creates on localhost and drops afterwards. Extra arguments go to the
# integration run (e.g. one file).
set -eu
cd "$(dirname "$0")/../.."
suite() {
	AVANCE_TEST_PG=1 npx vitest run --project integration "$@"
	if [ "$#" -eq 0 ]; then AVANCE_TEST_PG=1 npx vitest run --project browser tests/browser/postgres-journey.test.ts; fi
}
if [ "${AVANCE_PG_INSIDE:-}" = "1" ] || [ -n "${AVANCE_TEST_PG_URL:-}" ] || [ -n "${PGHOST:-}" ]; then
	suite "$@"
	exit 0
fi
sh tests/setup/ensure-postgres.sh
# When the suite fails, pg_virtualenv prints the last 100 lines of the server's log after it, so a
# CI that keeps only the end of the output showed PostgreSQL's checkpoints and never the failing
# test. The suite's own output is therefore kept, and its failures printed again after that log.
output=$(mktemp)
status=0
{ AVANCE_PG_INSIDE=1 pg_virtualenv -v 15 -o log_checkpoints=off sh "$0" "$@" 2>&1 || echo "$?" > "$output.status"; } | tee "$output"
if [ -s "$output.status" ]; then
	status=$(cat "$output.status")
	echo
	echo "=== test:pg failed (exit $status). What the suite reported, again (the server's log is above): ==="
	grep -E '(FAIL|×|✗| Test Files | Tests |Error:|AssertionError|expected )' "$output" | grep -v ' LOG: ' | tail -60 || true
fi
rm -f "$output" "$output.status"
exit "$status"
