# `scripts/lab syslog`: a /dev/log for the sending-limit policy service.
# postfwd logs through syslog only and the lab has no syslog daemon; the relay
# appends its lines to the maillog, where a real host's rsyslog puts them.
# shellcheck shell=bash

SYSLOG_PIDFILE=$LAB_STATE/syslog-relay.pid

syslog_pid() {
  local pid
  pid=$(pidfile_pid "$SYSLOG_PIDFILE")
  pid_alive "$pid" && grep -q syslog-relay "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}

syslog_up() { [[ -S /dev/log ]] && syslog_pid >/dev/null; }

start_syslog() {
  if syslog_pid >/dev/null; then
    say "syslog relay: running (/dev/log -> $MAILLOG)"
    return 0
  fi
  if [[ -S /dev/log ]] && ! [[ -f $SYSLOG_PIDFILE ]]; then
    say "syslog relay: /dev/log belongs to a syslog daemon already; not starting"
    return 0
  fi
  # Our pidfile and no relay: the socket is a leftover of ours (a reboot), not a daemon's.
  rm -f /dev/log
  say "syslog relay: starting (/dev/log -> $MAILLOG)"
  exec_without_inherited_fds setsid perl "$LAB_D/syslog-relay" /dev/log "$MAILLOG" "$(postconf -h myhostname | cut -d. -f1)" </dev/null >/dev/null 2>&1 &
  echo $! >"$SYSLOG_PIDFILE"
  # The new socket, and the background job already exec'd into the relay.
  wait_for "the syslog relay on /dev/log" 50 syslog_up
  syslog_pid >/dev/null || die "the syslog relay did not stay up"
}
