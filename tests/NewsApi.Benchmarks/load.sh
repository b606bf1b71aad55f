#!/usr/bin/env bash
# HTTP load benchmark of NewsApi against raw Kestrel serving the same bytes, on 127.0.0.1 only.
#   bash tests/NewsApi.Benchmarks/load.sh
# Installs wrk (Debian) when missing, publishes the app and the baseline in Release, generates a 100k- and a
# 10k-article SQLite database, and measures with wrk (2 threads x 32 connections, DURATION s per run):
#   (a) one article by slug (random among 1000 slugs), (b) random list pages 1-500 (pageSize 20),
#   (c) random tone-insensitive searches (20 queries, folded and with tones) pages 1-5;
# each with the output cache on (the product as shipped) and off (every request reaches the database), and
# raw Kestrel on the same URLs. Prints a Markdown table and writes it to tests/NewsApi.Benchmarks/results.md.
# Environment: DURATION (default 15), WARMUP (default 3), WORK (scratch folder, default /tmp/newsapi-load).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
duration=${DURATION:-15}
warmup=${WARMUP:-3}
work=${WORK:-/tmp/newsapi-load}
threads=2
connections=32
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v wrk >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

rm -rf "$work"
mkdir -p "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

urlencode() { # bytes outside [A-Za-z0-9.~_-] as %XX, spaces as +
  local LC_ALL=C s=$1 out="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case "$c" in
      [a-zA-Z0-9.~_-]) out+=$c ;;
      ' ') out+='+' ;;
      *) out+=$(printf '%%%02X' "'$c") ;;
    esac
  done
  printf '%s' "$out"
}

