#!/bin/sh
# The PostgreSQL suite runs on Debian's PostgreSQL 15 inside pg_virtualenv (a throw-away cluster
# on localhost). Install postgresql-15 and postgresql-common when they are missing and we are
# allowed to; otherwise say exactly what to do.
set -e
if command -v pg_virtualenv >/dev/null 2>&1 && [ -x /usr/lib/postgresql/15/bin/postgres ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
	echo "PostgreSQL 15 is missing: installing Debian's postgresql-15 and postgresql-common for the PostgreSQL suite…"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 postgresql-common >/dev/null
	exit 0
fi
echo "The PostgreSQL suite needs Debian's PostgreSQL 15: run 'sudo apt-get install -y postgresql-15 postgresql-common'," >&2
echo "or point AVANCE_TEST_PG_URL at a server where the user may create databases." >&2
exit 1
