# Dovecot as the SASL server (socket /var/spool/postfix/private/auth).
# shellcheck shell=bash

dovecot_pid() {
  local pid
  pid=$(pidfile_pid /run/dovecot/master.pid)
  pid_alive "$pid" && echo "$pid"
}

start_dovecot() {
  local changed=0 conf pid
  conf=$(render "$LAB_D/dovecot.conf.in" VMAIL_UID VMAIL_GID VMAIL_BASE)
  install_if_changed "$DOVECOT_CONF" "$conf" 0644 && changed=1
  install_if_changed /etc/dovecot/mailwarden-lab-sql.conf.ext "$(cat "$LAB_D/dovecot-sql.conf.ext")" 0600 && changed=1
  install_if_changed /etc/dovecot/mailwarden-lab-extra.passwd "$(cat "$LAB_D/dovecot-extra.passwd")" 0640 root:dovecot && changed=1
  touch /var/log/dovecot-mailwarden-lab.log
  doveconf -c "$DOVECOT_CONF" -n >/dev/null || die "dovecot rejects $DOVECOT_CONF"
  pid=$(dovecot_pid || true)
  if [[ -n $pid ]]; then
    if ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$DOVECOT_CONF"; then
      die "a dovecot not started by the lab is running (pid $pid); stop it first"
    fi
    if ((changed)); then
      say "dovecot: configuration changed, reloading"
      kill -HUP "$pid"
    else
      say "dovecot: running"
    fi
    return 0
  fi
  say "dovecot: starting (SASL socket $SPOOL/private/auth)"
  # Dovecot's master keeps its stderr open for good; never hand it ours, or
  # a caller reading our output through a pipe (`scripts/lab up | tee`) hangs.
  detached dovecot -c "$DOVECOT_CONF" </dev/null >/dev/null 2>>/var/log/dovecot-mailwarden-lab.log ||
    die "dovecot failed to start (see /var/log/dovecot-mailwarden-lab.log)"
  wait_for "the dovecot auth socket" 50 test -S "$SPOOL/private/auth"
}

stop_dovecot() {
  local pid
  pid=$(dovecot_pid || true)
  if [[ -n $pid ]]; then
    say "dovecot: stopping"
    kill "$pid"
    wait_for "dovecot to exit" 50 bash -c "! kill -0 $pid"
  else
    say "dovecot: not running"
  fi
}
