#!/usr/bin/env bash
# HTTP load benchmark of NewsApi against raw Kestrel serving the same bytes, on 127.0.0.1 only.
#   bash tests/NewsApi.Benchmarks/load.sh
# Installs wrk (Debian) when missing, publishes the app and the baseline in Release, generates a 100k- and a
# 10k-article SQLite database, and measures with wrk (2 threads x 32 connections, DURATION s per run):
#   (a) one article by slug (random among 1000 slugs), (b) random list pages 1-500 (pageSize 20),
#   (c) random tone-insensitive searches (20 queries, folded and with tones) pages 1-5;
# each with the output cache on (the product as shipped) and off (every request reaches the database), and
# raw Kestrel on the same URLs (the same bytes with the same response headers: ETag, Cache-Control, Vary, security
# headers; the same GC settings as the app). Then the same 100k articles on a throwaway PostgreSQL server (cache on and
# off). With MILLION=1, also 1,000,000 generated articles on SQLite, output cache off, against the 100k costs
# (MILLION_DB=<file> uses a database generated beforehand, MILLION_GENERATED=<the generate command's closing line>).
# Prints a Markdown table and writes it to tests/NewsApi.Benchmarks/results.md with the commit it measured.
# Then (d) an adversarial run: random filtered and multi-word searches with dates, sorts, contributors and a
# cache-busting parameter, at the same 32 connections, rate limiting off (as if from many addresses), output cache on;
# it reports p99, the slowest /health/ready answer while it ran (probed every 0.2 s) and how long after the clients
# stop the app's CPU is idle again. Its results go to tests/NewsApi.Benchmarks/adversarial.md.
# Environment: DURATION (default 15), WARMUP (default 3), WORK (scratch folder, default /tmp/newsapi-load; REUSE=1 keeps
# the 100k and 10k databases an earlier run generated there);
# ONLY=adversarial runs (d) alone on a database of ARTICLES (default 100000) articles, or on DB (an existing file);
# with PROVIDER=Postgres, on ARTICLES generated on a throwaway PostgreSQL server (tests/NewsApi.Benchmarks/adversarial-postgres.md);
# ONLY=related measures related articles, section and tag pages, photo renditions and articles with and without photos
# the same way (see related_urls below). ONLY=million (after a full run in the same WORK, with MILLION_DB) measures the
# uncached costs at 100k and at 1M articles one after the other and writes tests/NewsApi.Benchmarks/million.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
duration=${DURATION:-15}
warmup=${WARMUP:-3}
work=${WORK:-/tmp/newsapi-load}
threads=2
connections=32
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

