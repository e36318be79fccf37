#!/usr/bin/env bash
# Lesson page benchmark (serving): the release binary with a seeded, logged-in learner vs nginx serving the
# very same HTML from a file, measured with wrk in the same run, both on 127.0.0.1.
#
#   benchmarks/serve.sh [--duration 20s] [--connections 64] [--threads 2] [--warmup 3s]
#                       [--page /modules/dementie/lessen/LES/PAGINA] [--no-build] [--keep]
#
# Steps: build the release binary if it is missing or older than the sources (skip with --no-build); start
# `samenwijzer serve` on a free port with a fresh data directory; register a learner over HTTP (GET + POST
# /registreren, CSRF token, session cookie); pick the first lesson page of the dementie module without an inline
# check (or --page) and check that it answers 200 with the learner's cookie; save that body to a file; start
# nginx (Debian nginx-light) with its own config in the temp dir serving that file; warm up each target, then
# measure each with `wrk --latency`. Reports req/s, p50, p99, errors, the ratio samenwijzer/nginx and the
# resident memory (VmRSS) of the samenwijzer process idle (after start + login) and under load (sampled every
# 0.5 s while wrk runs). Targets from the issue: ratio >= 0.25 and samenwijzer p99 < 20 ms at 64 connections.
#
# Notes:
# - Only 127.0.0.1 is ever contacted. Every wait loop is bounded in time.
# - wrk only counts responses with status >= 400 as "Non-2xx or 3xx"; a 303 to /inloggen would slip through.
#   So the script also compares the average bytes per response with the size of the verified 200 response and
#   warns when they differ, and checks once more after the run that the cookie still gets a 200.
# - wrk, the server and nginx share the same cores: the numbers are for this machine, load generator included.
# - Installs wrk and nginx-light with apt-get when they are missing (needs root or sudo).
set -euo pipefail
export LC_ALL=C

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

DURATION=20s
CONNECTIONS=64
THREADS=2
WARMUP=3s
PAGE=""
BUILD=1
KEEP=0
MODULE=dementie

usage() { sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --duration) DURATION="$2"; shift 2 ;;
        --connections) CONNECTIONS="$2"; shift 2 ;;
        --threads) THREADS="$2"; shift 2 ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --page) PAGE="$2"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "serve.sh: unknown option $1" >&2; usage >&2; exit 64 ;;
    esac
done

BENCH_NAME=serve.sh
# shellcheck source=benchmarks/lib.sh
source "$ROOT/benchmarks/lib.sh"

# Seconds in a wrk duration ("20s", "1m", "30").
seconds_of() {
    local d="$1"
    case "$d" in
        *ms) echo 1 ;;
        *s) echo "${d%s}" ;;
        *m) echo $(( ${d%m} * 60 )) ;;
        *h) echo $(( ${d%h} * 3600 )) ;;
        *) echo "$d" ;;
    esac
}
[[ "$(seconds_of "$DURATION")" =~ ^[0-9]+$ ]] || die "bad --duration $DURATION"
[[ "$(seconds_of "$WARMUP")" =~ ^[0-9]+$ ]] || die "bad --warmup $WARMUP"
[[ "$CONNECTIONS" =~ ^[0-9]+$ && "$THREADS" =~ ^[0-9]+$ ]] || die "--connections and --threads must be numbers"
(( THREADS <= CONNECTIONS )) || die "--threads must not exceed --connections"

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

# ---------------------------------------------------------------------------------------------------- build
build_release_if_stale

# ---------------------------------------------------------------------------------------------------- cleanup
WORK="$(mktemp -d "${TMPDIR:-/tmp}/samenwijzer-serve-bench.XXXXXX")"
SERVER_PID=""; NGINX_PID=""; SAMPLER_PID=""; WRK_PID=""

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    stop_pid "$WRK_PID" TERM 2
    stop_pid "$SAMPLER_PID" TERM 2
    stop_pid "$NGINX_PID" QUIT 5   # graceful: master stops its workers
    stop_pid "$SERVER_PID" TERM 10
    if (( KEEP )); then log "kept $WORK"; else rm -rf "$WORK"; fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
