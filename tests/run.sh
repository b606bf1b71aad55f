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

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET SDK (see global.json) must be on PATH." >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

dotnet build NewsApi.sln -c Release -v quiet -nologo

status=0
for project in tests/NewsApi.Text.Tests tests/NewsApi.Tests; do
  name=$(basename "$project")
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || status=1
done

# Count test outcomes from the TRX files (one UnitTestResult per test case).
passed=$(cat "$results"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*outcome="Passed"' | wc -l || true)
failed=$(cat "$results"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*outcome="Failed"' | wc -l || true)
echo "$passed passed, $failed failed"
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
if [ "$failed" -ne 0 ] || [ "$status" -ne 0 ]; then
  exit 1
fi
