# Sourced by tests/run.sh and tests/NewsApi.Benchmarks/load.sh: a throwaway PostgreSQL server on 127.0.0.1.
# start_postgres starts one in a fresh folder and exports NEWSAPI_TEST_PG (an Npgsql connection string without a
# database); stop_postgres stops it and removes the folder. The caller provides need_package <check> <package>...
# (installing a missing Debian package, or failing).
pg_bindir=""
pg_data=""
# As root the server runs as the system user postgres; as anyone else, as that user.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
start_postgres() {
  pg_bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$pg_bindir" ] || [ ! -x "$pg_bindir/initdb" ]; then
    need_package /nonexistent/initdb postgresql || return 1
    pg_bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql postgres
  fi
  pg_data=$(mktemp -d /tmp/newsapi-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres "$pg_data"
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
  as_pg "$pg_bindir/initdb" -D "$pg_data/db" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  as_pg "$pg_bindir/pg_ctl" -D "$pg_data/db" -l "$pg_data/log" -w -t 60 \
    -o "-p $port -k $pg_data -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
  pg_port=$port
  export NEWSAPI_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Timeout=30;Command Timeout=60"
}
stop_postgres() {
  if [ -n "$pg_data" ] && [ -d "$pg_data/db" ]; then
    as_pg "$pg_bindir/pg_ctl" -D "$pg_data/db" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_data"
  fi
}
create_database() { # create_database <name>: an empty database on the running server
  as_pg "$pg_bindir/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres "$1"
}