need_package() { # need_package <command-to-check> <debian-package>...: installs it when missing (as root)
  local check=$1; shift
  if ! command -v "$check" >/dev/null 2>&1 && ! [ -x "$check" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  fi
}
need_package wrk wrk
source "$root/tests/postgres.sh"

if [ -z "${DB:-}" ] && [ "${ONLY:-}" != postgres ] && [ "${REUSE:-}" != 1 ]; then rm -rf "$work"; fi
mkdir -p "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  stop_postgres
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
adversarial() { # adversarial <db> <articles>: the attack of issue 13, measured; writes $work/adversarial.md
  local db=$1 articles=$2 health="$work/health.txt" out p99ms errors rps cpu_idle_after
  cat >"$work/adversarial.lua" <<'LUA'
-- Random searches that defeat the output cache: several folded words, date ranges, sorts, contributors, a buster.
local words = { "huan", "luyen", "quan", "doi", "bien", "phong", "hoi", "nghi", "chien", "si", "moi", "dan", "van",
  "thi", "dua", "quyet", "thang", "ky", "thuat", "tuan", "tra", "khu", "a", "b", "c", "d", "t", "h", "n", "nam", "ngay" }
local sorts = { "-publishedAt", "publishedAt", "-updatedAt", "relevance" }
init = function(args) math.randomseed(os.time() + math.floor(os.clock() * 1e9)) end
local function date() return string.format("%04d-%02d-%02d", math.random(2000, 2026), math.random(1, 12), math.random(1, 28)) end
request = function()
  local q = {}
  for i = 1, math.random(1, 4) do q[#q + 1] = words[math.random(#words)] end
  local target = "/api/v1/articles?q=" .. table.concat(q, "+") .. "&page=" .. math.random(1, 20) .. "&sort=" .. sorts[math.random(#sorts)]
  if math.random() < 0.7 then target = target .. "&from=" .. date() end
  if math.random() < 0.3 then target = target .. "&to=2030-01-01" end
  if math.random() < 0.3 then target = target .. "&contributor=" .. math.random(1, 60) end
  return wrk.format("GET", target .. "&_=" .. math.random(1, 1e9))
end
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.2f %d %d %.2f\n", summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000,
    errors, summary.errors.status, latency.max / 1000))
end
LUA
  start_app "$db" on
  # Warm-up: EF Core compiles each combination of filters and sort once (tens of them); that is start-up, not load.
  wrk -t"$threads" -c"$connections" -d"$((warmup * 3))s" --timeout 30s -s "$work/adversarial.lua" "http://127.0.0.1:$app_port" >/dev/null
  sleep 2
  : >"$health"
  ( while :; do curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$app_port/health/ready" >>"$health"; sleep 0.2; done ) &
  local prober=$!
  out=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 30s -s "$work/adversarial.lua" "http://127.0.0.1:$app_port")
  kill "$prober" 2>/dev/null || true
  wait "$prober" 2>/dev/null || true
  read -r _ rps p99ms errors status_errors max_ms <<<"$(grep '^RESULT' <<<"$out")"
  # CPU idle: the first 0.5 s after the clients stop in which the app used under 5 % of one core.
  local tick start_ticks now_ticks elapsed=0 hz
  hz=$(getconf CLK_TCK)
  cpu_idle_after=">10"
  start_ticks=$(awk '{print $14 + $15}' "/proc/$app_pid/stat")
  while [ "$elapsed" -lt 20 ]; do
    sleep 0.5
    elapsed=$((elapsed + 1))
    now_ticks=$(awk '{print $14 + $15}' "/proc/$app_pid/stat")
    tick=$((now_ticks - start_ticks))
    start_ticks=$now_ticks
    if awk -v t="$tick" -v hz="$hz" 'BEGIN { exit !(t / hz < 0.025) }'; then cpu_idle_after=$(awk -v e="$elapsed" 'BEGIN { printf "%.1f", e / 2 }'); break; fi
  done
  stop_app
  local health_max health_p99 health_n health_bad
  health_n=$(wc -l <"$health")
  health_bad=$(awk '$1 != 200' "$health" | wc -l)
  health_max=$(awk '{ if ($2 > m) m = $2 } END { printf "%.1f", m * 1000 }' "$health")
  health_p99=$(awk '{ print $2 * 1000 }' "$health" | sort -n | awk '{ a[NR] = $1 } END { i = int(NR * 0.99); if (i < 1) i = 1; printf "%.1f", a[i] }')
  {
    echo "| adversarial searches ($articles articles, $provider, output cache on, rate limit off) | value | goal |"
    echo "| --- | ---: | --- |"
    echo "| requests/s | $rps | |"
    echo "| p99 latency | $p99ms ms | ≤ 500 ms: $(verdict "$p99ms" 500 "<=") |"
    echo "| slowest request | $max_ms ms | |"
    echo "| socket errors / non-2xx answers (503: query budget) | $errors / $status_errors | |"
    echo "| /health/ready during the load: slowest, p99 ($health_n probes, $health_bad not 200) | $health_max ms, $health_p99 ms | < 100 ms: $(verdict "$health_max" 100 "<") |"
    echo "| CPU idle (< 5 % of a core) after the clients stop | ${cpu_idle_after} s | ≤ 2 s: $( [ "$cpu_idle_after" != ">10" ] && verdict "$cpu_idle_after" 2 "<=" || echo "not met") |"
    echo
    echo "wrk ${threads} threads × ${connections} connections for ${duration} s; random 1–4 folded words (some single letters, which"
    echo "match as prefixes), pages 1–20, every sort, 70 % with from=<random date>, 30 % with to, 30 % with a contributor, and"
    echo "&_=<random> on every request, so the output cache never answers. $((warmup * 3)) s of the same load first (EF Core"
    echo "compiles each combination of filters once). $(nproc) cores; app and wrk on the same machine."
  } >"$work/adversarial.md"
  cp "$work/adversarial.md" "$root/tests/NewsApi.Benchmarks/adversarial.md"
  echo
  cat "$work/adversarial.md"
}

echo "== Publishing (Release)"
dotnet publish src/NewsApi -c Release -o "$work/app" -v quiet -nologo >/dev/null
dotnet publish tests/NewsApi.Benchmarks/Baseline -c Release -o "$work/baseline" -v quiet -nologo >/dev/null

provider=Sqlite
connection() { # connection <db>: the connection string for the current provider (a file, or a database on the server)
  if [ "$provider" = Postgres ]; then echo "$NEWSAPI_TEST_PG;Database=$1;Maximum Pool Size=200"; else echo "Data Source=$1"; fi
}
generate() { # generate <n> <db>: prints the command's closing line ("Generated n articles … in s.")
  (cd "$work" && Database__Provider=$provider ConnectionStrings__NewsDb="$(connection "$2")" Logging__LogLevel__Default=Warning \
    dotnet "$work/app/NewsApi.dll" generate --articles "$1" | grep '^Generated')
}

app_pid=""
app_port=""
start_app() { # start_app <db> <output-cache on|off>
  app_port=$(free_port)
  (cd "$work" && exec env Database__Provider=$provider ConnectionStrings__NewsDb="$(connection "$1")" RateLimiting__Enabled=false OutputCache__Enabled=$([ "$2" = on ] && echo true || echo false) \
    ASPNETCORE_ENVIRONMENT=Production dotnet "$work/app/NewsApi.dll" --urls "http://127.0.0.1:$app_port" >"$work/app-$app_port.log" 2>&1) &
  app_pid=$!
  pids+=("$app_pid")
  wait_ready "http://127.0.0.1:$app_port/health/ready"
}
stop_app() {
  kill "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.0f", kb / 1024 }'; }
verdict() { awk -v v="$1" -v goal="$2" -v dir="$3" 'BEGIN { ok = (dir == ">=" ? v >= goal : (dir == "<" ? v < goal : v <= goal)); print (ok ? "met" : "not met") }'; }
scaling_table() { # scaling_table <small> <large> <small-prefix> <large-prefix> [title-extra]: uncached req/s at two sizes and their ratio
  echo "| cost at $2 vs $1 (${5:-}output cache off: req/s at $1 ÷ req/s at $2) | $1 req/s | $2 req/s | ratio | goal |"
  echo "| --- | ---: | ---: | ---: | --- |"
  local kind r
  for kind in slug list search; do
    r=$(ratio "${rps[$3-nocache-$kind]}" "${rps[$4-nocache-$kind]}")
    echo "| $kind | ${rps[$3-nocache-$kind]} | ${rps[$4-nocache-$kind]} | $r | ≤ 1.3: $(verdict "$r" 1.3 "<=") |"
  done
}

if [ "${ONLY:-}" = adversarial ]; then
  if [ "${PROVIDER:-Sqlite}" = Postgres ]; then
    # The same attack on a throwaway PostgreSQL server (ARTICLES generated there); results in adversarial-postgres.md.
    start_postgres
    create_database newsapi_adversarial
    provider=Postgres
    db=newsapi_adversarial
    echo "== Generating ${ARTICLES:-100000} articles on PostgreSQL"
    generate "${ARTICLES:-100000}" "$db"
  else
    db=${DB:-$work/news-adversarial.db}
    if [ -z "${DB:-}" ]; then
      echo "== Generating ${ARTICLES:-100000} articles"
      generate "${ARTICLES:-100000}" "$db"
    fi
  fi
  echo "== Adversarial searches ($provider)"
  adversarial "$db" "${ARTICLES:-100000}"
  if [ "$provider" = Postgres ]; then
    mv "$root/tests/NewsApi.Benchmarks/adversarial.md" "$root/tests/NewsApi.Benchmarks/adversarial-postgres.md"
    git -C "$root" checkout -q -- tests/NewsApi.Benchmarks/adversarial.md 2>/dev/null || true
  fi
  exit 0
fi

if [ "${ONLY:-}" != postgres ] && [ "${ONLY:-}" != related ]; then
  echo "== Generating databases"
  if [ "${REUSE:-}" = 1 ] && [ -f "$work/generated-100k.txt" ] && [ -f "$work/generated-10k.txt" ]; then
    generated_100k="$(cat "$work/generated-100k.txt") (generated by an earlier run of this script, reused)"
  else
    rm -f "$work"/news-100k.db* "$work"/news-10k.db*
    generated_100k=$(generate 100000 "$work/news-100k.db")
    echo "$generated_100k" >"$work/generated-100k.txt"
    generate 10000 "$work/news-10k.db" >"$work/generated-10k.txt"
  fi
  echo "$generated_100k"
fi

# The URL lists (request targets exactly as wrk sends them) for a database: slugs sampled through the API itself.
make_urls() { # make_urls <prefix>
  local prefix=$1 page
  : >"$work/$prefix-slug.txt"
  RANDOM=42
  for _ in $(seq 1 10); do
    page=$((1 + RANDOM % 90)) # both databases have at least 100 pages of 100
    # The items' own slugs (an item's section and tags have slugs too).
    curl -sf "http://127.0.0.1:$app_port/api/v1/articles?page=$page&pageSize=100" \
      | python3 -c 'import json, sys; [print("/api/v1/articles/" + i["slug"]) for i in json.load(sys.stdin)["items"]]' >>"$work/$prefix-slug.txt"
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
  # The headers of each answer, for the baseline to send with it (curl keeps one --dump-header per run, not per URL).
  local file
  while IFS=$'\t' read -r target file; do
    curl -s -D "$work/bodies/$file.headers" -o /dev/null "http://127.0.0.1:$app_port$target"
  done <"$work/bodies/manifest.tsv"
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

# ONLY=related: related articles, a random section page and a random tag page on ARTICLES (default 100000) generated
# articles (or DB), output cache on and off, against raw Kestrel serving the same bytes; first the quality of related
# (the share of its items that share a tag or the section with their article, over 200 sampled articles) and the time
# of one uncached related call (sequential curl, no concurrency). Results go to tests/NewsApi.Benchmarks/related.md.
related_urls() { # related_urls <prefix> <articles>: 1000 related, section and tag targets
  local prefix=$1 n=$2 sections tags i
  RANDOM=7
  for i in $(seq 1 1000); do echo "/api/v1/articles/$(( (RANDOM * 32768 + RANDOM) % n + 1 ))/related"; done >"$work/$prefix-related.txt"
  sections=$(curl -sf "http://127.0.0.1:$app_port/api/v1/sections" | grep -o '"slug":"[^"]*"' | cut -d'"' -f4)
  tags=$(curl -sf "http://127.0.0.1:$app_port/api/v1/tags?pageSize=100" | grep -o '"slug":"[^"]*"' | cut -d'"' -f4)
  for s in $sections; do for page in 1 2 3 4 5; do echo "/api/v1/sections/$s/articles?page=$page"; done; done >"$work/$prefix-section.txt"
  for t in $tags; do for page in 1 2 3; do echo "/api/v1/tags/$t/articles?page=$page"; done; done >"$work/$prefix-tag.txt"
  # Articles by slug: 500 with a feature image and three figures (each embedding its photo: url, size, renditions),
  # and 500 without any photo, to see what the photos cost a read.
  python3 - "$app_port" "$n" "$work/$prefix-photos.txt" "$work/$prefix-plain.txt" <<'PY'
import json, random, sys, urllib.request
port, n, photos_file, plain_file = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
random.seed(15)
photos, plain = [], []
for article_id in random.sample(range(1, n + 1), min(n, 6000)):
    if len(photos) >= 500 and len(plain) >= 500:
        break
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/articles/{article_id}") as r:
        article = json.load(r)
    figures = sum(1 for b in article["body"] if b["type"] == "image")
    target = photos if article.get("featureImage") and figures >= 3 else plain if not article.get("featureImage") and figures == 0 else None
    if target is not None and len(target) < 500:
        target.append(f"/api/v1/articles/{article['slug']}")
open(photos_file, "w").write("\n".join(photos) + "\n")
open(plain_file, "w").write("\n".join(plain) + "\n")
PY
  # Every rendition of the generated photos (JPEG, WebP and AVIF at every width), at their hashed URLs.
  curl -sf "http://127.0.0.1:$app_port/api/v1/media?pageSize=100" \
    | python3 -c 'import json, sys; [print(r["url"]) for m in json.load(sys.stdin)["items"] for r in m["renditions"]]' >"$work/$prefix-rendition.txt"
}
warm_renditions() { # makes every rendition once (the app keeps them in its rendition cache), so the runs measure serving them
  local target
  while read -r target; do curl -sf -o /dev/null "http://127.0.0.1:$app_port$target"; done <"$work/r-rendition.txt"
}
related_quality() { # related_quality <articles>: prints "share ms_mean ms_p50 ms_p95 samples items"
  python3 - "$app_port" "$1" <<'PY'
import json, random, sys, time, urllib.request
port, n = sys.argv[1], int(sys.argv[2])
def get(path):
    start = time.perf_counter()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}") as r:
        body = json.load(r)
    return body, (time.perf_counter() - start) * 1000
random.seed(16)
shared = total = 0
times = []
for article_id in random.sample(range(1, n + 1), 200):
    article, _ = get(f"/api/v1/articles/{article_id}")
    related, ms = get(f"/api/v1/articles/{article_id}/related")
    times.append(ms)
    tags = {t["id"] for t in article["tags"]}
    section = (article.get("section") or {}).get("id")
    for item in related["items"]:
        total += 1
        if section is not None and (item.get("section") or {}).get("id") == section or tags & {t["id"] for t in item["tags"]}:
            shared += 1
times.sort()
print(f"{shared / max(total, 1):.3f} {sum(times) / len(times):.2f} {times[len(times) // 2]:.2f} {times[int(len(times) * 0.95)]:.2f} 200 {total}")
PY
}
if [ "${ONLY:-}" = related ]; then
  articles=${ARTICLES:-100000}
  db=${DB:-$work/news-related.db}
  if [ -z "${DB:-}" ]; then
    echo "== Generating $articles articles"
    generated_related=$(generate "$articles" "$db")
    echo "$generated_related"
  fi
  echo "== Related quality and uncached call time ($articles articles)"
  start_app "$db" off
  related_urls r "$articles"
  related_quality "$articles" >/dev/null # warm-up: EF Core compiles each shape once
  read -r share mean p50 p95 samples items <<<"$(related_quality "$articles")"
  echo "share sharing a tag or the section: $share ($items items of $samples articles); one call: mean $mean ms, p50 $p50 ms, p95 $p95 ms"
  warm_renditions
  for kind in related section tag rendition photos plain; do measure "nocache-$kind" "$app_port" "$work/r-$kind.txt"; done
  stop_app
  start_app "$db" on
  warm_renditions
  for kind in related section tag rendition photos plain; do measure "cache-$kind" "$app_port" "$work/r-$kind.txt"; done
  mkdir -p "$work/bodies"
  : >"$work/bodies/manifest.tsv"
  n=0
  for kind in related section tag rendition photos plain; do
    while read -r target; do
      n=$((n + 1))
      curl -s -D "$work/bodies/$n.json.headers" -o "$work/bodies/$n.json" "http://127.0.0.1:$app_port$target"
      printf '%s\t%d.json\n' "$target" "$n" >>"$work/bodies/manifest.tsv"
    done < <(sort -u "$work/r-$kind.txt")
  done
  stop_app
  base_port=$(free_port)
  (cd "$work" && exec dotnet "$work/baseline/Baseline.dll" "$work/bodies/manifest.tsv" --urls "http://127.0.0.1:$base_port" >"$work/baseline.log" 2>&1) &
  pids+=("$!")
  wait_ready "http://127.0.0.1:$base_port$(head -n 1 "$work/r-section.txt")"
  for kind in related section tag rendition photos plain; do measure "baseline-$kind" "$base_port" "$work/r-$kind.txt"; done
  kill "${pids[-1]}" 2>/dev/null || true
  {
    echo "| scenario ($articles articles, SQLite) | app req/s | app p99 ms | raw Kestrel req/s | app / raw |"
    echo "| --- | ---: | ---: | ---: | ---: |"
    for kind in related section tag rendition photos plain; do
      case $kind in related) name="related articles of a random article" ;; section) name="random section page 1-5" ;; tag) name="random tag page 1-3" ;;
        rendition) name="a random photo rendition (made once, then from the rendition cache)" ;;
        photos) name="article by slug with a feature image and three figures ($(wc -l <"$work/r-photos.txt") articles)" ;;
        plain) name="article by slug without photos ($(wc -l <"$work/r-plain.txt") articles)" ;; esac
      for mode in cache nocache; do
        echo "| $name, output cache $([ $mode = cache ] && echo on || echo off) | ${rps[$mode-$kind]} | ${p99[$mode-$kind]} | ${rps[baseline-$kind]} | $(ratio "${rps[$mode-$kind]}" "${rps[baseline-$kind]}") |"
      done
    done
    echo
    echo "Related quality: $share of $items related items (5 each for $samples random articles) share a tag or the section with their"
    echo "article. One uncached related call, sequential: mean $mean ms, p50 $p50 ms, p95 $p95 ms."
    echo
    echo "wrk ${threads} threads × ${connections} connections, ${duration} s per run after ${warmup} s of warm-up; $(nproc) cores."
    echo "${generated_related:-Database: $db.} Load average before the run: $load_before. Commit measured: $(git -C "$root" rev-parse --short HEAD)."
  } >"$work/related.md"
  cp "$work/related.md" "$root/tests/NewsApi.Benchmarks/related.md"
  cat "$work/related.md"
  exit 0
