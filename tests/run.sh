#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what the tests need, builds once, runs every test project,
# and ends with "N passed, N failed" counted from the TRX results. Exits non-zero on any failure or when no test ran.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

apt_updated=0
need_package() { # need_package <command-to-check> <debian-package>...
  local check=$1; shift
  if ! command -v "$check" >/dev/null 2>&1 && ! [ -x "$check" ]; then
    if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  fi
}

# The reader page's browser tests drive Debian's Chromium (never a downloaded browser); the client checks need node.
need_package /usr/bin/chromium chromium
need_package node nodejs
need_package npm npm

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET SDK (see global.json) must be on PATH." >&2
  exit 1
fi

# A throwaway PostgreSQL server on 127.0.0.1, for the second run of the integration suite. Stopped on exit.
pg_bindir=""
pg_data=""
start_postgres() {
  pg_bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$pg_bindir" ] || [ ! -x "$pg_bindir/initdb" ]; then
    need_package /nonexistent/initdb postgresql
    pg_bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql postgres
  pg_data=$(mktemp -d /tmp/newsapi-pg.XXXXXX)
  chown postgres "$pg_data"
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
  runuser -u postgres -- "$pg_bindir/initdb" -D "$pg_data/db" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  runuser -u postgres -- "$pg_bindir/pg_ctl" -D "$pg_data/db" -l "$pg_data/log" -w -t 60 \
    -o "-p $port -k $pg_data -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
  export NEWSAPI_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Timeout=30;Command Timeout=60"
}
stop_postgres() {
  if [ -n "$pg_data" ] && [ -d "$pg_data/db" ]; then
    runuser -u postgres -- "$pg_bindir/pg_ctl" -D "$pg_data/db" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_data"
  fi
}
trap stop_postgres EXIT

# The fixture pages live in shared/ beside the repository. A clone made elsewhere (git clone . /tmp/ci) finds them
# beside the repository it was cloned from.
if [ -z "${NEWSAPI_FIXTURES:-}" ] && [ ! -d "$root/../shared/fixtures/pages" ]; then
  origin=$(git -C "$root" remote get-url origin 2>/dev/null || true)
  if [ -n "$origin" ] && [ -d "$origin/../shared/fixtures/pages" ]; then
    export NEWSAPI_FIXTURES=$(cd "$origin/../shared/fixtures/pages" && pwd)
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

dotnet build NewsApi.sln -c Release -v quiet -nologo

# Any front end can consume the API: openapi.json passes Spectral (tests/clients/.spectral.yaml), a typed client
# generated from it by openapi-typescript compiles, and so does a consumer of that client under tsc --strict.
# A failure here fails the run (counted below next to the test results).
client_failures=0
client_check() { # client_check <name> <command>...
  if ! (cd tests/clients && "${@:2}"); then
    echo "client check failed: $1" >&2
    client_failures=$((client_failures + 1))
  fi
}
if [ ! -d tests/clients/node_modules ] || [ tests/clients/package-lock.json -nt tests/clients/node_modules/.package-lock.json ]; then
  # --ignore-scripts: the packages need no install step, and one of them would otherwise phone home.
  (cd tests/clients && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
client_check spectral npx --no-install spectral lint --ruleset .spectral.yaml --fail-severity error ../../openapi.json
client_check openapi-typescript npx --no-install openapi-typescript ../../openapi.json --output api.d.ts
client_check tsc npx --no-install tsc --strict --noEmit --project tsconfig.json

status=0
run_tests() { # run_tests <project> <results-name>
  dotnet test "$1" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$2.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || status=1
}
run_tests tests/NewsApi.Text.Tests NewsApi.Text.Tests
NEWSAPI_TEST_PROVIDER=Sqlite run_tests tests/NewsApi.Tests NewsApi.Tests.Sqlite
start_postgres
NEWSAPI_TEST_PROVIDER=Postgres run_tests tests/NewsApi.Tests NewsApi.Tests.Postgres
stop_postgres

# Count test outcomes from the TRX files (one UnitTestResult per test case).
passed=$(cat "$results"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*outcome="Passed"' | wc -l || true)
failed=$(cat "$results"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*outcome="Failed"' | wc -l || true)
failed=$((failed + client_failures))
echo "$passed passed, $failed failed"
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
if [ "$failed" -ne 0 ] || [ "$status" -ne 0 ]; then
  exit 1
fi
