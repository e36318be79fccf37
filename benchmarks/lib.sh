# Shared by the benchmark scripts (source it after setting BENCH_NAME, ROOT and BUILD; cwd = ROOT):
# logging, building the release binary when stale, stopping processes, a free port, starting the server.

log() { printf '[%s] %s\n' "$BENCH_NAME" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$BENCH_NAME" "$*" >&2; exit 1; }

BIN="$ROOT/.build/release/samenwijzer"

# Builds the release binary when it is missing or older than the sources (unless BUILD=0).
build_release_if_stale() {
    if (( BUILD )); then
        local stale="" newer
        if [[ ! -x "$BIN" ]]; then
            stale="missing"
        else
            newer="$(find Sources Package.swift Package.resolved -newer "$BIN" -type f -print -quit 2>/dev/null || true)"
            [[ -n "$newer" ]] && stale="older than $newer"
        fi
        if [[ -n "$stale" ]]; then
            log "release binary $stale: swift build -c release --product samenwijzer (takes a few minutes)"
            swift build -c release --product samenwijzer >&2 || die "release build failed"
        else
            log "release binary is up to date"
        fi
    fi
    [[ -x "$BIN" ]] || die "$BIN not found (build it, or drop --no-build)"
}

stop_pid() {  # pid signal grace-seconds
    local pid="$1" sig="$2" grace="$3" i
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill "-$sig" "$pid" 2>/dev/null || true
    for (( i = 0; i < grace * 10; i++ )); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "pid $pid did not stop after SIG$sig in ${grace}s: SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

# A port on 127.0.0.1 nothing listens on (bounded number of tries), below the kernel's ephemeral range: a port
# held by an outgoing connection (wrk's, the seeder's) passes the connect test but cannot be bound, which made
# the server fail to start now and then.
free_port() {
    local port tries low=10000 high=32767 ephemeral_low _
    if read -r ephemeral_low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null && (( ephemeral_low > low + 1000 )); then
        high=$(( ephemeral_low - 1 ))
    fi
    for (( tries = 0; tries < 200; tries++ )); do
        port=$(( low + (RANDOM * 32768 + RANDOM) % (high - low + 1) ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    die "no free port found"
}

# Starts `samenwijzer serve` on a free port of 127.0.0.1 with data in $1 (log in $WORK/server.log), ignoring
# SAMENWIJZER_* settings of the caller (extra serve options: the array SERVE_EXTRA_ARGS), and waits (at most 60 s) for /healthz. Sets SERVER_PID, APP_PORT, APP.
start_server() {  # data-folder
    local data="$1" ready=0 i
    APP_PORT="$(free_port)"
    mkdir -p "$data"
    log "starting $BIN serve on 127.0.0.1:$APP_PORT (data in $data)"
    env -u SAMENWIJZER_HOST -u SAMENWIJZER_PORT -u SAMENWIJZER_MODULES -u SAMENWIJZER_DATA -u SAMENWIJZER_SECURE_COOKIES \
        -u SAMENWIJZER_FULL_SYNC -u LOG_LEVEL "$BIN" serve --host 127.0.0.1 --port "$APP_PORT" --data "$data" \
        ${SERVE_EXTRA_ARGS[@]+"${SERVE_EXTRA_ARGS[@]}"} >"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    APP="http://127.0.0.1:$APP_PORT"
    for (( i = 0; i < 600; i++ )); do
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; die "samenwijzer exited during start"; }
        if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$APP/healthz" || true)" == 200 ]]; then
            ready=1; break
        fi
        sleep 0.1
    done
    (( ready )) || { cat "$WORK/server.log" >&2; die "samenwijzer did not answer /healthz within 60 s"; }
}