fi

rss_file="$work/rss"
track_rss() { # track_rss <pid> <seconds> -> peak in $rss_file
  local end=$((SECONDS + $2)) kb peak=0
  while [ $SECONDS -lt $end ] && [ -e "/proc/$1" ]; do
    kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0)
    [ "${kb:-0}" -gt "$peak" ] && peak=$kb && echo "$peak" >"$rss_file"
    sleep 0.5
  done
}

postgres_runs() { # the same 100k articles on a throwaway PostgreSQL server, output cache on and off
  echo "== PostgreSQL: the same 100k articles on a throwaway server"
  start_postgres
  create_database newsapi_load
  provider=Postgres
  generated_pg=$(generate 100000 newsapi_load)
  echo "$generated_pg"
  start_app newsapi_load on
  for kind in slug list search; do measure "pg-cache-$kind" "$app_port" "$work/k100-$kind.txt"; done
  stop_app
  start_app newsapi_load off
  for kind in slug list search; do measure "pg-nocache-$kind" "$app_port" "$work/k100-$kind.txt"; done
  stop_app
  stop_postgres
  provider=Sqlite
}
if [ "${ONLY:-}" = postgres ]; then
  # After a full run in the same WORK folder (its URL lists and captured bodies): the baseline again, then PostgreSQL.
  base_port=$(free_port)
  (cd "$work" && exec dotnet "$work/baseline/Baseline.dll" "$work/bodies/manifest.tsv" --urls "http://127.0.0.1:$base_port" >"$work/baseline.log" 2>&1) &
  pids+=("$!")
  wait_ready "http://127.0.0.1:$base_port$(head -n 1 "$work/k100-list.txt")"
  for kind in slug list search; do measure "baseline-$kind" "$base_port" "$work/k100-$kind.txt"; done
  kill "${pids[-1]}" 2>/dev/null || true
  postgres_runs
  {
    echo "| scenario (100k articles, PostgreSQL 15) | app req/s | app p99 ms | raw Kestrel req/s | app / raw | goal |"
    echo "| --- | ---: | ---: | ---: | ---: | --- |"
    for kind in slug list search; do
      case $kind in slug) gc=0.60; gn=0.10 ;; list) gc=0.40; gn=0.05 ;; search) gc=0.15; gn=0.03 ;; esac
      for mode in cache nocache; do
        label="pg-$mode-$kind"; g=$([ $mode = cache ] && echo $gc || echo $gn)
        r=$(ratio "${rps[$label]}" "${rps[baseline-$kind]}")
        echo "| $kind, output cache $([ $mode = cache ] && echo on || echo off) | ${rps[$label]} | ${p99[$label]} | ${rps[baseline-$kind]} | $r | ≥ $g: $(verdict "$r" "$g" ">=") |"
      done
    done
    echo
    echo "$generated_pg Load average before the run: $load_before. Commit measured: $(git -C "$root" rev-parse --short HEAD)."
  } >"$work/results-postgres.md"
  cp "$work/results-postgres.md" "$root/tests/NewsApi.Benchmarks/results-postgres.md"
  cat "$work/results-postgres.md"
  exit 0
