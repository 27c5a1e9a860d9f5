# sshd on 127.0.0.1:2222 for the mailwarden user, with a key made by the lab
# and a least-privilege sudoers file.
# shellcheck shell=bash

sshd_pid() {
  local pid
  pid=$(pidfile_pid "$SSHD_PIDFILE")
  pid_alive "$pid" && [[ $(cat "/proc/$pid/comm" 2>/dev/null) == sshd ]] && echo "$pid"
}

ensure_client_key() {
  local key=$LAB_STATE/ssh/id_ed25519
  mkdir -p "$LAB_STATE/ssh"
  chmod 0700 "$LAB_STATE" "$LAB_STATE/ssh"
  [[ -s $key ]] || ssh-keygen -q -t ed25519 -N '' -C "mailwarden-lab@$(hostname)" -f "$key"
  local home=/home/mailwarden
  install -d -m 0700 -o mailwarden -g mailwarden "$home/.ssh"
  install_if_changed "$home/.ssh/authorized_keys" "$(cat "$key.pub")" 0600 mailwarden:mailwarden || true
}

install_sudoers() {
  local tmp
  tmp=$(mktemp)
  cp "$LAB_D/sudoers-mailwarden" "$tmp"
  visudo -cqf "$tmp" || { rm -f "$tmp"; die "sudoers template does not validate: $LAB_D/sudoers-mailwarden"; }
  if ! cmp -s "$tmp" /etc/sudoers.d/mailwarden; then
    install -m 0440 -o root -g root "$tmp" /etc/sudoers.d/mailwarden
    say "sudo: installed /etc/sudoers.d/mailwarden"
  fi
  rm -f "$tmp"
}

# The console's fixed on-host helpers (scripts/host/): the fast queue reader
# (runs as postfix) and the config helper for hardening (runs as root).
# Root-owned and not writable by mailwarden, as the sudoers rules require.
install_host_helpers() {
  local dir=/usr/local/lib/mailwarden name
  install -d -m 0755 -o root -g root "$dir"
  for name in mw-queue-scan mw-config mw-maildir; do
    if ! cmp -s "$PROJECT_ROOT/scripts/host/$name" "$dir/$name"; then
      install -m 0755 -o root -g root "$PROJECT_ROOT/scripts/host/$name" "$dir/$name"
      say "host helpers: installed $dir/$name"
    fi
  done
  install_compiled_reader "$dir"
  # Earlier hand-made rules, now part of /etc/sudoers.d/mailwarden.
  rm -f /etc/sudoers.d/mailwarden-config /etc/sudoers.d/mailwarden-queue-scan
}

# The full-scan reader compiled on the host, as an admin would with the C
# compiler of the host (mw-queue-scan uses it when root owns it; without it
# the Perl reader does the same scan, slower). Built once per source change.
install_compiled_reader() {
  local dir=$1 src="$PROJECT_ROOT/scripts/host/mw-queue-scan-fast.c" bin="$PROJECT_ROOT/.lab/mw-queue-scan-fast"
  if ! command -v cc >/dev/null; then
    rm -f "$dir/mw-queue-scan-fast"
    say "host helpers: no C compiler, the queue scan uses the Perl reader"
    return 0
  fi
  mkdir -p "$PROJECT_ROOT/.lab"
  if [[ ! -x $bin || $src -nt $bin ]]; then
    cc -std=c11 -O2 -Wall -Wextra -Werror -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE -pie \
      -o "$bin.tmp" "$src" || die "cc failed for $src"
    mv "$bin.tmp" "$bin"
  fi
  if ! cmp -s "$bin" "$dir/mw-queue-scan-fast"; then
    install -m 0755 -o root -g root "$bin" "$dir/mw-queue-scan-fast"
    say "host helpers: installed $dir/mw-queue-scan-fast"
  fi
}

start_sshd() {
  local changed=0 pid
  ssh-keygen -A >/dev/null
  mkdir -p /run/sshd
  chmod 0755 /run/sshd
  ensure_client_key
  install_host_helpers
  install_sudoers
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
