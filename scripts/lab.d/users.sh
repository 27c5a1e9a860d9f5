# The system account vmail (owns the Maildirs). The console's SSH login,
# mailwarden, is made by the enroll script (sshd.sh).
# shellcheck shell=bash

# extmail rows say uidnumber 1000; Postfix uses virtual_uid_maps instead, so
# any free uid works. Prefer 1000 like the incident, then 5000.
ensure_vmail() {
  if ! id vmail >/dev/null 2>&1; then
    local uid
    for uid in 1000 5000 5001 5002; do
      if ! getent passwd "$uid" >/dev/null && ! getent group "$uid" >/dev/null; then break; fi
      uid=
    done
    [[ -n $uid ]] || die "no free uid for the vmail user (tried 1000, 5000-5002)"
    say "creating user vmail (uid $uid)"
    groupadd -g "$uid" vmail
    useradd -u "$uid" -g vmail -d "$VMAIL_BASE" -M -s /usr/sbin/nologin vmail
  fi
  VMAIL_UID=$(id -u vmail)
  VMAIL_GID=$(id -g vmail)
}