fi

if [ "${ONLY:-}" = million ]; then
  # After a full run in the same WORK folder (its 100k database): the uncached costs at 100k and at 1,000,000 articles
  # (MILLION_DB, generated beforehand with `generate --articles 1000000`), measured one after the other.
  db_1m=${MILLION_DB:?"MILLION_DB names the 1M database"}
  for scale in k100 m1; do
    db=$([ $scale = k100 ] && echo "$work/news-100k.db" || echo "$db_1m")
    echo "== $scale, output cache off"
    start_app "$db" off
    make_urls "$scale"
    for kind in slug list search; do measure "$scale-nocache-$kind" "$app_port" "$work/$scale-$kind.txt"; done
    stop_app
  done
  {
    scaling_table 100k 1M k100 m1 "SQLite, "
    echo
    echo "1M: ${MILLION_GENERATED:-generated beforehand}; the database file is $(du -m "$db_1m" | cut -f1) MB."
    echo "wrk ${threads} threads × ${connections} connections, ${duration} s per run after ${warmup} s of warm-up; $(nproc) cores."
    echo "Load average before the run: $load_before. Commit measured: $(git -C "$root" rev-parse --short HEAD)."
  } >"$work/million.md"
  cp "$work/million.md" "$root/tests/NewsApi.Benchmarks/million.md"
  cat "$work/million.md"
  exit 0
