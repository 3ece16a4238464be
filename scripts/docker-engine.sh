#!/usr/bin/env bash
# Starts and stops a Docker engine for the container tests, so that they run for real on a CI
# machine (Debian, root) and are skipped with their reason elsewhere.
#
#   scripts/docker-engine.sh start   # an engine already answering is used as it is; otherwise,
#                                    # as root, installs docker.io (and busybox-static, which the
#                                    # stand-in images use) when missing and starts dockerd in the
#                                    # background, recording its PID
#   scripts/docker-engine.sh stop    # stops the dockerd that `start` started (by its PID), after
#                                    # removing the containers the tests may have left; an engine
#                                    # that was running before is left alone
#
# The tests need TESTCONTAINERS_RYUK_DISABLED=true (the reaper image cannot be pulled without a
# registry) and, inside a container, TESTCONTAINERS_HOST_OVERRIDE=localhost; .ci/run sets both.
# Environment: PROVIDERS_CACHE_DIR (default ~/.cache/providers-engine) holds the PID file and
# dockerd's log.
set -uo pipefail

CACHE_ROOT="${PROVIDERS_CACHE_DIR:-${HOME:?HOME is not set}/.cache/providers-engine}"
PID_FILE="$CACHE_ROOT/dockerd.pid"
LOG_FILE="$CACHE_ROOT/dockerd.log"

log() { echo "docker-engine: $*" >&2; }

answering() {
  command -v docker >/dev/null 2>&1 && timeout 10 docker info >/dev/null 2>&1
}

start() {
  if answering; then
    log "a Docker engine already answers; using it"
    return 0
  fi
  if [[ $(id -u) != 0 ]]; then
    log "no Docker engine answers and this user is not root: the container tests will be skipped"
    return 0
  fi
  local packages=()
  command -v dockerd >/dev/null 2>&1 || packages+=(docker.io)
  [[ -x /bin/busybox ]] || packages+=(busybox-static)
  if ((${#packages[@]})); then
    if ! command -v apt-get >/dev/null 2>&1; then
      log "cannot install ${packages[*]} (no apt-get): the container tests will be skipped"
      return 0
    fi
    log "installing ${packages[*]}"
    if ! (apt-get update -qq && apt-get install -y -qq "${packages[@]}" >/dev/null); then
      log "installing ${packages[*]} failed: the container tests will be skipped"
      return 0
    fi
  fi
  mkdir -p "$CACHE_ROOT"
  log "starting dockerd (log: $LOG_FILE)"
  dockerd --bip=172.17.0.1/16 >"$LOG_FILE" 2>&1 &
  echo $! >"$PID_FILE"
  for _ in $(seq 1 60); do
    if answering; then
      log "dockerd $(cat "$PID_FILE") is ready"
      return 0
    fi
    if ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
      log "dockerd exited at start (last lines of its log follow); the container tests will be skipped"
      tail -5 "$LOG_FILE" >&2
      rm -f "$PID_FILE"
      return 0
    fi
    sleep 0.5
  done
  log "dockerd did not answer within 30 s; stopping it, the container tests will be skipped"
  stop
}

stop() {
  [[ -f "$PID_FILE" ]] || return 0
  local pid
  pid=$(cat "$PID_FILE")
  if kill -0 "$pid" 2>/dev/null; then
    # containers the tests left (a killed JVM cannot stop its own); Testcontainers labels them
    local left
    left=$(timeout 20 docker ps -aq --filter label=org.testcontainers=true 2>/dev/null || true)
    if [[ -n "$left" ]]; then
      log "removing containers left behind: $(echo $left)"
      timeout 60 docker rm -f $left >/dev/null 2>&1 || true
    fi
    log "stopping dockerd $pid"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "dockerd $pid did not stop within 20 s; killing it"
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$PID_FILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