wait_ready() { # wait_ready <url>
  for _ in $(seq 1 300); do
    curl -sf -o /dev/null "$1" && return 0
    sleep 0.2
  done
  echo "Not ready: $1" >&2
  exit 1
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== Publishing (Release)"
dotnet publish src/NewsApi -c Release -o "$work/app" -v quiet -nologo >/dev/null
dotnet publish tests/NewsApi.Benchmarks/Baseline -c Release -o "$work/baseline" -v quiet -nologo >/dev/null

generate() { # generate <n> <db>: prints the command's closing line
  (cd "$work" && ConnectionStrings__NewsDb="Data Source=$2" Logging__LogLevel__Default=Warning \
    dotnet "$work/app/NewsApi.dll" generate --articles "$1" | tail -n 1)
}
echo "== Generating databases"
generated_100k=$(generate 100000 "$work/news-100k.db")
echo "$generated_100k"
generate 10000 "$work/news-10k.db"

app_pid=""
app_port=""
start_app() { # start_app <db> <output-cache on|off>
  app_port=$(free_port)
  (cd "$work" && exec env ConnectionStrings__NewsDb="Data Source=$1" RateLimiting__Enabled=false OutputCache__Enabled=$([ "$2" = on ] && echo true || echo false) \
    ASPNETCORE_ENVIRONMENT=Production dotnet "$work/app/NewsApi.dll" --urls "http://127.0.0.1:$app_port" >"$work/app-$app_port.log" 2>&1) &
  app_pid=$!
  pids+=("$app_pid")
  wait_ready "http://127.0.0.1:$app_port/health/ready"
}
stop_app() {
  kill "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
}

# The URL lists (request targets exactly as wrk sends them) for a database: slugs sampled through the API itself.
make_urls() { # make_urls <prefix>
  local prefix=$1 page
  : >"$work/$prefix-slug.txt"
  RANDOM=42
  for _ in $(seq 1 10); do
    page=$((1 + RANDOM % 90)) # both databases have at least 100 pages of 100
    curl -sf "http://127.0.0.1:$app_port/api/v1/articles?page=$page&pageSize=100" \
      | { grep -o '"id":[0-9]*,"slug":"[^"]*"' || true; } | sed 's/.*"slug":"\([^"]*\)"/\/api\/v1\/articles\/\1/' >>"$work/$prefix-slug.txt"
  done
  if [ "$(wc -l <"$work/$prefix-slug.txt")" -lt 900 ]; then echo "Too few slugs sampled" >&2; exit 1; fi
  for page in $(seq 1 500); do echo "/api/v1/articles?page=$page&pageSize=20"; done >"$work/$prefix-list.txt"
  : >"$work/$prefix-search.txt"
  local queries=("huấn luyện" "hoi nghi quan chinh" "biên phòng" "dien tap khu vuc phong thu" "Lạng Sơn" "chien si moi" "dân vận"
    "thi dua quyet thang" "hội thao kỹ thuật" "tuan tra bien gioi" "Quân khu" "nha tinh nghia" "tìm kiếm cứu nạn" "vu khi trang bi"
    "Hải quân" "khac phuc hau qua bao lu" "Đại tá" "giao nhan quan" "sẵn sàng chiến đấu" "quoc phong toan dan")
  for q in "${queries[@]}"; do
    for page in 1 2 3 4 5; do echo "/api/v1/articles?q=$(urlencode "$q")&page=$page"; done
  done >"$work/$prefix-search.txt"
}

# Fetches every URL's body from the running app once, for the baseline to serve.
capture() { # capture <prefix>...
  mkdir -p "$work/bodies"
  : >"$work/bodies/manifest.tsv"
  : >"$work/bodies/curl.cfg"
  local n=0 prefix target
  for prefix in "$@"; do
    for kind in slug list search; do
      while read -r target; do
        n=$((n + 1))
        printf 'url = "http://127.0.0.1:%s%s"\noutput = "%s/bodies/%d.json"\n' "$app_port" "$target" "$work" "$n" >>"$work/bodies/curl.cfg"
        printf '%s\t%d.json\n' "$target" "$n" >>"$work/bodies/manifest.tsv"
      done <"$work/$prefix-$kind.txt"
    done
  done
  curl -sf -K "$work/bodies/curl.cfg"
}

cat >"$work/random.lua" <<'LUA'
-- Requests random targets from the file named by the first argument; reports one parseable line at the end.
local targets = {}
init = function(args)
  for line in io.lines(args[1]) do targets[#targets + 1] = line end
  math.randomseed(os.time() + math.floor(os.clock() * 1e9))
end
request = function()
  return wrk.format("GET", targets[math.random(#targets)])
end
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.2f %d\n", summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000, errors))
end
LUA

declare -A rps p99
measure() { # measure <label> <port> <url-file>
  local label=$1 port=$2 urls=$3 out
  wrk -t"$threads" -c"$connections" -d"${warmup}s" -s "$work/random.lua" "http://127.0.0.1:$port" "$urls" >/dev/null
  out=$(wrk -t"$threads" -c"$connections" -d"${duration}s" -s "$work/random.lua" "http://127.0.0.1:$port" "$urls")
  read -r _ r p e <<<"$(grep '^RESULT' <<<"$out")"
  if [ "$e" != 0 ]; then echo "!! $label: $e errors or non-2xx answers" >&2; fi
  rps[$label]=$r
  p99[$label]=$p
  printf '%-28s %10s req/s   p99 %8s ms   errors %s\n' "$label" "$r" "$p" "$e"
}

rss_file="$work/rss"
track_rss() { # track_rss <pid> <seconds> -> peak in $rss_file
  local end=$((SECONDS + $2)) kb peak=0
  while [ $SECONDS -lt $end ] && [ -e "/proc/$1" ]; do
    kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0)
    [ "${kb:-0}" -gt "$peak" ] && peak=$kb && echo "$peak" >"$rss_file"
    sleep 0.5
  done
}

echo "== 10k articles, output cache off (for the scaling ratio)"
start_app "$work/news-10k.db" off
make_urls k10
for kind in slug list search; do measure "10k-nocache-$kind" "$app_port" "$work/k10-$kind.txt"; done
stop_app

measure_100k_with_rss() { # measure_100k_with_rss <label prefix>: the three scenarios on the running app; peak RSS (kB) in $peak_kb
  local tracker kind
  echo 0 >"$rss_file"
  track_rss "$app_pid" 100000 &
  tracker=$!
  for kind in slug list search; do measure "$1-$kind" "$app_port" "$work/k100-$kind.txt"; done
  kill "$tracker" 2>/dev/null || true
  peak_kb=$(cat "$rss_file")
}

echo "== 100k articles, output cache on (as shipped)"
start_app "$work/news-100k.db" on
make_urls k100
capture k100
measure_100k_with_rss 100k-cache
rss_cached_kb=$peak_kb
stop_app

echo "== 100k articles, output cache off (every request reaches the database)"
start_app "$work/news-100k.db" off
measure_100k_with_rss 100k-nocache
rss_uncached_kb=$peak_kb
stop_app

echo "== Raw Kestrel baseline, same bytes"
base_port=$(free_port)
(cd "$work" && exec dotnet "$work/baseline/Baseline.dll" "$work/bodies/manifest.tsv" --urls "http://127.0.0.1:$base_port" >"$work/baseline.log" 2>&1) &
base_pid=$!
pids+=("$base_pid")
wait_ready "http://127.0.0.1:$base_port$(head -n 1 "$work/k100-list.txt")"
for kind in slug list search; do measure "baseline-$kind" "$base_port" "$work/k100-$kind.txt"; done
kill "$base_pid" 2>/dev/null || true

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.0f", kb / 1024 }'; }
verdict() { awk -v v="$1" -v goal="$2" -v dir="$3" 'BEGIN { ok = (dir == ">=" ? v >= goal : v <= goal); print (ok ? "met" : "not met") }'; }

{
  echo "| scenario (100k articles) | app req/s | app p99 ms | raw Kestrel req/s | raw Kestrel p99 ms | app / raw | goal |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
  for kind in slug list search; do
    case $kind in
      slug) name="article by slug"; goal=0.60 ;;
      list) name="random list pages 1-500"; goal=0.40 ;;
      search) name="random searches, pages 1-5"; goal=0.15 ;;
    esac
    for mode in cache nocache; do
      label="100k-$mode-$kind"
      r=$(ratio "${rps[$label]}" "${rps[baseline-$kind]}")
      echo "| $name, $([ $mode = cache ] && echo "output cache on (as shipped)" || echo "output cache off") | ${rps[$label]} | ${p99[$label]} | ${rps[baseline-$kind]} | ${p99[baseline-$kind]} | $r | ≥ $goal: $(verdict "$r" "$goal" ">=") |"
    done
  done
  echo
  echo "| cost at 100k vs 10k (output cache off: req/s at 10k ÷ req/s at 100k) | 10k req/s | 100k req/s | ratio | goal |"
  echo "| --- | ---: | ---: | ---: | --- |"
  for kind in slug list search; do
    r=$(ratio "${rps[10k-nocache-$kind]}" "${rps[100k-nocache-$kind]}")
    echo "| $kind | ${rps[10k-nocache-$kind]} | ${rps[100k-nocache-$kind]} | $r | ≤ 1.3: $(verdict "$r" 1.3 "<=") |"
  done
  echo
  echo "| memory (100k) | peak VmRSS | goal |"
  echo "| --- | ---: | --- |"
  echo "| output cache on | $(mb "$rss_cached_kb") MB | ≤ 250 MB: $(verdict "$(mb "$rss_cached_kb")" 250 "<=") |"
  echo "| output cache off | $(mb "$rss_uncached_kb") MB | ≤ 250 MB: $(verdict "$(mb "$rss_uncached_kb")" 250 "<=") |"
  echo
  echo "\"Output cache off\" is OutputCache:Enabled=false: every request runs the endpoint and its queries; a list's total and a"
  echo "search's ranking (its best 1000 hits, within the 10,000 most recently added matches) are still shared for up to 5 s"
  echo "between the pages of one list (anonymous reads only)."
  echo
  echo "wrk ${threads} threads × ${connections} connections, ${duration} s per run after ${warmup} s of warm-up, app and wrk on the same machine:"
  echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, $(. /etc/os-release && echo "$PRETTY_NAME"), .NET $(dotnet --version)."
  echo "Data: \`generate --articles 100000\` ($generated_100k) and 10000. Load average before the run: $load_before."
} >"$work/results.md"
cp "$work/results.md" "$root/tests/NewsApi.Benchmarks/results.md"
echo
cat "$work/results.md"
