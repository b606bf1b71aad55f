#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what the tests need, builds once, runs every test project,
# and ends with "N passed, N failed" counted from the TRX results. Exits non-zero on any failure or when no test ran.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# Packages come from Debian. As root they are installed directly; otherwise through sudo when it works without a
# password; otherwise the run says exactly what to install and goes on with what it can run.
apt_updated=0
missing_packages=()
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"; else return 1; fi
}
need_package() { # need_package <command-to-check> <debian-package>...
  local check=$1; shift
  if ! command -v "$check" >/dev/null 2>&1 && ! [ -x "$check" ]; then
    if [ "$apt_updated" = 0 ]; then as_root apt-get update -qq || true; apt_updated=1; fi
    if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; then
      missing_packages+=("$@")
      echo "Not root and no password-less sudo: install these Debian packages first (sudo apt-get install $*); going on without them." >&2
      return 1
    fi
  fi
}

# The reader page's browser tests drive Debian's Chromium (never a downloaded browser); the client checks need node.
need_package /usr/bin/chromium chromium || true
need_package node nodejs || true
need_package npm npm || true

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET SDK (see global.json) must be on PATH." >&2
  exit 1
fi

# A throwaway PostgreSQL server on 127.0.0.1 (start_postgres, stop_postgres), shared with the load benchmark.
source "$root/tests/postgres.sh"
trap stop_postgres EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

dotnet build NewsApi.sln -c Release -v quiet -nologo

# Any front end can consume the API: openapi.json passes Spectral (tests/clients/.spectral.yaml, spectral:oas with no
# exemption) and the OWASP API Security ruleset (tests/clients/.spectral-owasp.yaml), a typed client
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
client_check spectral-owasp npx --no-install spectral lint --ruleset .spectral-owasp.yaml --fail-severity error ../../openapi.json
client_check openapi-typescript npx --no-install openapi-typescript ../../openapi.json --output api.d.ts
client_check tsc npx --no-install tsc --strict --noEmit --project tsconfig.json

# A second generated client: C# by Kiota (a local dotnet tool) from openapi.json, compiled and run against the live app
# (a real process on 127.0.0.1 over a throwaway SQLite file) behind Prism's validating proxy. Each of its checks counts
# as a passed or failed test.
client_passes=0
kiota_client_check() {
  local work port key pid ready=0
  work=$(mktemp -d /tmp/newsapi-kiota.XXXXXX)
  export KIOTA_UPDATE_DISABLED=true KIOTA_TUTORIAL_ENABLED=false KIOTA_OFFLINE_ENABLED=true
  dotnet tool restore >/dev/null
  (cd tests/clients/csharp && dotnet kiota generate -l CSharp -d ../../../openapi.json -o Generated -c NewsApiClient \
    -n NewsApi.Client --clean-output --log-level Error) || { rm -rf "$work"; return 1; }
  dotnet build tests/clients/csharp -c Release -v quiet -nologo || { rm -rf "$work"; return 1; }
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  local app=src/NewsApi/bin/Release/net10.0/NewsApi.dll
  export ConnectionStrings__NewsDb="Data Source=$work/news.db" Database__Provider=Sqlite RateLimiting__Enabled=false
  key=$(dotnet "$app" keys create --name kiota-client --scope content.write | tail -n 1)
  dotnet "$app" --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then ready=1; break; fi
    sleep 0.5
  done
  unset ConnectionStrings__NewsDb Database__Provider RateLimiting__Enabled
  # The client talks to the app through Prism's validating proxy: a request or response the document does not
  # describe comes back as Prism's 500, and the client's check fails.
  local proxy_port proxy_pid proxy_ready=0
  proxy_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  tests/clients/node_modules/.bin/prism proxy openapi.json "http://127.0.0.1:$port" --errors --host 127.0.0.1 \
    --port "$proxy_port" >"$work/prism.log" 2>&1 &
  proxy_pid=$!
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$proxy_port/health/live" >/dev/null 2>&1; then proxy_ready=1; break; fi
    sleep 0.5
  done
  if [ "$ready" = 1 ] && [ "$proxy_ready" = 1 ]; then
    dotnet tests/clients/csharp/bin/Release/net10.0/NewsApi.KiotaClientCheck.dll "http://127.0.0.1:$proxy_port" \
      "http://127.0.0.1:$port" "$key" | tee "$work/out" || true
  else
    echo "The app or Prism did not become ready for the Kiota client:" >&2; cat "$work/app.log" "$work/prism.log" >&2
    echo "FAILED app start" >"$work/out"
  fi
  kill "$proxy_pid" "$pid" 2>/dev/null; wait "$proxy_pid" "$pid" 2>/dev/null || true
  client_passes=$((client_passes + $(grep -c '^ok ' "$work/out" || true)))
  client_failures=$((client_failures + $(grep -c '^FAILED ' "$work/out" || true)))
  rm -rf "$work"
}
kiota_client_check || { echo "client check failed: kiota" >&2; client_failures=$((client_failures + 1)); }

status=0
run_tests() { # run_tests <project> <results-name>
  dotnet test "$1" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$2.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || status=1
}
run_tests tests/NewsApi.Text.Tests NewsApi.Text.Tests
NEWSAPI_TEST_PROVIDER=Sqlite run_tests tests/NewsApi.Tests NewsApi.Tests.Sqlite
if start_postgres; then
  NEWSAPI_TEST_PROVIDER=Postgres run_tests tests/NewsApi.Tests NewsApi.Tests.Postgres
  stop_postgres
else
  echo "PostgreSQL could not be started: the PostgreSQL run of the integration suite was left out." >&2
  status=1
fi

# Count test outcomes from the TRX files (one UnitTestResult per test case).
passed=$(cat "$results"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*outcome="Passed"' | wc -l || true)
passed=$((passed + client_passes))
failed=$(cat "$results"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*outcome="Failed"' | wc -l || true)
failed=$((failed + client_failures))
if [ ${#missing_packages[@]} -gt 0 ]; then
  echo "Left out for want of Debian packages (install them and run again): ${missing_packages[*]}" >&2
  status=1
fi
echo "$passed passed, $failed failed"
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
if [ "$failed" -ne 0 ] || [ "$status" -ne 0 ]; then
  exit 1
fi
