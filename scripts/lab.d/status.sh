# `scripts/lab status` and the queue summary shared with `attack`.
# shellcheck shell=bash

status_line() { printf '  %-10s %-8s %s\n' "$1" "$2" "${3:-}"; }

# Per-queue counts from postqueue -j, which reads queue files like the console.
queue_summary() {
  if ! postfix_running; then
    say "queue: postfix is stopped; files per queue directory:"
    local q
    for q in incoming active deferred hold corrupt; do
      printf '  %-10s %s\n' "$q" "$(find "$SPOOL/$q" -type f 2>/dev/null | wc -l)"
    done
    return 0
  fi
  local counts
  # grep finds nothing in an empty queue: not a failure (pipefail).
  counts=$(postqueue -j | { grep -o '"queue_name": *"[a-z]*"' || true; } | sed 's/.*"\([a-z]*\)"$/\1/' | sort | uniq -c |
    awk '{printf "%s=%s ", $2, $1; t += $1} END {printf "total=%d", t}')
  say "queue (postqueue -j): ${counts:-empty}"
}

lab_status() {
  local pid
  echo "mailwarden lab ($PROJECT_ROOT)"
  if mariadb_running; then status_line mariadb running 127.0.0.1:3306; else status_line mariadb stopped; fi
  if pid=$(dovecot_pid); then status_line dovecot running "pid $pid, SASL $SPOOL/private/auth"; else status_line dovecot stopped; fi
  if postfix_running; then status_line postfix running "127.0.0.1:25, $(postconf -h mail_version)"; else status_line postfix stopped; fi
  if pid=$(sink_pid); then status_line smtp-sink running "127.0.0.1:2526 (refuses with 554)"; else status_line smtp-sink stopped; fi
  if pid=$(sshd_pid); then status_line sshd running "127.0.0.1:2222 (mailwarden)"; else status_line sshd stopped; fi
  fleet_status
  queue_summary
  if mariadb_running && extmail_schema_present; then
    say "extmail: $(sql_root -N -e 'SELECT COUNT(*) FROM extmail.mailbox') mailboxes," \
      "$(sql_root -N -e 'SELECT COUNT(*) FROM extmail.domain') domains"
  fi
  say "Maildirs: $(find "$VMAIL_BASE" -type f \( -path '*/new/*' -o -path '*/cur/*' \) 2>/dev/null | wc -l) messages" \
    "($(find "$VMAIL_BASE/example.com/info/Maildir" -type f \( -path '*/new/*' -o -path '*/cur/*' \) 2>/dev/null | wc -l) in info@example.com)"
  [[ -e $MAILLOG ]] && say "maillog: $(wc -l <"$MAILLOG") lines in $MAILLOG"
  [[ -e $LAB_STATE/lab.json ]] || warn "no ${LAB_STATE}/lab.json yet: run scripts/lab up"
}