# RSS of nginx master + workers (kB).
nginx_rss_kb() {
    local total=0 pid
    for pid in "$NGINX_PID" $(pgrep -P "$NGINX_PID" 2>/dev/null || true); do
        total=$(( total + $(rss_kb "$pid") ))
    done
    echo "$total"
}
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }

# ---------------------------------------------------------------------------------------------------- server
start_server "$WORK/data"
grep -q "luistert op http://127.0.0.1:$APP_PORT" "$WORK/server.log" || log "note: ready line not (yet) in the server log"

# ---------------------------------------------------------------------------------------------------- learner
JAR="$WORK/cookies.txt"
CURL=(curl -sS --max-time 10 -b "$JAR" -c "$JAR")
"${CURL[@]}" -o "$WORK/register.html" "$APP/registreren"
CSRF="$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' "$WORK/register.html" | head -n 1)"
[[ -n "$CSRF" ]] || die "no _csrf field on /registreren"
EMAIL="bench-$$-$RANDOM@example.org"
PASSWORD="benchmark-wachtwoord-$RANDOM"
status="$("${CURL[@]}" -o "$WORK/register-post.html" -w '%{http_code}' \
    --data-urlencode "_csrf=$CSRF" --data-urlencode "naam=Benchmark Leerling" --data-urlencode "email=$EMAIL" \
    --data-urlencode "organisatie=" --data-urlencode "wachtwoord=$PASSWORD" \
    --data-urlencode "wachtwoord-herhaling=$PASSWORD" "$APP/registreren")"
[[ "$status" == 303 ]] || die "POST /registreren answered $status, expected 303 (see $WORK/register-post.html with --keep)"
# Cookie jar lines: domain flag path secure expiry name value (HttpOnly cookies start with "#HttpOnly_").
SESSION="$(awk -F'\t' '$6 == "sw_sessie" { v = $7 } END { print v }' "$JAR")"
[[ -n "$SESSION" ]] || die "no sw_sessie cookie after registering"
COOKIE="Cookie: sw_sessie=$SESSION"
log "registered $EMAIL; session cookie ${SESSION:0:8}…"

# ---------------------------------------------------------------------------------------------------- page
fetch_page() {  # path outfile -> prints http status
    curl -sS --max-time 10 -H "$COOKIE" -o "$2" -w '%{http_code}' "$APP$1"
}
if [[ -z "$PAGE" ]]; then
    status="$(fetch_page "/modules/$MODULE" "$WORK/module.html")"
    [[ "$status" == 200 ]] || die "/modules/$MODULE answered $status"
    mapfile -t candidates < <(grep -o "href=\"/modules/$MODULE/lessen/[^/\"#?]*/[^/\"#?]*\"" "$WORK/module.html" \
        | sed 's/^href="//; s/"$//' | awk '!seen[$0]++')
    (( ${#candidates[@]} )) || die "no lesson page links on /modules/$MODULE"
    for candidate in "${candidates[@]}"; do
        status="$(fetch_page "$candidate" "$WORK/candidate.html")"
        [[ "$status" == 200 ]] || continue
        if ! grep -q '/oefenvragen/' "$WORK/candidate.html"; then PAGE="$candidate"; break; fi
    done
    [[ -n "$PAGE" ]] || die "no lesson page without an inline check found on /modules/$MODULE"
fi
mkdir -p "$WORK/www"
status="$(curl -sS --max-time 10 -H "$COOKIE" -D "$WORK/page.headers" -o "$WORK/www/page.html" -w '%{http_code}' "$APP$PAGE")"
[[ "$status" == 200 ]] || die "$PAGE answered $status with the learner's cookie, expected 200"
grep -q '/uitloggen' "$WORK/www/page.html" || die "$PAGE does not look logged in (no logout form)"
grep -q '/oefenvragen/' "$WORK/www/page.html" && log "warning: $PAGE has an inline check"
APP_RESP_BYTES=$(( $(wc -c <"$WORK/page.headers") + $(wc -c <"$WORK/www/page.html") ))
BODY_BYTES=$(wc -c <"$WORK/www/page.html")
log "page $PAGE: 200, body $BODY_BYTES bytes"

sleep 1
RSS_IDLE=$(rss_kb "$SERVER_PID")

# ---------------------------------------------------------------------------------------------------- nginx
NGINX_PORT="$(free_port)"
while [[ "$NGINX_PORT" == "$APP_PORT" ]]; do NGINX_PORT="$(free_port)"; done
NG="$WORK/nginx"
mkdir -p "$NG/logs" "$NG/tmp"
# Workers may run as "nobody" when started as root: the files must be readable for them.
chmod 755 "$WORK" "$WORK/www"
chmod 644 "$WORK/www/page.html"
MIME=/etc/nginx/mime.types
[[ -f "$MIME" ]] || MIME=""
cat >"$NG/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $NG/nginx.pid;
error_log $NG/logs/error.log warn;
events { worker_connections 1024; }
http {
    ${MIME:+include $MIME;}
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
        location / { try_files /page.html =404; }
    }
}
EOF
"$NGINX" -t -q -p "$NG" -e "$NG/logs/error.log" -c "$NG/nginx.conf" || die "nginx config test failed"
"$NGINX" -p "$NG" -e "$NG/logs/error.log" -c "$NG/nginx.conf" >"$NG/logs/stdout.log" 2>&1 &
NGINX_PID=$!
NGX="http://127.0.0.1:$NGINX_PORT"
ready=0
for (( i = 0; i < 100; i++ )); do   # at most 10 s
    kill -0 "$NGINX_PID" 2>/dev/null || { cat "$NG/logs/error.log" >&2; die "nginx exited during start"; }
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$NGX$PAGE" || true)" == 200 ]]; then
        ready=1; break
    fi
    sleep 0.1
