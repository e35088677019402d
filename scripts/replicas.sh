#!/usr/bin/env bash
# Two replicas of the dashboard behind nginx on loopback, sticky by cookie, driven through the proxy.
#
#   bash scripts/replicas.sh        (as root if nginx is not installed yet: it is installed with apt-get)
#
# Starts two `streamlit run app.py` on free loopback ports (same cookie secret), nginx from
# deploy/nginx-replicas.conf on a third, then runs deploy/replicas_drive.py: health of each replica
# through the proxy, browser visitors spread over both, one replica stopped under a visitor, and
# stickiness checked in nginx's log. Everything it started is stopped on exit; logs stay in the
# run folder it prints. See docs/deployment.md for what was observed.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="$REPO/.venv/bin/python"
START_TIMEOUT_S=60

if ! command -v nginx >/dev/null; then
    echo "installing nginx (Debian package)"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nginx
fi

RUN="$(mktemp -d /tmp/summit-replicas.XXXXXX)"
chmod 755 "$RUN"
read -r APP_PORT_1 APP_PORT_2 NGINX_PORT < <("$PY" - <<'PY'
import socket
socks = [socket.socket() for _ in range(3)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))
PY
)
# One secret for all replicas: Streamlit signs its XSRF cookie with it, so a visitor moved to
# another replica (failover) keeps a valid cookie.
COOKIE_SECRET="$("$PY" -c 'import secrets; print(secrets.token_hex(32))')"

PIDS=()
stop_all() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill -TERM -- "-$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL -- "-$pid" 2>/dev/null || true
    done
    echo "stopped: ${PIDS[*]}; logs in $RUN"
}
trap stop_all EXIT

start_replica() {  # port, name → prints the process id (also its process group id)
    # Streamlit takes the cookie secret from config or the environment, not from the command line.
    STREAMLIT_SERVER_COOKIE_SECRET="$COOKIE_SECRET" setsid "$PY" -m streamlit run "$REPO/app.py" \
        --server.port "$1" --server.address 127.0.0.1 --server.headless true \
        --browser.gatherUsageStats false >"$RUN/$2.log" 2>&1 </dev/null &
    echo $!
}

wait_healthy() {  # url
    local deadline=$((SECONDS + START_TIMEOUT_S))
    until [[ "$(curl -s --noproxy '*' --max-time 2 "$1" || true)" == ok ]]; do
        if ((SECONDS > deadline)); then
            echo "no answer from $1 within ${START_TIMEOUT_S} s" >&2
            return 1
        fi
        sleep 0.2
    done
}

cd "$REPO"
APP_PID_1="$(start_replica "$APP_PORT_1" replica-1)"
PIDS+=("$APP_PID_1")
APP_PID_2="$(start_replica "$APP_PORT_2" replica-2)"
PIDS+=("$APP_PID_2")
wait_healthy "http://127.0.0.1:$APP_PORT_1/_stcore/health"
wait_healthy "http://127.0.0.1:$APP_PORT_2/_stcore/health"
echo "replicas: 127.0.0.1:$APP_PORT_1 (pid $APP_PID_1), 127.0.0.1:$APP_PORT_2 (pid $APP_PID_2)"

sed -e "s|@RUN_DIR@|$RUN|g" -e "s|@APP_PORT_1@|$APP_PORT_1|g" -e "s|@APP_PORT_2@|$APP_PORT_2|g" \
    -e "s|@NGINX_PORT@|$NGINX_PORT|g" "$REPO/deploy/nginx-replicas.conf" >"$RUN/nginx.conf"
NGINX=(nginx -p "$RUN" -c "$RUN/nginx.conf" -e "$RUN/error.log")
"${NGINX[@]}" -t -q
setsid "${NGINX[@]}" -g "daemon off;" </dev/null &
PIDS+=("$!")
wait_healthy "http://127.0.0.1:$NGINX_PORT/_stcore/health"
echo "nginx $(nginx -v 2>&1 | cut -d/ -f2) on http://127.0.0.1:$NGINX_PORT (pid ${PIDS[-1]})"

"$PY" "$REPO/deploy/replicas_drive.py" \
    --proxy "http://127.0.0.1:$NGINX_PORT" \
    --replicas "127.0.0.1:$APP_PORT_1" "127.0.0.1:$APP_PORT_2" \
    --pids "$APP_PID_1" "$APP_PID_2" \
    --routes-log "$RUN/routes.log" \
    --screenshot "$REPO/artifacts/screenshots/replicas-through-proxy.png"
echo "replica logs: tracebacks $(cat "$RUN"/replica-*.log | grep -c Traceback || true); nginx errors: $(grep -c '\[error\]' "$RUN/error.log" || true)"
