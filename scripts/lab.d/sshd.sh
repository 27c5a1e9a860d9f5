# sshd on 127.0.0.1:2222 for the mailwarden user, enrolled with the console's
# own enroll script.
# shellcheck shell=bash

sshd_pid() {
  local pid
  pid=$(pidfile_pid "$SSHD_PIDFILE")
  pid_alive "$pid" && [[ $(cat "/proc/$pid/comm" 2>/dev/null) == sshd ]] && echo "$pid"
}

# The console's key for the lab host, made once. Its public half reaches the
# mailwarden user through the enroll script, as on a real server.
ensure_client_key() {
  local key=$LAB_STATE/ssh/id_ed25519
  mkdir -p "$LAB_STATE/ssh"
  chmod 0700 "$LAB_STATE" "$LAB_STATE/ssh"
  [[ -s $key ]] || ssh-keygen -q -t ed25519 -N '' -C "mailwarden-lab@$(hostname)" -f "$key"
}

# The lab's mail host is enrolled by the very script Add Host gives an admin
# (lib/hosts/enroll-script.ts): user, restricted key, helpers, the compiled
# reader, sudoers. The lab has no sudoers or helper copy of its own.
enroll_lab_host() {
  local script=$LAB_STATE/mailwarden-enroll-lab.sh out
  [[ -x $PROJECT_ROOT/node_modules/.bin/tsx ]] || die "npm packages are missing: run scripts/setup (or npm ci) first"
  (cd "$PROJECT_ROOT" && npx --no-install tsx scripts/enroll-lab-host.ts) >"$script.tmp" || die "could not render the enroll script"
  mv -f "$script.tmp" "$script"
  if ! out=$(bash "$script" 2>&1); then
    printf '%s\n' "$out" >&2
    die "the enroll script failed on the lab host"
  fi
  printf '%s\n' "$out" | grep -E 'installed|created|added|granted|warning' | sed 's/^\[mailwarden\]/[lab] enroll:/' || true
  # What earlier labs installed by hand: an unrestricted copy of the key and
  # separate sudoers files. The enroll script's own lines replace them.
  rm -f /etc/sudoers.d/mailwarden-config /etc/sudoers.d/mailwarden-queue-scan
  local keys=/home/mailwarden/.ssh/authorized_keys
  if [[ -f $keys ]] && grep -qxF "$(cat "$LAB_STATE/ssh/id_ed25519.pub")" "$keys"; then
    grep -vxF "$(cat "$LAB_STATE/ssh/id_ed25519.pub")" "$keys" >"$keys.tmp" || true
    cat "$keys.tmp" >"$keys" && rm -f "$keys.tmp"
    say "enroll: removed the lab's old unrestricted key line"
  fi
}

start_sshd() {
  local changed=0 pid
  ssh-keygen -A >/dev/null
  mkdir -p /run/sshd
  chmod 0755 /run/sshd
  ensure_client_key
  enroll_lab_host
  install_if_changed "$SSHD_CONFIG" "$(cat "$LAB_D/sshd_config.in")" 0644 && changed=1
  /usr/sbin/sshd -t -f "$SSHD_CONFIG" || die "sshd rejects $SSHD_CONFIG"
  if pid=$(sshd_pid); then
    if ((changed)); then
      say "sshd: configuration changed, reloading"
      kill -HUP "$pid"
    else
      say "sshd: running"
    fi
    return 0
  fi
  say "sshd: starting on 127.0.0.1:2222 (user mailwarden, key auth only)"
  detached /usr/sbin/sshd -f "$SSHD_CONFIG" </dev/null >/dev/null 2>&1 || die "sshd failed to start"
  wait_for "sshd to listen on 2222" 50 bash -c "ss -Hltn 'sport = :2222' | grep -q ."
}

stop_sshd() {
  local pid
  if pid=$(sshd_pid); then
    say "sshd: stopping"
    kill "$pid"
    wait_port_free 2222
  else
    say "sshd: not running"
  fi
}
