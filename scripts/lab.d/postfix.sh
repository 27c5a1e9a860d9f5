# Postfix configured like the incident's permissive main.cf, plus the
# smtp-sink that plays the provider which blocklisted us.
# shellcheck shell=bash

SINK_REPLY='554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/127.0.0.1'

postfix_running() { postfix status >/dev/null 2>&1; }

# The console's SSH user reads the maillog without root, through group adm.
# postlogd appends to an existing file and keeps its owner and mode.
ensure_maillog() {
  [[ -e $MAILLOG ]] || : >"$MAILLOG"
  chown root:adm "$MAILLOG"
  chmod 0640 "$MAILLOG"
}

# Sets POSTFIX_CHANGED=1 when any file Postfix reads was rewritten.
configure_postfix() {
  local f
  POSTFIX_CHANGED=0
  for f in main.cf master.cf; do
    [[ -e /etc/postfix/$f.mailwarden-lab-orig ]] || cp -p "/etc/postfix/$f" "/etc/postfix/$f.mailwarden-lab-orig"
  done
  for f in alias domains mailbox sender; do
    install_if_changed "/etc/postfix/mysql_virtual_${f}_maps.cf" \
      "$(cat "$LAB_D/postfix/mysql_virtual_${f}_maps.cf")" 0640 root:postfix && POSTFIX_CHANGED=1
  done
  if install_if_changed /etc/postfix/sender_access "$(cat "$LAB_D/postfix/sender_access")" 0644 ||
    [[ ! -e /etc/postfix/sender_access.db ]]; then
    postmap hash:/etc/postfix/sender_access
    POSTFIX_CHANGED=1
  fi
  [[ -e /etc/aliases.db ]] || newaliases
  local main instances
  main=$(render "$LAB_D/postfix/main.cf.in" VMAIL_UID VMAIL_GID VMAIL_BASE)
  # postmulti's own lines stay (scripts/lab fleet); without them the fleet's
  # instances would be unknown to the primary and to the console's helpers.
  instances=$(multi_instance_lines)
  [[ -z $instances ]] || main+=$'\n'"$instances"
  install_if_changed /etc/postfix/main.cf "$main" 0644 && POSTFIX_CHANGED=1
  ensure_maillog
  mkdir -p "$VMAIL_BASE"
  chown "$VMAIL_UID:$VMAIL_GID" "$VMAIL_BASE"
  chmod 0750 "$VMAIL_BASE"
  postfix check || die "postfix check failed"
}

start_postfix() {
  configure_postfix
  # Debian's service wrapper prepares the chroot (resolv.conf, localtime...).
  /usr/lib/postfix/configure-instance.sh - >/dev/null
  if postfix_running; then
    if ((POSTFIX_CHANGED)); then
      say "postfix: configuration changed, reloading"
      detached postfix reload </dev/null >/dev/null 2>&1
    else
      say "postfix: running"
    fi
  else
    say "postfix: starting on 127.0.0.1:25"
    detached postfix start </dev/null >/dev/null 2>&1 || die "postfix start failed (see $MAILLOG)"
  fi
  ensure_maillog
}

stop_postfix() {
  if postfix_running; then
    say "postfix: stopping"
    postfix stop 2>/dev/null
    wait_port_free 25
  else
    say "postfix: not running"
  fi
}

sink_pid() {
  local pid
  pid=$(pidfile_pid "$SINK_PIDFILE")
  pid_alive "$pid" && [[ $(cat "/proc/$pid/comm" 2>/dev/null) == smtp-sink ]] && echo "$pid"
}

start_sink() {
  if sink_pid >/dev/null; then
    say "smtp-sink: running"
    return 0
  fi
  say "smtp-sink: starting on 127.0.0.1:2526 (refuses every connection: ${SINK_REPLY:0:40}...)"
  exec_without_inherited_fds setsid smtp-sink -u nobody -f CONNECT -B "$SINK_REPLY" 127.0.0.1:2526 1000 </dev/null >/dev/null 2>&1 &
  echo $! >"$SINK_PIDFILE"
  wait_for "smtp-sink to listen on 2526" 50 bash -c "ss -Hltn 'sport = :2526' | grep -q ."
  sink_pid >/dev/null || die "smtp-sink did not stay up"
}

stop_sink() {
  local pid
  if pid=$(sink_pid); then
    say "smtp-sink: stopping"
    kill "$pid"
    wait_port_free 2526
  else
    say "smtp-sink: not running"
  fi
  rm -f "$SINK_PIDFILE"
}