done
(( ready )) || { cat "$NG/logs/error.log" >&2; die "nginx did not answer within 10 s"; }
curl -sS --max-time 10 -D "$WORK/nginx.headers" -o "$WORK/nginx-page.html" "$NGX$PAGE"
cmp -s "$WORK/nginx-page.html" "$WORK/www/page.html" || die "nginx does not serve the saved page byte for byte"
NGINX_RESP_BYTES=$(( $(wc -c <"$WORK/nginx.headers") + BODY_BYTES ))
NGINX_RSS_IDLE=$(nginx_rss_kb)
log "nginx on 127.0.0.1:$NGINX_PORT serves the same $BODY_BYTES bytes"

# ---------------------------------------------------------------------------------------------------- wrk
# run_wrk name url seconds-string outfile [sample-pid...]: runs wrk; with pids, samples their RSS every 0.5 s.
run_wrk() {
    local name="$1" url="$2" duration="$3" out="$4" rssfile="$5" samplewhat="$6"
    local limit=$(( $(seconds_of "$duration") + 30 ))
    : >"$rssfile"
    timeout --signal=INT --kill-after=5 "$limit" \
        wrk -t "$THREADS" -c "$CONNECTIONS" -d "$duration" --timeout 5s --latency -H "$COOKIE" "$url" >"$out" 2>&1 &
    WRK_PID=$!
    if [[ -n "$samplewhat" ]]; then
        (
            end=$(( SECONDS + limit ))
            while kill -0 "$WRK_PID" 2>/dev/null && (( SECONDS < end )); do
                if [[ "$samplewhat" == server ]]; then rss_kb "$SERVER_PID"; else nginx_rss_kb; fi
                sleep 0.5
            done
        ) >"$rssfile" &
        SAMPLER_PID=$!
    fi
    local rc=0
    wait "$WRK_PID" || rc=$?
    WRK_PID=""
    if [[ -n "$SAMPLER_PID" ]]; then wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""; fi
    (( rc == 0 )) || { cat "$out" >&2; die "wrk against $name failed (exit $rc)"; }
}

# Latency in wrk notation ("812.00us", "1.23ms", "1.02s", "1.50m") to milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000; else if (u == "h") n *= 3600000
        printf "%.2f", n }'
}
# Sizes in wrk notation ("1.23GB", "512.00KB", "100B") to bytes.
to_bytes() {
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "KB") n *= 1024; else if (u == "MB") n *= 1048576; else if (u == "GB") n *= 1073741824; else if (u == "TB") n *= 1099511627776
        printf "%.0f", n }'
}

