# mw-enroll.sh - the body of the script that enrolls a mail host with Mailwarden.
#
# Not run as it is: the console (lib/hosts/enroll-script.ts) puts the host's
# settings (MW_HOST_NAME, MW_PUBLIC_KEY, MW_KEY_FROM, MW_SSH_USER) in front of
# it and the helpers (mw_payload) behind it, and serves the whole as one
# script an admin reads and then runs as root on the mail host:
#
#   bash mailwarden-enroll.sh              install or update (idempotent)
#   bash mailwarden-enroll.sh --check      report what is installed; exit 1 if incomplete
#   bash mailwarden-enroll.sh --uninstall  remove what it added for this host name
#
# What it installs, and nothing more:
#   - the user $MW_SSH_USER (no password, key login only);
#   - the console's public key in its authorized_keys with `restrict`
#     (no pty, no forwarding) and an optional from= (the console's address);
#   - the helpers in /usr/local/lib/mailwarden/ (root-owned), and the compiled
#     queue reader where a C compiler exists (built with hardening flags);
#   - /etc/sudoers.d/mailwarden, checked with visudo before it takes effect:
#     the user may start the helpers, never a Postfix tool with free arguments;
#   - read access to the mail log (group adm, or an ACL where there is none).
# Everything is checked before anything is changed, so a refusal leaves the
# host as it was.
set -euo pipefail
umask 022
export PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C

HELPER_DIR=/usr/local/lib/mailwarden
HELPERS=(mw-postfix mw-config mw-policy mw-queue-scan mw-maildir)
# One sudoers file and one state file per SSH user, so two users (two
# consoles) enrolled on one host never rewrite each other's rules.
if [[ $MW_SSH_USER == mailwarden ]]; then SUDOERS=/etc/sudoers.d/mailwarden; else SUDOERS=/etc/sudoers.d/mailwarden-$MW_SSH_USER; fi
STATE_DIR=/etc/mailwarden
STATE_FILE=$STATE_DIR/enrolled-$MW_SSH_USER
KEY_MARK="mailwarden-console:$MW_HOST_NAME"

say() { printf '[mailwarden] %s\n' "$*"; }
warn() { printf '[mailwarden] warning: %s\n' "$*" >&2; }
die() { printf '[mailwarden] error: %s\n' "$*" >&2; exit "${2:-1}"; }

usage() {
  cat <<EOF
Enrolls this mail host with the Mailwarden console as host "$MW_HOST_NAME". As root:
  bash mailwarden-enroll.sh              install or update (idempotent)
  bash mailwarden-enroll.sh --check      report what is installed; exit 1 if anything is missing
  bash mailwarden-enroll.sh --uninstall  remove what it added for this host name
EOF
  exit "${1:-0}"
}

# ---- what the host has -------------------------------------------------------

os_family() {
  local id='' like=''
  if [[ -r /etc/os-release ]]; then
    id=$(. /etc/os-release && echo "${ID:-}")
    like=$(. /etc/os-release && echo "${ID_LIKE:-}")
  fi
  case " $id $like " in
    *' debian '* | *' ubuntu '*) echo debian ;;
    *' rhel '* | *' fedora '* | *' centos '*) echo rhel ;;
    *) echo other ;;
  esac
}

home_of() { getent passwd "$1" | cut -d: -f6; }

# A program that is really there: found, a regular file, executable.
have() {
  local p
  p=$(command -v "$1" 2>/dev/null) || return 1
  [[ -f $p && -x $p ]]
}

maildir_owner() {
  local base
  base=$(postconf -h virtual_mailbox_base 2>/dev/null || true)
  if [[ -n $base && -d $base ]]; then stat -c %U "$base"; return; fi
  if id vmail >/dev/null 2>&1; then echo vmail; fi
}

