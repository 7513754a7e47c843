#!/usr/bin/env bash
# A throwaway PostgreSQL server for the store tests: install it from Debian's packages (when
# missing), initdb a cluster in a temporary directory, start it on 127.0.0.1:$FACTWIRE_PG_PORT
# (default 54329), create a database, and print the line that points the tests at it:
#   eval "$(.ci/postgres.sh)"   # sets FACTWIRE_TEST_PG
# All diagnostics go to stderr; stdout carries only the export line. initdb refuses to run as
# root, so as root the cluster belongs to the `postgres` user that the package creates.
set -euo pipefail
PORT="${FACTWIRE_PG_PORT:-54329}"
# a port something already listens on (an earlier run's server) is skipped, not fought over
while (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do PORT=$((PORT + 1)); done

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
DIR="$(mktemp -d /tmp/factwire-pg.XXXXXX)"

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DIR"; fi

as_owner "$BIN/initdb" -D "$DIR/data" -U factwire --auth=trust -E UTF8 --no-locale >&2
as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off" start >&2
as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U factwire factwire_test >&2
echo "stop it with: runuser -u postgres -- $BIN/pg_ctl -D $DIR/data stop" >&2
echo "export FACTWIRE_TEST_PG=postgresql+psycopg://factwire@127.0.0.1:$PORT/factwire_test"