# parse file prefix: sets ${prefix}_RPS, _P50, _P99, _REQS, _SOCKERR, _STATUSERR, _BYTES
parse_wrk() {
    local f="$1" p="$2" line
    local rps p50 p99 reqs readsz sockerr=0 statuserr=0
    rps="$(awk '/^Requests\/sec:/ { print $2 }' "$f")"
    p50="$(awk '$1 == "50%" { print $2 }' "$f")"
    p99="$(awk '$1 == "99%" { print $2 }' "$f")"
    reqs="$(awk '/requests in/ { print $1 }' "$f")"
    readsz="$(awk '/requests in/ { print $5 }' "$f")"
    line="$(grep 'Socket errors:' "$f" || true)"
    if [[ -n "$line" ]]; then
        sockerr="$(echo "$line" | grep -o '[0-9]\+' | awk '{ s += $1 } END { print s + 0 }')"
    fi
    statuserr="$(awk -F': *' '/Non-2xx or 3xx responses/ { print $2 }' "$f")"
    [[ -n "$rps" && -n "$p50" && -n "$p99" && -n "$reqs" ]] || { cat "$f" >&2; die "could not parse wrk output $f"; }
    printf -v "${p}_RPS" '%s' "$rps"
    printf -v "${p}_P50" '%s' "$(to_ms "$p50")"
    printf -v "${p}_P99" '%s' "$(to_ms "$p99")"
    printf -v "${p}_REQS" '%s' "$reqs"
    printf -v "${p}_SOCKERR" '%s' "$sockerr"
    printf -v "${p}_STATUSERR" '%s' "${statuserr:-0}"
    printf -v "${p}_BYTES" '%s' "$(to_bytes "$readsz")"
    printf -v "${p}_SOCKDETAIL" '%s' "${line#*Socket errors: }"
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
log "warm-up samenwijzer ($WARMUP)"
run_wrk samenwijzer "$APP$PAGE" "$WARMUP" "$WORK/wrk-app-warmup.txt" "$WORK/rss-app-warmup.txt" ""
log "measuring samenwijzer ($DURATION, $CONNECTIONS connections, $THREADS threads)"
run_wrk samenwijzer "$APP$PAGE" "$DURATION" "$WORK/wrk-app.txt" "$WORK/rss-app.txt" server
sleep 1
RSS_AFTER=$(rss_kb "$SERVER_PID")
after_status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "$COOKIE" "$APP$PAGE" || true)"

log "warm-up nginx ($WARMUP)"
run_wrk nginx "$NGX$PAGE" "$WARMUP" "$WORK/wrk-nginx-warmup.txt" "$WORK/rss-nginx-warmup.txt" ""
log "measuring nginx ($DURATION, $CONNECTIONS connections, $THREADS threads)"
run_wrk nginx "$NGX$PAGE" "$DURATION" "$WORK/wrk-nginx.txt" "$WORK/rss-nginx.txt" nginx

parse_wrk "$WORK/wrk-app.txt" APP
parse_wrk "$WORK/wrk-nginx.txt" NGINXR

rss_stats() {  # file -> "peak median count" in kB
    sort -n "$1" | awk 'NF { a[n++] = $1 } END { if (n == 0) { print "0 0 0"; exit } print a[n-1], a[int((n-1)/2)], n }'
}
read -r RSS_PEAK RSS_MEDIAN RSS_N < <(rss_stats "$WORK/rss-app.txt")
read -r NGINX_RSS_PEAK _ _ < <(rss_stats "$WORK/rss-nginx.txt")

# ---------------------------------------------------------------------------------------------------- report
echo
echo "=== wrk output: samenwijzer ==="; cat "$WORK/wrk-app.txt"
echo "=== wrk output: nginx ==="; cat "$WORK/wrk-nginx.txt"
echo

