#!/usr/bin/env bash
# Every learner-facing page type, with and without gzip, against nginx serving the very same bytes in the same run.
#
#   benchmarks/pages.sh [--runs 3] [--duration 2s] [--warmup 1s] [--connections 64] [--threads 2]
#                       [--module dementie] [--only NAME[,NAME…]] [--no-build] [--keep]
#
# Steps: build the release binary if it is missing or older than the sources (skip with --no-build); start
# `samenwijzer serve --trusted-proxy 127.0.0.1` on a free port with a fresh data folder; make the learners the pages
# need over HTTP with benchmarks/pages_seed.py (each registers from its own X-Forwarded-For address, past the
# registration limit; one reads a page, one has an open attempt, one passed the quiz and holds a certificate); fetch
# each page once in identity and once with `Accept-Encoding: gzip` and save those exact bytes; start nginx
# (Debian nginx-light) serving the saved files, the gzip ones with `Content-Encoding: gzip` (like gzip_static, so
# nginx spends nothing on compression either); then for each run, page and encoding: wrk against samenwijzer, then
# against nginx, interleaved so drift of the machine hits both alike. Prints one table of medians over the runs.
#
# Pages: catalog, module overview (visitor and logged in), glossary, sources, lesson page, quiz start, attempt page,
# result page, certificate verification. Visitor pages are fetched without a cookie. The verification page is
# rate-limited per client (30 a minute), so its wrk script (benchmarks/pages_verify.lua) sends a fresh
# X-Forwarded-For per request, to samenwijzer and nginx alike.
#
# Default run: 10 pages x 2 encodings x 2 servers x (1 s warm-up + 3 runs x 2 s) = about 5 minutes.
# Notes: only 127.0.0.1 is contacted; every wait loop is bounded; wrk, nginx and the server share the 2 cores;
# wrk does not count 3xx as errors, so each measured run's bytes per response are checked against the saved page.
# Installs wrk, nginx-light and curl with apt-get when missing (needs root or sudo).
set -euo pipefail
export LC_ALL=C

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

RUNS=3
DURATION=2s
WARMUP=1s
CONNECTIONS=64
THREADS=2
MODULE=dementie
ONLY=""
BUILD=1
KEEP=0
SERVE_EXTRA_ARGS=(--trusted-proxy 127.0.0.1)

usage() { sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --duration) DURATION="$2"; shift 2 ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --connections) CONNECTIONS="$2"; shift 2 ;;
        --threads) THREADS="$2"; shift 2 ;;
        --module) MODULE="$2"; shift 2 ;;
        --only) ONLY="$2"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "pages.sh: unknown option $1" >&2; usage >&2; exit 64 ;;
    esac
done

BENCH_NAME=pages.sh
# shellcheck source=benchmarks/lib.sh
source "$ROOT/benchmarks/lib.sh"

seconds_of() {
    case "$1" in
        *s) echo "${1%s}" ;;
        *m) echo $(( ${1%m} * 60 )) ;;
        *) echo "$1" ;;
    esac
}
for n in "$RUNS" "$CONNECTIONS" "$THREADS" "$(seconds_of "$DURATION")" "$(seconds_of "$WARMUP")"; do
    [[ "$n" =~ ^[0-9]+$ ]] || die "numeric options must be whole numbers or seconds like 2s (got '$n')"
done
(( RUNS >= 1 && THREADS >= 1 && THREADS <= CONNECTIONS )) || die "--runs >= 1 and 1 <= --threads <= --connections"
[[ "$MODULE" =~ ^[a-z0-9-]+$ ]] || die "bad --module $MODULE"