fi

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

echo "== 100k articles, adversarial searches"
adversarial "$work/news-100k.db" 100000

postgres_runs

million_rows=""
if [ "${MILLION:-}" = 1 ]; then
  echo "== 1,000,000 articles (SQLite), output cache off"
  db_1m=${MILLION_DB:-$work/news-1m.db}
  if [ -z "${MILLION_DB:-}" ]; then
    generated_1m=$(generate 1000000 "$db_1m")
  else
    generated_1m="generated beforehand: ${MILLION_GENERATED:-$MILLION_DB}"
  fi
  echo "$generated_1m"
  size_1m=$(du -m "$db_1m" | cut -f1)
  start_app "$db_1m" off
  make_urls m1
  for kind in slug list search; do measure "1m-nocache-$kind" "$app_port" "$work/m1-$kind.txt"; done
  stop_app
  million_rows="yes"
fi

{
  echo "| scenario (100k articles) | app req/s | app p99 ms | raw Kestrel req/s | raw Kestrel p99 ms | app / raw | goal |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
  for kind in slug list search; do
    case $kind in
      slug) name="article by slug"; goal=0.60 ;;
      list) name="random list pages 1-500"; goal=0.40 ;;
      search) name="random searches, pages 1-5"; goal=0.15 ;;
    esac
    case $kind in
      slug) nocache_goal=0.25; pg_nocache_goal=0.10 ;;
      list) nocache_goal=0.10; pg_nocache_goal=0.05 ;;
      search) nocache_goal=0.08; pg_nocache_goal=0.03 ;;
    esac
    for mode in cache nocache pg-cache pg-nocache; do
      case $mode in
        cache) label="100k-cache-$kind"; what="SQLite, output cache on (as shipped)"; g=$goal ;;
        nocache) label="100k-nocache-$kind"; what="SQLite, output cache off"; g=$nocache_goal ;;
        pg-cache) label="pg-cache-$kind"; what="PostgreSQL, output cache on"; g=$goal ;;
        pg-nocache) label="pg-nocache-$kind"; what="PostgreSQL, output cache off"; g=$pg_nocache_goal ;;
      esac
      r=$(ratio "${rps[$label]}" "${rps[baseline-$kind]}")
      echo "| $name, $what | ${rps[$label]} | ${p99[$label]} | ${rps[baseline-$kind]} | ${p99[baseline-$kind]} | $r | ≥ $g: $(verdict "$r" "$g" ">=") |"
    done
  done
  echo
  scaling_table 10k 100k 10k 100k
  if [ -n "$million_rows" ]; then
    echo
    scaling_table 100k 1M 100k 1m "SQLite, "
    echo
    echo "1M: $generated_1m; the database file is $size_1m MB."
  fi
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
  echo "Data: \`generate --articles 100000\` ($generated_100k) and 10000; PostgreSQL 15: $generated_pg. Load average before the run: $load_before."
  echo "Commit measured: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- src tests/NewsApi.Benchmarks || echo ' (with uncommitted changes)')."
} >"$work/results.md"
cp "$work/results.md" "$root/tests/NewsApi.Benchmarks/results.md"
echo
cat "$work/results.md"
