# Packages and port ownership checks run before anything is started.
# shellcheck shell=bash

LAB_PACKAGES=(postfix postfix-mysql dovecot-core dovecot-mysql mariadb-server openssh-server swaks sudo gcc libc6-dev)

ensure_packages() {
  local missing=() p
  for p in "${LAB_PACKAGES[@]}"; do
    dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed' || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  say "installing missing packages: ${missing[*]}"
  # Preseed so the postfix package does not stop to ask questions.
  debconf-set-selections <<<'postfix postfix/main_mailer_type select Internet Site'
  debconf-set-selections <<<'postfix postfix/mailname string mail.example.com'
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" ||
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"; } ||
    die "apt-get install failed for: ${missing[*]}"
}

# Is this process (one of those sharing a listening socket) the lab's own?
is_our_process() {
  local port=$1 name=$2 pid=$3
  case $port in
    3306) [[ $name == mariadbd || $name == mysqld ]] ;;
    25) [[ $name == master && $pid == "$(pidfile_pid "$SPOOL/pid/master.pid")" ]] ;;
    2222) [[ $name == sshd && $pid == "$(pidfile_pid "$SSHD_PIDFILE")" ]] ;;
    2526) [[ $name == smtp-sink && $pid == "$(pidfile_pid "$SINK_PIDFILE")" ]] ;;
    *) return 1 ;;
  esac
}

check_ports() {
  local port addr procs p ours
  for port in 3306 25 2222 2526; do
    while read -r addr procs; do
      [[ -n $addr ]] || continue
      ours=0
      for p in $procs; do is_our_process "$port" "${p%:*}" "${p##*:}" && ours=1; done
      if ((!ours)); then
        die "port $port is held by ${procs:-an unknown process} on $addr, which is not the lab's; stop it first (see: ss -ltnp 'sport = :$port')"
      fi
      if [[ $addr != 127.0.0.1 ]]; then
        die "port $port: the lab's ${procs%% *} listens on $addr, not 127.0.0.1 only; run 'scripts/lab down' and 'scripts/lab up' again"
      fi
    done < <(port_listeners "$port")
  done
}