# ---------------------------------------------------------------------------------------------------- tools
need_install=()
command -v wrk >/dev/null 2>&1 || need_install+=(wrk)
command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || need_install+=(nginx-light)
command -v curl >/dev/null 2>&1 || need_install+=(curl)
if (( ${#need_install[@]} )); then
    SUDO=""
    [[ $EUID -eq 0 ]] || SUDO="sudo"
    log "installing ${need_install[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    if ! $SUDO apt-get install -y --no-install-recommends "${need_install[@]}" >/dev/null; then
        $SUDO apt-get update >/dev/null
        $SUDO apt-get install -y --no-install-recommends "${need_install[@]}" >/dev/null
    fi
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[[ -x "$NGINX" ]] || die "nginx not found after installing nginx-light"
command -v wrk >/dev/null || die "wrk not found after installing it"
command -v python3 >/dev/null || die "python3 is needed for benchmarks/pages_seed.py"

build_release_if_stale

# ---------------------------------------------------------------------------------------------------- cleanup
WORK="$(mktemp -d "${TMPDIR:-/tmp}/samenwijzer-pages-bench.XXXXXX")"
SERVER_PID=""; NGINX_PID=""; WRK_PID=""
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    stop_pid "$WRK_PID" TERM 2
    stop_pid "$NGINX_PID" QUIT 5
    stop_pid "$SERVER_PID" TERM 10
    if (( KEEP )); then log "kept $WORK"; else rm -rf "$WORK"; fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------------- server + learners
start_server "$WORK/data"
log "making the learners (3 registrations, one reads the module and passes the quiz)"
SEED_JSON="$(timeout 120 python3 "$ROOT/benchmarks/pages_seed.py" --base "$APP" --module "$MODULE" --modules-dir "$ROOT/modules")" \
    || die "pages_seed.py failed"
seed() { python3 -c 'import json, sys; d = json.loads(sys.argv[1]); print(eval(sys.argv[2], {}, d))' "$SEED_JSON" "$1"; }

# name | path | cookie of (empty: visitor) | wrk script
TARGETS=(
    "catalog|$(seed catalog)||"
    "overview (visitor)|$(seed overview)||"
    "overview (logged in)|$(seed overview)|reader|"
    "glossary|$(seed glossary)||"
    "sources|$(seed sources)||"
    "lesson page|$(seed lesson)|reader|"
    "quiz start|$(seed quiz)|reader|"
    "attempt page|$(seed attempt)|trying|"
    "result page|$(seed result)|passed|"
    "verification|$(seed verification)||$ROOT/benchmarks/pages_verify.lua"
)

# ---------------------------------------------------------------------------------------------------- the bytes
mkdir -p "$WORK/www"
declare -A PATH_OF COOKIE_OF SCRIPT_OF BYTES_ID BYTES_GZ RESP_ID RESP_GZ
NAMES=()
index=0
for target in "${TARGETS[@]}"; do
    IFS='|' read -r name path who script <<<"$target"
    if [[ -n "$ONLY" && ",$ONLY," != *",$name,"* ]]; then continue; fi
    index=$(( index + 1 ))
    NAMES+=("$name")
    PATH_OF[$name]="$path"
    COOKIE_OF[$name]=""
    [[ -n "$who" ]] && COOKIE_OF[$name]="Cookie: sw_sessie=$(seed "cookies['$who']")"
    SCRIPT_OF[$name]="$script"
    for enc in id gz; do
        file="$WORK/www/t$index-$enc.html"
        accept=()
        [[ "$enc" == gz ]] && accept=(-H "Accept-Encoding: gzip")
        headers=()
        [[ -n "${COOKIE_OF[$name]}" ]] && headers=(-H "${COOKIE_OF[$name]}")
        # X-Forwarded-For: the verification page counts lookups per client; these two are not the measured ones.
        status="$(curl -sS --max-time 10 "${headers[@]}" "${accept[@]}" -H "X-Forwarded-For: 198.18.9.$index" \
            -D "$WORK/t$index-$enc.headers" -o "$file" -w '%{http_code}' "$APP$path")"
        [[ "$status" == 200 ]] || die "$name ($path, $enc) answered $status"
        if [[ "$enc" == gz ]]; then
            grep -qi '^content-encoding: gzip' "$WORK/t$index-$enc.headers" || die "$name: no gzip although asked for"
            gzip -t <"$file" || die "$name: the gzip body does not decompress"
            cmp -s <(gzip -dc <"$file" | sed 's/name="_csrf" value="[^"]*"//g') \
                <(sed 's/name="_csrf" value="[^"]*"//g' "$WORK/www/t$index-id.html") \
                || log "note: $name differs between its identity and gzip fetch beyond the CSRF token"
            mv "$file" "$file.gz"
            BYTES_GZ[$name]=$(wc -c <"$file.gz")
            RESP_GZ[$name]=$(( $(wc -c <"$WORK/t$index-$enc.headers") + ${BYTES_GZ[$name]} ))
        else
            BYTES_ID[$name]=$(wc -c <"$file")
            RESP_ID[$name]=$(( $(wc -c <"$WORK/t$index-$enc.headers") + ${BYTES_ID[$name]} ))
        fi
    done
    log "$name: $path, ${BYTES_ID[$name]} bytes, gzip ${BYTES_GZ[$name]}"
done
(( ${#NAMES[@]} )) || die "--only matched no page (names: catalog, overview (visitor), …)"

# ---------------------------------------------------------------------------------------------------- nginx
NGINX_PORT="$(free_port)"
while [[ "$NGINX_PORT" == "$APP_PORT" ]]; do NGINX_PORT="$(free_port)"; done
NG="$WORK/nginx"
mkdir -p "$NG/logs" "$NG/tmp"
chmod 755 "$WORK" "$WORK/www"
chmod 644 "$WORK"/www/*
cat >"$NG/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $NG/nginx.pid;
error_log $NG/logs/error.log warn;
events { worker_connections 1024; }
http {
    default_type text/html;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    client_body_temp_path $NG/tmp/client_body;
    proxy_temp_path $NG/tmp/proxy;
    fastcgi_temp_path $NG/tmp/fastcgi;
    uwsgi_temp_path $NG/tmp/uwsgi;
    scgi_temp_path $NG/tmp/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $WORK/www;
        location ~ \.gz\$ { types { } default_type "text/html; charset=utf-8"; add_header Content-Encoding gzip; add_header Vary Accept-Encoding; }
        location / { types { } default_type "text/html; charset=utf-8"; add_header Vary Accept-Encoding; }
    }
}
EOF
"$NGINX" -t -q -p "$NG" -e "$NG/logs/error.log" -c "$NG/nginx.conf" || die "nginx config test failed"
"$NGINX" -p "$NG" -e "$NG/logs/error.log" -c "$NG/nginx.conf" >"$NG/logs/stdout.log" 2>&1 &
NGINX_PID=$!
NGX="http://127.0.0.1:$NGINX_PORT"
ready=0
for (( i = 0; i < 100; i++ )); do
    kill -0 "$NGINX_PID" 2>/dev/null || { cat "$NG/logs/error.log" >&2; die "nginx exited during start"; }
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$NGX/t1-id.html" || true)" == 200 ]] && { ready=1; break; }
    sleep 0.1
done
(( ready )) || die "nginx did not answer within 10 s"
declare -A NGX_RESP
for (( i = 1; i <= ${#NAMES[@]}; i++ )); do
    for file in "t$i-id.html" "t$i-gz.html.gz"; do
        curl -sS --max-time 10 -D "$WORK/check.headers" -o "$WORK/check.bin" "$NGX/$file"
        cmp -s "$WORK/check.bin" "$WORK/www/$file" || die "nginx does not serve $file byte for byte"
        # What one response costs on the wire, to check wrk's bytes per response against (nginx's headers are shorter).
        NGX_RESP[$file]=$(( $(wc -c <"$WORK/check.headers") + $(wc -c <"$WORK/check.bin") ))
    done
done

# ---------------------------------------------------------------------------------------------------- wrk
to_ms() {
    awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000; printf "%.2f", n }'
}
to_bytes() {
    awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "KB") n *= 1024; else if (u == "MB") n *= 1048576; else if (u == "GB") n *= 1073741824; printf "%.0f", n }'
}
# run_wrk url duration outfile cookie-header accept-header script
run_wrk() {
    local args=(-t "$THREADS" -c "$CONNECTIONS" -d "$2" --timeout 5s --latency)
    [[ -n "$4" ]] && args+=(-H "$4")
    [[ -n "$5" ]] && args+=(-H "$5")
    [[ -n "$6" ]] && args+=(-s "$6")
    timeout --signal=INT --kill-after=5 $(( $(seconds_of "$2") + 30 )) wrk "${args[@]}" "$1" >"$3" 2>&1 &
    WRK_PID=$!
    wait "$WRK_PID" || die "wrk failed on $1 (see $3 with --keep)"
    WRK_PID=""
}
# One result line: req/s p50-ms p99-ms errors bytes-per-response
parse_wrk() {
    local f="$1" rps p50 p99 reqs readsz sock non2xx
    rps="$(awk '/^Requests\/sec:/ { print $2 }' "$f")"
    p50="$(awk '$1 == "50%" { print $2 }' "$f")"
    p99="$(awk '$1 == "99%" { print $2 }' "$f")"
    reqs="$(awk '/requests in/ { print $1 }' "$f")"
    readsz="$(awk '/requests in/ { print $5 }' "$f")"
    sock="$(grep 'Socket errors:' "$f" | grep -o '[0-9]\+' | awk '{ s += $1 } END { print s + 0 }')"
    non2xx="$(awk -F': *' '/Non-2xx or 3xx responses/ { print $2 }' "$f")"
    [[ -n "$rps" && -n "$p50" && -n "$p99" && -n "$reqs" ]] || { cat "$f" >&2; die "could not parse wrk output $f"; }
    echo "$rps $(to_ms "$p50") $(to_ms "$p99") $(( sock + ${non2xx:-0} )) $(awk -v b="$(to_bytes "$readsz")" -v n="$reqs" 'BEGIN { printf "%.0f", (n > 0 ? b / n : 0) }')"
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
RESULTS="$WORK/results.txt"
: >"$RESULTS"
warn=0
for (( run = 0; run <= RUNS; run++ )); do
    (( run == 0 )) && log "warm-up: every target once for $WARMUP" || log "run $run of $RUNS"
    i=0
    for name in "${NAMES[@]}"; do
        i=$(( i + 1 ))
        for enc in id gz; do
            accept=""
            [[ "$enc" == gz ]] && accept="Accept-Encoding: gzip"
            expected=${RESP_ID[$name]}
            [[ "$enc" == gz ]] && expected=${RESP_GZ[$name]}
            for server in app nginx; do
                if [[ "$server" == app ]]; then
                    url="$APP${PATH_OF[$name]}"
                else
                    file="t$i-$enc.html"
                    [[ "$enc" == gz ]] && file="$file.gz"
                    url="$NGX/$file"
                    expected=${NGX_RESP[$file]}
                fi
                out="$WORK/wrk-$run-$i-$enc-$server.txt"
                if (( run == 0 )); then
                    run_wrk "$url" "$WARMUP" "$out" "${COOKIE_OF[$name]}" "$accept" "${SCRIPT_OF[$name]}"
                    continue
                fi
                run_wrk "$url" "$DURATION" "$out" "${COOKIE_OF[$name]}" "$accept" "${SCRIPT_OF[$name]}"
                read -r rps p50 p99 errors per <<<"$(parse_wrk "$out")"
                # A redirect or an error page instead of the saved page would show in the size.
                if (( errors > 0 )) || awk -v p="$per" -v e="$expected" 'BEGIN { exit !(p < e * 0.9 || p > e * 1.1) }'; then
                    log "WARNING: $name ($enc, $server): $errors errors, $per bytes per response (expected about $expected)"
                    warn=1
                fi
                echo "$name|$enc|$server|$rps|$p50|$p99" >>"$RESULTS"
            done
        done
    done
done

# ---------------------------------------------------------------------------------------------------- report
median() { sort -g | awk '{ a[n++] = $1 } END { if (n == 0) { print 0; exit } print (n % 2 ? a[int(n / 2)] : (a[n / 2 - 1] + a[n / 2]) / 2) }'; }
field() { awk -F'|' -v n="$1" -v e="$2" -v s="$3" -v f="$4" '$1 == n && $2 == e && $3 == s { print $f }' "$RESULTS" | median; }

TREE="$(git rev-parse --short HEAD 2>/dev/null || echo '?')"
git diff --quiet HEAD -- Sources Package.swift 2>/dev/null || TREE="$TREE + uncommitted changes in Sources"
echo
echo "Page benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs, commit $TREE; module $MODULE"
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, medians of $RUNS runs (after a $WARMUP warm-up); load average before: $LOAD_BEFORE"
echo "nginx serves the same bytes from files (the gzip ones pre-compressed, with Content-Encoding: gzip); bytes are the body"
echo
printf '%-22s %-4s %10s %8s %8s %10s %7s %9s\n' page enc "req/s" "p50 ms" "p99 ms" "nginx r/s" ratio "bytes"
min_ratio=""
for name in "${NAMES[@]}"; do
    for enc in id gz; do
        rps="$(field "$name" "$enc" app 4)"; p50="$(field "$name" "$enc" app 5)"; p99="$(field "$name" "$enc" app 6)"
        nrps="$(field "$name" "$enc" nginx 4)"
        ratio="$(awk -v a="$rps" -v b="$nrps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
        min_ratio="$(awk -v r="$ratio" -v m="$min_ratio" 'BEGIN { print (m == "" || r < m) ? r : m }')"
        bytes=${BYTES_ID[$name]}
        [[ "$enc" == gz ]] && bytes=${BYTES_GZ[$name]}
        label="$enc"; [[ "$enc" == id ]] && label="-"; [[ "$enc" == gz ]] && label="gzip"
        printf '%-22s %-4s %10.0f %8.2f %8.2f %10.0f %7s %9s\n' "$name" "$label" "$rps" "$p50" "$p99" "$nrps" "$ratio" "$bytes"
    done
done
echo
echo "lowest ratio: $min_ratio (issue #14's goal: every page type >= 0.3)"
(( warn )) && echo "WARNING: some runs had errors or unexpected response sizes (see above)" || echo "checks: no errors, every response the size of the saved page"
