#!/usr/bin/env bash
# A throw-away PostgreSQL (15+) for the server's integration tests, from the machine's own binaries.
#
#   scripts/pg-throwaway.sh start   # initdb on a temp dir, start on a free 127.0.0.1 port, print the URL
#   scripts/pg-throwaway.sh url     # postgres://app@127.0.0.1:PORT/postgres
#   scripts/pg-throwaway.sh stop    # stop it and delete its directory
#
# State (dir, port, pid, bindir) is kept in $ZHIFA_PG_STATE (default /tmp/zhifa-pg.state), so several
# instances can live side by side with different state files. `start` stops the previous instance first.
# Exit code 3 from `start` means no PostgreSQL server binaries were found.
#
# initdb refuses to run as root, so as root the server runs as the `postgres` system user (created if
# absent) and its directories belong to that user. The cluster uses UTF-8 and the C.UTF-8 locale:
# with lc_ctype 'C', pg_trgm extracts no trigrams from Chinese text (see /work/shared/stack.md).
set -euo pipefail

STATE="${ZHIFA_PG_STATE:-/tmp/zhifa-pg.state}"
PG_USER=postgres

log() { printf 'pg-throwaway: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

# Prints the directory holding initdb, pg_ctl and postgres, or returns 1.
find_bindir() {
  local d
  if [[ -n "${ZHIFA_PG_BINDIR:-}" && -x "${ZHIFA_PG_BINDIR}/initdb" ]]; then echo "$ZHIFA_PG_BINDIR"; return 0; fi
  # pg_config (libpq-dev) may be present without the server, so check that initdb is really there.
  if command -v pg_config >/dev/null 2>&1; then
    d="$(pg_config --bindir 2>/dev/null || true)"
    if [[ -n "$d" && -x "$d/initdb" && -x "$d/pg_ctl" && -x "$d/postgres" ]]; then echo "$d"; return 0; fi
  fi
  # Debian layout: /usr/lib/postgresql/<major>/bin; take the highest major.
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5 -n -r); do
    if [[ -x "$d/initdb" && -x "$d/pg_ctl" && -x "$d/postgres" ]]; then echo "$d"; return 0; fi
  done
  if command -v initdb >/dev/null 2>&1; then
    d="$(dirname "$(readlink -f "$(command -v initdb)")")"
    if [[ -x "$d/pg_ctl" && -x "$d/postgres" ]]; then echo "$d"; return 0; fi
  fi
  return 1
}

# Runs a command as the postgres user when we are root (initdb refuses root), else as ourselves.
as_pg() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi
}

ensure_pg_user() {
  [[ "$(id -u)" == 0 ]] || return 0
  id -u "$PG_USER" >/dev/null 2>&1 && return 0
  log "creating system user $PG_USER"
  useradd --system --user-group --no-create-home --home-dir /var/lib/postgresql --shell /usr/sbin/nologin "$PG_USER"
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

read_state() {
  [[ -f "$STATE" ]] || return 1
  # shellcheck disable=SC1090
  source "$STATE"
  [[ -n "${PG_DIR:-}" && -n "${PG_PORT:-}" ]]
}

cmd_stop() {
  if ! read_state; then log "nothing to stop (no state in $STATE)"; rm -f "$STATE"; return 0; fi
  if [[ -d "$PG_DIR/data" && -n "${PG_BINDIR:-}" && -x "$PG_BINDIR/pg_ctl" ]]; then
    as_pg "$PG_BINDIR/pg_ctl" -D "$PG_DIR/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  if [[ -n "${PG_PID:-}" ]] && kill -0 "$PG_PID" 2>/dev/null; then
    # pg_ctl failed (data dir gone?): make sure the postmaster of *this* instance is gone.
    if tr '\0' ' ' <"/proc/$PG_PID/cmdline" 2>/dev/null | grep -q -- "$PG_DIR/data"; then
      kill -QUIT "$PG_PID" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$PG_PID" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$PG_PID" 2>/dev/null || true
    fi
  fi
  case "$PG_DIR" in
    */zhifa-pg.*) rm -rf "$PG_DIR" ;;
    *) log "not deleting unexpected directory $PG_DIR" ;;
  esac
  rm -f "$STATE"
  log "stopped (port $PG_PORT)"
}

cmd_start() {
  if [[ -f "$STATE" ]]; then log "stopping the previous instance first"; cmd_stop; fi
  local bindir
  if ! bindir="$(find_bindir)"; then
    log "no PostgreSQL server binaries found (looked at pg_config --bindir, /usr/lib/postgresql/*/bin, PATH)"
    exit 3
  fi
  local version major
  version="$("$bindir/postgres" --version | sed -E 's/^[^0-9]*([0-9][0-9.]*).*/\1/')"
  major="${version%%.*}"
  if [[ "$major" =~ ^[0-9]+$ ]] && (( major < 15 )); then
    die "PostgreSQL $major found in $bindir; 15 or newer is needed"
  fi
  ensure_pg_user
  local dir port
  dir="$(mktemp -d /tmp/zhifa-pg.XXXXXX)"
  mkdir -p "$dir/data" "$dir/sock"
  chmod 700 "$dir/data"
  if [[ "$(id -u)" == 0 ]]; then chown -R "$PG_USER:" "$dir"; fi
  port="$(free_port)"
  # Written before anything can fail, so `stop` can always clean up.
  printf 'PG_DIR=%q\nPG_PORT=%q\nPG_BINDIR=%q\nPG_PID=\n' "$dir" "$port" "$bindir" >"$STATE"

  if ! (cd "$dir" && as_pg "$bindir/initdb" -D "$dir/data" -U app --auth=trust -E UTF8 --locale=C.UTF-8 \
        --no-sync >"$dir/initdb.log" 2>&1); then
    cat "$dir/initdb.log" >&2 || true
    cmd_stop
    die "initdb failed"
  fi
  if [[ "$(id -u)" == 0 ]]; then chown "$PG_USER:" "$dir"/initdb.log; fi
  # Durability is pointless for a throw-away test database; these settings make DDL-heavy tests faster.
  local opts="-p $port -k $dir/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
  opts+=" -c full_page_writes=off -c max_connections=200"
  if ! (cd "$dir" && as_pg "$bindir/pg_ctl" -D "$dir/data" -o "$opts" -l "$dir/server.log" -w -t 60 start >/dev/null); then
    cat "$dir/server.log" >&2 || true
    cmd_stop
    die "pg_ctl start failed"
  fi
  local pid
  pid="$(head -n1 "$dir/data/postmaster.pid")"
  printf 'PG_DIR=%q\nPG_PORT=%q\nPG_BINDIR=%q\nPG_PID=%q\n' "$dir" "$port" "$bindir" "$pid" >"$STATE"
  log "PostgreSQL $version up on 127.0.0.1:$port (pid $pid, dir $dir)"
  cmd_url
}

cmd_url() {
  read_state || die "not running (no state in $STATE)"
  echo "postgres://app@127.0.0.1:${PG_PORT}/postgres"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  url) cmd_url ;;
  *) echo "usage: $0 start|stop|url   (state file: \$ZHIFA_PG_STATE, default /tmp/zhifa-pg.state)" >&2; exit 2 ;;
esac
