# Shared helpers for scripts/lab. Sourced, never executed.
# shellcheck shell=bash

# Paths derived from the script's own location so the lab works from any checkout.
LAB_D="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_ROOT="$(cd "$LAB_D/../.." && pwd)"
LAB_STATE="$PROJECT_ROOT/.lab"

SPOOL=/var/spool/postfix
MAILLOG=/var/log/maillog
VMAIL_BASE=/home/domains
SINK_PIDFILE=/run/mailwarden-lab-smtp-sink.pid
SSHD_CONFIG=/etc/ssh/sshd_config_mailwarden_lab
SSHD_PIDFILE=/run/sshd-mailwarden-lab.pid
DOVECOT_CONF=/etc/dovecot/mailwarden-lab.conf
MARIADB_CNF=/etc/mysql/mariadb.conf.d/90-mailwarden-lab.cnf
LAB_DOMAINS=(extmail.org example.com corp.test)

# Colour only on a terminal, so logs and CI output stay plain text.
if [[ -t 1 ]]; then C_SAY=$'\033[1;34m' C_WARN=$'\033[1;33m' C_ERR=$'\033[1;31m' C_OFF=$'\033[0m'; else C_SAY='' C_WARN='' C_ERR='' C_OFF=''; fi
say() { printf '%s[lab]%s %s\n' "$C_SAY" "$C_OFF" "$*"; }
warn() { printf '%s[lab] warning:%s %s\n' "$C_WARN" "$C_OFF" "$*" >&2; }
die() { printf '%s[lab] error:%s %s\n' "$C_ERR" "$C_OFF" "$*" >&2; exit 1; }

require_root() {
  [[ $(id -u) -eq 0 ]] || die "must run as root (it installs packages and starts Postfix, MariaDB, Dovecot and sshd): sudo $0 $*"
}

# Runs SQL as the MariaDB root account (unix_socket auth as OS root).
sql_root() { mariadb --protocol=socket -uroot "$@"; }

# Writes $2 to $1 only when the content differs; returns 0 if it changed.
# Lets callers reload a daemon only when its configuration really moved.
install_if_changed() {
  local dest=$1 content=$2 mode=${3:-0644} owner=${4:-root:root}
  if [[ -f $dest ]] && [[ "$(cat "$dest")" == "$content" ]]; then
    chmod "$mode" "$dest"; chown "$owner" "$dest"
    return 1
  fi
  local tmp
  tmp=$(mktemp "$dest.XXXXXX")
  printf '%s\n' "$content" >"$tmp"
  chmod "$mode" "$tmp"; chown "$owner" "$tmp"
  mv -f "$tmp" "$dest"
  return 0
}

# Replaces @NAME@ placeholders in a template with values from the environment
# (only the names passed), so templates stay plain files under lab.d/.
render() {
  local file=$1; shift
  local out name
  out=$(cat "$file")
  for name in "$@"; do out=${out//@$name@/${!name}}; done
  printf '%s' "$out"
}

# A daemon must never keep its caller's files open: flock(1)'s lock (the next
# `flock` would wait forever) or a CI harness's output pipe (never reaching
# end of file). This replaces the current shell, so call it in a background
# job (`exec_without_inherited_fds cmd &`, then $! is the daemon) or through
# `detached`, which runs it in a subshell.
exec_without_inherited_fds() {
  local fd
  for fd in /proc/$BASHPID/fd/*; do
    fd=${fd##*/}
    if ((fd > 2)); then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
  exec "$@"
}
detached() ( exec_without_inherited_fds "$@" )

pid_alive() { [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null; }
pidfile_pid() { [[ -s $1 ]] && tr -dc '0-9' <"$1"; }

wait_for() {
  local what=$1 tries=$2; shift 2
  local i
  for ((i = 0; i < tries; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  die "timed out waiting for $what"
}

port_free() { [[ -z $(ss -Hltn "sport = :$1" 2>/dev/null) ]]; }
# `down` waits for this so an `up` right after it never meets a dying daemon.
wait_port_free() { wait_for "port $1 to be released" 100 port_free "$1"; }

# Listening sockets on a TCP port as "addr name:pid name:pid ..." lines
# (children such as smtpd share the socket of their master).
port_listeners() {
  ss -Hltnp "sport = :$1" 2>/dev/null | while read -r _ _ _ local _ procs; do
    printf '%s %s\n' "${local%:*}" \
      "$(grep -o '("[^"]*",pid=[0-9]*' <<<"$procs" | sed 's/("\([^"]*\)",pid=/\1:/' | paste -sd' ' -)"
  done
}