maillog_paths() {
  local f
  {
    postconf -h maillog_file 2>/dev/null || true
    for f in /var/log/mail.log /var/log/maillog /var/log/mail/mail.log; do
      if [[ -e $f ]]; then echo "$f"; fi
    done
  } | sed '/^$/d' | sort -u
}

config_dirs() {
  postconf -h config_directory
  postconf -h multi_instance_directories alternate_config_directories 2>/dev/null | tr ' ,' '\n\n' | sed '/^$/d'
}

# Root alone may write a config directory the helpers act on (see mw-postfix).
dir_is_root_only() {
  local p=$1 mode owner
  while :; do
    owner=$(stat -c %u "$p") mode=$(stat -c %a "$p")
    [[ $owner == 0 ]] || return 1
    (( (8#$mode & 8#022) == 0 )) || return 1
    [[ $p == / ]] && return 0
    p=$(dirname "$p")
  done
}

# ---- the files this script writes --------------------------------------------

key_line() {
  local opts=restrict
  if [[ -n $MW_KEY_FROM ]]; then opts="$opts,from=\"$MW_KEY_FROM\""; fi
  printf '%s %s %s\n' "$opts" "$MW_PUBLIC_KEY" "$KEY_MARK"
}

sudoers_text() {
  local u=$MW_SSH_USER maildir_user
  maildir_user=$(maildir_owner)
  cat <<EOF
# Written by the Mailwarden enroll script for host "$MW_HOST_NAME". Do not edit:
# run the script again (or with --uninstall) instead.
# The console's SSH user may start Mailwarden's helpers and nothing else.
# They validate every subcommand and argument; no Postfix tool is reachable
# with free arguments (\`postfix -c DIR\` would run DIR/postfix-script as root).
# env_reset and !setenv: nothing from the caller's environment (MAIL_CONFIG,
# LD_*, PERL5LIB) reaches a helper. !mail_badpass: a refused attempt must not
# mail root through the very server being watched.
Defaults:$u env_reset, !setenv, !requiretty, !mail_badpass, secure_path="/usr/sbin:/usr/bin:/sbin:/bin"
$u ALL=(root) NOPASSWD: $HELPER_DIR/mw-postfix, $HELPER_DIR/mw-config, $HELPER_DIR/mw-policy
$u ALL=(postfix) NOPASSWD: $HELPER_DIR/mw-queue-scan
EOF
  if [[ -n $maildir_user ]]; then
    echo "$u ALL=($maildir_user) NOPASSWD: $HELPER_DIR/mw-maildir"
  fi
}

# ---- preflight: refuse before changing anything -------------------------------

preflight() {
  [[ $(id -u) -eq 0 ]] || die "run this script as root (sudo bash $0)" 2
  [[ $MW_SSH_USER =~ ^[a-z_][a-z0-9_-]{0,31}$ ]] || die "invalid SSH user name: $MW_SSH_USER" 2
  local family
  family=$(os_family)
  [[ $family != other ]] || warn "not a Debian, Ubuntu or RHEL-family system: going on, but this is untested here"
  [[ -f /usr/sbin/postconf && -x /usr/sbin/postconf ]] ||
    die "Postfix is not installed (no /usr/sbin/postconf). Install Postfix first; nothing was changed." 3
  postconf -h mail_version >/dev/null 2>&1 ||
    die "postconf does not answer: $(postconf -h mail_version 2>&1 | head -1). Nothing was changed." 3
  have perl || die "perl is needed by the helpers: install it (apt-get install perl-base / dnf install perl). Nothing was changed." 3
  have sudo && have visudo ||
    die "sudo is not installed: install it (apt-get install sudo / dnf install sudo). Nothing was changed." 3
  local out
  if ! out=$(visudo -c 2>&1); then
    die "the existing sudoers configuration fails 'visudo -c'; fix it first (nothing was changed):"$'\n'"$out" 4
  fi
  grep -Eqs '^[#@]includedir[[:space:]]+/etc/sudoers.d' /etc/sudoers ||
    die "/etc/sudoers does not include /etc/sudoers.d (add '@includedir /etc/sudoers.d'). Nothing was changed." 4
  local dir
  dir=$(postconf -h config_directory)
  dir_is_root_only "$dir" || die "$dir (or a parent) is not owned by root or is writable by group/others; the helpers refuse such a directory. Fix its ownership first. Nothing was changed." 5
  local tmp
  tmp=$(mktemp)
  sudoers_text >"$tmp"
  if ! out=$(visudo -cqf "$tmp" 2>&1); then
    rm -f "$tmp"
    die "the sudoers file this script would write fails visudo: $out. Nothing was changed." 4
  fi
  rm -f "$tmp"
}

# ---- install -------------------------------------------------------------------

ensure_user() {
  local u=$MW_SSH_USER
  if ! id "$u" >/dev/null 2>&1; then
    useradd --system --create-home --home-dir "/home/$u" --shell /bin/sh --comment 'Mailwarden console' "$u"
    mkdir -p "$STATE_DIR"
    echo created-by-mailwarden >"$STATE_FILE"
    say "created user $u"
  fi
  mkdir -p "$STATE_DIR"
  [[ -f $STATE_FILE ]] || echo existed-before >"$STATE_FILE"
  # '*' rather than '!': sshd without PAM refuses key logins to locked accounts.
  [[ $(getent shadow "$u" | cut -d: -f2) == '*' ]] || usermod -p '*' "$u"
}

ensure_log_access() {
  local u=$MW_SSH_USER f
  if getent group adm >/dev/null; then
    id -nG "$u" | tr ' ' '\n' | grep -qx adm || { usermod -aG adm "$u"; say "added $u to group adm (reads the mail log)"; }
  fi
  while read -r f; do
    [[ -n $f && -e $f ]] || continue
    runuser -u "$u" -- test -r "$f" && continue
    if have setfacl; then
      setfacl -m "u:$u:r" "$f" && say "granted $u read access to $f (ACL; make your logrotate keep it)"
    else
      warn "$u cannot read $f: give it read access (group or ACL) for the login history and alerts"
    fi
  done < <(maillog_paths)
}

ensure_key() {
  local u=$MW_SSH_USER home file tmp
  home=$(home_of "$u")
  file=$home/.ssh/authorized_keys
  install -d -m 0700 -o "$u" -g "$(id -gn "$u")" "$home/.ssh"
  tmp=$(mktemp "$home/.ssh/.authorized_keys.XXXXXX")
  # Our line for this host name is replaced; every other line stays.
  { [[ -f $file ]] && grep -vF " $KEY_MARK" "$file" || true; key_line; } >"$tmp"
  if [[ -f $file ]] && cmp -s "$tmp" "$file"; then
    rm -f "$tmp"
  else
    mv -f "$tmp" "$file"
    say "installed the console's key for $u (restrict${MW_KEY_FROM:+, from=$MW_KEY_FROM})"
  fi
  chown "$u:$(id -gn "$u")" "$file"
  chmod 0600 "$file"
}

install_file() {
  local dest=$1 mode=$2 src=$3
  if ! cmp -s "$src" "$dest"; then
    install -m "$mode" -o root -g root "$src" "$dest"
    say "installed $dest"
  else
    chown root:root "$dest"
    chmod "$mode" "$dest"
  fi
}

ensure_helpers() {
  local work name
  work=$(mktemp -d)
  install -d -m 0755 -o root -g root "$HELPER_DIR"
  for name in "${HELPERS[@]}"; do
    mw_payload "$name" >"$work/$name"
    install_file "$HELPER_DIR/$name" 0755 "$work/$name"
  done
  ensure_fast_reader "$work"
  rm -rf "$work"
}

# The compiled queue reader: the host's own compiler, hardening flags on
# (build-queue-scan-fast.sh, which leaves out a flag this cc does not take).
# Rebuilt only when the source or the build script changed (their hash is
# kept beside it).
ensure_fast_reader() {
  local work=$1 bin=$HELPER_DIR/mw-queue-scan-fast stamp=$HELPER_DIR/.mw-queue-scan-fast.sha256 sum left_out
  mw_payload mw-queue-scan-fast.c >"$work/fast.c"
  mw_payload build-queue-scan-fast.sh >"$work/build.sh"
  sum=$(cat "$work/fast.c" "$work/build.sh" | sha256sum | cut -d' ' -f1)
  if ! have cc; then
    rm -f "$bin" "$stamp"
    say "no C compiler: the queue scan uses the Perl reader (install gcc and run this again for a faster one)"
    return 0
  fi
  [[ -x $bin && -f $stamp && $(cat "$stamp") == "$sum" ]] && return 0
  if left_out=$(bash "$work/build.sh" "$work/fast.c" "$work/fast" 2>"$work/cc.log"); then
    install_file "$bin" 0755 "$work/fast"
    echo "$sum" >"$stamp"
    if [[ -n $left_out ]]; then warn "the compiled queue reader is built without $left_out (not supported by this cc)"; fi
  else
    rm -f "$bin" "$stamp"
    warn "the compiled queue reader did not build ($(head -1 "$work/cc.log")); the Perl reader is used"
  fi
}

ensure_sudoers() {
  local tmp out
  tmp=$(mktemp /etc/sudoers.d/.mailwarden.XXXXXX)
  sudoers_text >"$tmp"
  chmod 0440 "$tmp"
  if [[ -f $SUDOERS ]] && cmp -s "$tmp" "$SUDOERS"; then rm -f "$tmp"; return 0; fi
  visudo -cqf "$tmp" || { rm -f "$tmp"; die "the new sudoers file does not validate; the old one is kept" 4; }
  local old=''
  [[ -f $SUDOERS ]] && { old=$(mktemp); cp -p "$SUDOERS" "$old"; }
  mv -f "$tmp" "$SUDOERS"
  if ! out=$(visudo -c 2>&1); then
    if [[ -n $old ]]; then mv -f "$old" "$SUDOERS"; else rm -f "$SUDOERS"; fi
    die "sudo's configuration failed 'visudo -c' with the new file, which was taken back: $out" 4
  fi
  if [[ -n $old ]]; then rm -f "$old"; fi
  say "installed $SUDOERS"
}

# ---- report ----------------------------------------------------------------------

report() {
  local d
  say "Postfix $(postconf -h mail_version) ($(os_family) family)"
  say "config directories:"
  while read -r d; do
    [[ -n $d ]] || continue
    if dir_is_root_only "$d"; then echo "    $d"; else echo "    $d  (NOT root-only: the helpers refuse it)"; fi
  done < <(config_dirs | sort -u)
  if have postmulti && [[ $(postconf -h multi_instance_enable 2>/dev/null) == yes ]]; then
    say "postmulti instances:"
    postmulti -l -a 2>/dev/null | sed 's/^/    /'
  fi
  say "mail logs:"
  maillog_paths | sed 's/^/    /'
  say "sshd host keys (compare with what Test connection shows):"
  for d in /etc/ssh/ssh_host_*_key.pub; do
    if [[ -f $d ]]; then ssh-keygen -lf "$d" | sed 's/^/    /'; fi
  done
}

# ---- --check and --uninstall ---------------------------------------------------------

check() {
  local bad=0 name home work
  ok() { echo "  ok       $*"; }
  missing() { echo "  MISSING  $*"; bad=1; }
  say "checking the Mailwarden installation for host \"$MW_HOST_NAME\""
  if id "$MW_SSH_USER" >/dev/null 2>&1; then ok "user $MW_SSH_USER"; else missing "user $MW_SSH_USER"; fi
  home=$(home_of "$MW_SSH_USER" || true)
  if [[ -n $home && -f $home/.ssh/authorized_keys ]] && grep -qxF "$(key_line)" "$home/.ssh/authorized_keys"; then
    ok "console key in $home/.ssh/authorized_keys"
  else
    missing "console key ($KEY_MARK) in authorized_keys"
  fi
  work=$(mktemp -d)
  for name in "${HELPERS[@]}"; do
    mw_payload "$name" >"$work/$name"
    if cmp -s "$work/$name" "$HELPER_DIR/$name" && [[ $(stat -c %U:%a "$HELPER_DIR/$name") == root:755 ]]; then
      ok "$HELPER_DIR/$name"
    else
      missing "$HELPER_DIR/$name (absent, changed or not root:root 0755)"
    fi
  done
  rm -rf "$work"
  if [[ -x $HELPER_DIR/mw-queue-scan-fast ]]; then ok "compiled queue reader"; else echo "  -        compiled queue reader (the Perl reader is used)"; fi
  work=$(mktemp)
  sudoers_text >"$work"
  if cmp -s "$work" "$SUDOERS" && visudo -cqf "$SUDOERS"; then ok "$SUDOERS"; else missing "$SUDOERS (absent, changed or invalid)"; fi
  rm -f "$work"
  if id "$MW_SSH_USER" >/dev/null 2>&1; then
    say "sudo -l for $MW_SSH_USER:"
    sudo -n -l -U "$MW_SSH_USER" 2>&1 | sed -n '/may run the following/,$p' | sed 's/^/    /'
  fi
  return "$bad"
}

uninstall() {
  [[ $(id -u) -eq 0 ]] || die "run this script as root" 2
  local u=$MW_SSH_USER home file others=0 users
  home=$(home_of "$u" || true)
  file=${home:+$home/.ssh/authorized_keys}
  if [[ -n $file && -f $file ]]; then
    if grep -qF " $KEY_MARK" "$file"; then
      grep -vF " $KEY_MARK" "$file" >"$file.mw-tmp" || true
      mv -f "$file.mw-tmp" "$file"
      chmod 0600 "$file"; chown "$u" "$file"
      say "removed the console's key for host \"$MW_HOST_NAME\""
    fi
    others=$(grep -cF ' mailwarden-console:' "$file" || true)
  fi
  if ((others > 0)); then
    say "$others other Mailwarden console key(s) remain for $u: its sudoers and the helpers stay for them"
    return 0
  fi
  if [[ -f $SUDOERS ]]; then rm -f "$SUDOERS"; say "removed $SUDOERS"; fi
  if [[ $(cat "$STATE_FILE" 2>/dev/null) == created-by-mailwarden ]]; then
    userdel -r "$u" 2>/dev/null || userdel "$u"
    say "removed user $u"
  elif id "$u" >/dev/null 2>&1; then
    say "user $u existed before enrollment and is kept"
  fi
  rm -f "$STATE_FILE"
  # The helpers are shared by every enrolled user: they go with the last one.
  users=$(find "$STATE_DIR" -maxdepth 1 -name 'enrolled-*' 2>/dev/null | wc -l)
  if ((users == 0)); then
    # The sending-limit daemon (mw-policy) goes with its helper and ruleset.
    if [[ -x $HELPER_DIR/mw-policy ]]; then "$HELPER_DIR/mw-policy" stop >/dev/null 2>&1 || true; fi
    rm -rf "$HELPER_DIR" "$STATE_DIR"
    say "removed $HELPER_DIR"
  else
    say "the helpers stay for the $users other enrolled user(s) in $STATE_DIR"
  fi
}

main() {
  case ${1:-} in
    '') preflight; ensure_user; ensure_log_access; ensure_key; ensure_helpers; ensure_sudoers; report
        say "done. Now press \"Test connection\" for host \"$MW_HOST_NAME\" in the console." ;;
    --check) check ;;
    --uninstall) uninstall ;;
    -h | --help) usage 0 ;;
    *) warn "unknown option: $1"; usage 64 ;;
  esac
}
