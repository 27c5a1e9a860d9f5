# `scripts/lab syslog`: a /dev/log for the sending-limit policy service.
# postfwd logs through syslog only; the lab's Postfix logs through postlogd.
# The relay appends postfwd's lines to the maillog, where a real host's
# rsyslog puts them. A syslog daemon already on /dev/log is used as it is
# when it writes mail to the maillog; otherwise (journald, or rsyslog writing
# mail.log) the relay takes /dev/log and passes every datagram on to it.
# shellcheck shell=bash

SYSLOG_PIDFILE=$LAB_STATE/syslog-relay.pid
# Where a syslog daemon's /dev/log is kept while the relay holds the name.
SYSLOG_ORIG=/dev/log.mailwarden-lab-orig

syslog_pid() {
  local pid
  pid=$(pidfile_pid "$SYSLOG_PIDFILE")
  pid_alive "$pid" && grep -q syslog-relay "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}

syslog_up() { [[ -S /dev/log ]] && syslog_pid >/dev/null; }

# Sends one mail.info datagram to SOCKET; exit 2 when nothing listens there.
syslog_send() {
  perl -MIO::Socket::UNIX -MSocket=SOCK_DGRAM -e '
    my $s = IO::Socket::UNIX->new(Type => SOCK_DGRAM, Peer => $ARGV[0]) or exit 2;
    defined $s->send("<22>mailwarden-lab: $ARGV[1]") or exit 2;' "$1" "$2"
}

# Whether a line sent to /dev/log shows up in the maillog within 3 s.
syslog_reaches_maillog() {
  local token
  token="syslog probe $(date +%s%N)"
  syslog_send /dev/log "$token" || return 2
  local i
  for ((i = 0; i < 15; i++)); do
    grep -qF "$token" "$MAILLOG" 2>/dev/null && return 0
    sleep 0.2
  done
  return 1
}

start_syslog() {
  local forward=() rc=0
  mkdir -p "$LAB_STATE"
  if syslog_pid >/dev/null; then
    say "syslog relay: running (/dev/log -> $MAILLOG)"
    return 0
  fi
  if [[ -e /dev/log || -L /dev/log ]] && ! [[ -f $SYSLOG_PIDFILE ]]; then
    syslog_reaches_maillog >/dev/null 2>&1 || rc=$?
    if ((rc == 0)); then
      say "syslog relay: not needed (the syslog daemon on /dev/log writes mail to $MAILLOG)"
      return 0
    fi
    if ((rc == 1)); then
      # A live daemon that puts mail elsewhere: keep it, behind the relay.
      mv -f /dev/log "$SYSLOG_ORIG"
      say "syslog relay: /dev/log belongs to a syslog daemon that does not write $MAILLOG; kept as $SYSLOG_ORIG, the relay passes every line on to it"
    fi
  fi
  [[ -e $SYSLOG_ORIG || -L $SYSLOG_ORIG ]] && forward=("$SYSLOG_ORIG")
  # No relay of ours and no daemon behind the name: a leftover socket (a reboot).
  rm -f /dev/log
  say "syslog relay: starting (/dev/log -> $MAILLOG)"
  exec_without_inherited_fds setsid perl "$LAB_D/syslog-relay" /dev/log "$MAILLOG" "$(postconf -h myhostname | cut -d. -f1)" "${forward[@]}" </dev/null >/dev/null 2>&1 &
  echo $! >"$SYSLOG_PIDFILE"
  # The new socket, and the background job already exec'd into the relay.
  wait_for "the syslog relay on /dev/log" 50 syslog_up
  syslog_pid >/dev/null || die "the syslog relay did not stay up"
  syslog_reaches_maillog >/dev/null 2>&1 || die "the syslog relay is up but a line sent to /dev/log did not reach $MAILLOG"
}

stop_syslog() {
  local pid
  if pid=$(syslog_pid); then
    say "syslog relay: stopping"
    kill "$pid"
    rm -f /dev/log
  else
    say "syslog relay: not running"
  fi
  rm -f "$SYSLOG_PIDFILE"
  if [[ -e $SYSLOG_ORIG || -L $SYSLOG_ORIG ]] && ! [[ -e /dev/log ]]; then
    mv -f "$SYSLOG_ORIG" /dev/log
    say "syslog relay: /dev/log handed back to the syslog daemon"
  fi
}