RATIO="$(awk -v a="$APP_RPS" -v b="$NGINXR_RPS" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')"
TREE="$(git rev-parse --short HEAD 2>/dev/null || echo '?')"
git diff --quiet HEAD -- Sources Package.swift 2>/dev/null || TREE="$TREE + uncommitted changes in Sources"
echo "Lesson page benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs, commit $TREE (binary built $(date -u -r "$BIN" +%H:%M:%SZ))"
echo "load average before the runs: $LOAD_BEFORE (other processes share these CPUs; wrk runs on them too)"
echo "page: $PAGE ($BODY_BYTES bytes body), logged-in learner; wrk -t$THREADS -c$CONNECTIONS -d$DURATION (after ${WARMUP} warm-up), 127.0.0.1"
echo
printf '%-12s %11s %9s %9s %8s %10s %9s %14s %20s\n' target "req/s" "p50 ms" "p99 ms" requests "sock err" "http>=400" "RSS idle" "RSS load peak"
printf '%-12s %11.1f %9.2f %9.2f %8s %10s %9s %14s %20s\n' samenwijzer "$APP_RPS" "$APP_P50" "$APP_P99" "$APP_REQS" \
    "$APP_SOCKERR" "$APP_STATUSERR" "$(mib "$RSS_IDLE")" "$(mib "$RSS_PEAK")"
printf '%-12s %11.1f %9.2f %9.2f %8s %10s %9s %14s %20s\n' nginx "$NGINXR_RPS" "$NGINXR_P50" "$NGINXR_P99" "$NGINXR_REQS" \
    "$NGINXR_SOCKERR" "$NGINXR_STATUSERR" "$(mib "$NGINX_RSS_IDLE")" "$(mib "$NGINX_RSS_PEAK")"
echo
echo "ratio samenwijzer/nginx (req/s): $RATIO"
echo "samenwijzer RSS: idle $(mib "$RSS_IDLE"), under load median $(mib "$RSS_MEDIAN") / peak $(mib "$RSS_PEAK") ($RSS_N samples every 0.5 s), 1 s after load $(mib "$RSS_AFTER")"
echo "nginx RSS is master + workers."

pass_ratio="$(awk -v r="$RATIO" 'BEGIN { print (r >= 0.25 ? "PASS" : "FAIL") }')"
pass_p99="$(awk -v p="$APP_P99" 'BEGIN { print (p < 20 ? "PASS" : "FAIL") }')"
note=""
(( CONNECTIONS == 64 )) || note=" (target is stated for 64 connections; this run used $CONNECTIONS)"
echo "target ratio >= 0.25: $pass_ratio ($RATIO); target samenwijzer p99 < 20 ms: $pass_p99 ($APP_P99 ms)$note"

# Sanity checks: wrk does not count 3xx as errors, so compare bytes per response with the verified 200.
warn=0
check_size() {  # name total-bytes requests expected-bytes
    local per
    per="$(awk -v t="$2" -v n="$3" 'BEGIN { printf "%.0f", (n > 0 ? t / n : 0) }')"
    if awk -v p="$per" -v e="$4" 'BEGIN { exit !(p < e * 0.95 || p > e * 1.05) }'; then
        echo "WARNING: $1: average $per bytes per response, expected about $4 (redirects or errors?)"
        warn=1
    fi
}
check_size samenwijzer "$APP_BYTES" "$APP_REQS" "$APP_RESP_BYTES"
check_size nginx "$NGINXR_BYTES" "$NGINXR_REQS" "$NGINX_RESP_BYTES"
(( APP_SOCKERR + APP_STATUSERR + NGINXR_SOCKERR + NGINXR_STATUSERR == 0 )) || {
    echo "WARNING: errors during the measured runs (socket: samenwijzer ${APP_SOCKDETAIL:-none}; nginx ${NGINXR_SOCKDETAIL:-none})"
    warn=1
}
[[ "$after_status" == 200 ]] || { echo "WARNING: after the run $PAGE answered $after_status with the learner's cookie"; warn=1; }
(( warn )) || echo "checks: no socket errors, no status >= 400, bytes per response match the 200 page, session still valid after the run"
