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
AVANCE_PG_INSIDE=1 exec pg_virtualenv -v 15 sh "$0" "$@"
