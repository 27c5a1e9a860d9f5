# `scripts/lab fleet [N]`: N more Postfix instances beside the lab's own,
# made with postmulti (Postfix's own multi-instance support), each one a host
# of the console: lab-fleet-<i>, config /etc/postfix-fleet-<i>, queue
# /var/spool/postfix-fleet-<i>, reached through the lab's sshd and enrolled
# helpers like host "lab" (mw-postfix and mw-queue-scan get -c <dir>).
#
# The instances are null clients: postmulti creates them with
# master_service_disable = inet (no smtpd), which is kept, so they take mail
# only from the console's tests and benchmarks (queue files written directly,
# scripts/lab bigqueue --config-dir) and relay what they send to the lab's
# refusing smtp-sink, as the lab does. Each logs to a maillog of its own, so
# the lab's maillog (which the e2e tests read) stays as it was.
#
# `scripts/lab fleet --unregister [N]`: hosts lab-fleet-1..N leave the console
# again (the instances stay, empty). Tests and benchmarks that register the
# fleet call it when done: every per-login check (sending enforcement, the
# hardening views) asks every registered host, and the other e2e tests expect
# host "lab" alone.
# shellcheck shell=bash

FLEET_GROUP=fleet
FLEET_MAX=20

# The primary instance's main.cf lines that postmulti owns (init, create).
# configure_postfix renders main.cf from a template; it keeps these, or the
# next `scripts/lab up` would forget every instance.
multi_instance_lines() {
  postconf -n multi_instance_wrapper multi_instance_enable multi_instance_directories 2>/dev/null || true
}

fleet_name() { echo "postfix-fleet-$1"; }
fleet_config_dir() { echo "/etc/postfix-fleet-$1"; }
fleet_maillog() { echo "/var/log/maillog-fleet-$1"; }

fleet_has_instance() {
  postmulti -l -a 2>/dev/null | awk '{print $1}' | grep -qx "$1"
}

ensure_multi_instance() {
  if [[ $(postconf -h multi_instance_enable) == yes && -n $(postconf -h multi_instance_wrapper) ]]; then return 0; fi
  say "postmulti: enabling multi-instance management (postmulti -e init)"
  postmulti -e init
}

# Sets each name=value that differs; returns 0 when main.cf changed.
fleet_set_params() {
  local dir=$1 pair name changed=1
  shift
  for pair in "$@"; do
    name=${pair%%=*}
    if [[ $(postconf -c "$dir" -h "$name") != "${pair#*=}" ]]; then
      postconf -c "$dir" -e "$pair"
      changed=0
    fi
  done
  return $changed
}

ensure_fleet_instance() {
  local i=$1 name dir log changed=0
  name=$(fleet_name "$i")
  dir=$(fleet_config_dir "$i")
  log=$(fleet_maillog "$i")
  if ! fleet_has_instance "$name"; then
    say "postmulti: creating $name (config $dir, queue /var/spool/postfix-fleet-$i)"
    postmulti -I "$name" -G "$FLEET_GROUP" -e create >/dev/null
    changed=1
  fi
  [[ -e $log ]] || : >"$log"
  chown root:adm "$log"
  chmod 0640 "$log"
  fleet_set_params "$dir" "myhostname=fleet-$i.example.com" 'mydomain=example.com' 'mydestination=' \
    'relayhost=[127.0.0.1]:2526' "maillog_file=$log" 'inet_interfaces=loopback-only' 'inet_protocols=ipv4' \
    'master_service_disable=inet' 'smtputf8_enable=no' 'compatibility_level=3.6' && changed=1
  postfix -c "$dir" check || die "postfix check failed for $name"
  # Debian's service wrapper prepares each instance's chroot as it does the default's.
  /usr/lib/postfix/configure-instance.sh "$name" >/dev/null
  [[ $(postconf -c "$dir" -h multi_instance_enable) == yes ]] || postmulti -i "$name" -e enable
  if postfix -c "$dir" status >/dev/null 2>&1; then
    if ((changed)); then detached postfix -c "$dir" reload </dev/null >/dev/null 2>&1; fi
  else
    detached postmulti -i "$name" -p start </dev/null >/dev/null 2>&1 || die "$name did not start (see $log)"
  fi
}

# Host lab-fleet-<i> in the console's database: the lab's SSH target and key,
# this instance's config directory and maillog.
register_fleet_host() {
  local i=$1
  (cd "$PROJECT_ROOT" && npx --no-install tsx scripts/register-lab-host.ts --name "lab-fleet-$i" \
    --config-dir "$(fleet_config_dir "$i")" --maillog "$(fleet_maillog "$i")") | sed 's/^/[lab] /'
}

unregister_fleet_host() {
  (cd "$PROJECT_ROOT" && npx --no-install tsx scripts/register-lab-host.ts --name "lab-fleet-$1" --remove) | sed 's/^/[lab] /'
}

# For `scripts/lab status`: each fleet instance, running or not, and its queue files.
fleet_status() {
  local name dir spool
  while read -r name _ _ dir; do
    [[ $name == postfix-fleet-* ]] || continue
    spool=$(postconf -c "$dir" -h queue_directory)
    if postfix -c "$dir" status >/dev/null 2>&1; then
      status_line "${name#postfix-}" running "$dir, $(find "$spool"/{incoming,active,deferred,hold,maildrop} -type f 2>/dev/null | wc -l) queue files"
    else
      status_line "${name#postfix-}" stopped "$dir"
    fi
  done < <(postmulti -l -g "$FLEET_GROUP" 2>/dev/null)
}

lab_fleet() {
  local unregister=0 n i
  if [[ ${1:-} == --unregister ]]; then
    unregister=1
    shift
  fi
  n=${1:-3}
  [[ $n =~ ^[0-9]+$ ]] && ((n >= 1 && n <= FLEET_MAX)) || die "usage: scripts/lab fleet [--unregister] [N]  (1..$FLEET_MAX instances, default 3)"
  if ((unregister)); then
    for ((i = 1; i <= n; i++)); do unregister_fleet_host "$i"; done
    return 0
  fi
  postfix_running || die "the lab's Postfix is not running: scripts/lab up first"
  [[ -e $LAB_STATE/lab.json ]] || die "no ${LAB_STATE}/lab.json yet: scripts/lab up first"
  ensure_multi_instance
  for ((i = 1; i <= n; i++)); do ensure_fleet_instance "$i"; done
  # The helpers the instances need (mw-queue-scan -c) come with the enroll
  # script; running it again only changes what is out of date.
  enroll_lab_host
  for ((i = 1; i <= n; i++)); do register_fleet_host "$i"; done
  say "fleet: $n instance(s) in group $FLEET_GROUP:"
  postmulti -l -g "$FLEET_GROUP" | sed 's/^/    /'
}
