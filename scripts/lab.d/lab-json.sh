# Writes .lab/lab.json: everything the console and the tests need to reach
# the lab (database URLs, SSH target with pinned host keys, seeded passwords).
# shellcheck shell=bash

host_key_fingerprints() {
  local f
  for f in /etc/ssh/ssh_host_ed25519_key.pub /etc/ssh/ssh_host_ecdsa_key.pub /etc/ssh/ssh_host_rsa_key.pub; do
    [[ -e $f ]] && ssh-keygen -lf "$f" | awk '{print $2}'
  done
}

write_lab_json() {
  local ed25519 others json
  ed25519=$(ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub | awk '{print $2}')
  others=$(host_key_fingerprints | paste -sd, -)
  json=$(LAB_KEY="$LAB_STATE/ssh/id_ed25519" LAB_HOSTKEY="$ed25519" LAB_HOSTKEYS="$others" \
    LAB_USERS="$LAB_D/users.tsv" LAB_VMAIL="$VMAIL_UID:$VMAIL_GID" node -e '
      const fs = require("node:fs");
      const env = process.env;
      const users = {}, managers = {};
      for (const line of fs.readFileSync(env.LAB_USERS, "utf8").split("\n")) {
        if (!line || line.startsWith("#")) continue;
        const [kind, name, password] = line.split("\t");
        (kind === "manager" ? managers : users)[name] = password;
      }
      const [uid, gid] = env.LAB_VMAIL.split(":").map(Number);
      const lab = {
        // url: extmail through the console account, least privilege (grants.sql);
        // mailwardenUrl: the console tables; extmanUrl: the extman web admin
        // account (webman), for tests that change extmail rows as extman would.
        db: {
          url: "mysql://mailwarden:mailwarden-lab@127.0.0.1:3306/extmail",
          mailwardenUrl: "mysql://mailwarden:mailwarden-lab@127.0.0.1:3306/mailwarden",
          extmanUrl: "mysql://webman:webman@127.0.0.1:3306/extmail",
        },
        ssh: {
          name: "lab", host: "127.0.0.1", port: 2222, username: "mailwarden",
          privateKeyPath: env.LAB_KEY,
          hostKeySha256: env.LAB_HOSTKEY,
          hostKeys: env.LAB_HOSTKEYS.split(",").filter(Boolean),
          useSudo: true,
          maillogPaths: ["/var/log/maillog"],
        },
        smtp: { host: "127.0.0.1", port: 25 },
        attacker: { saslUser: "info@example.com", clientIp: "127.0.0.66" },
        users,
        managers,
        vmail: { base: "/home/domains", uid, gid },
      };
      process.stdout.write(JSON.stringify(lab, null, 2) + "\n");
    ') || die "could not build lab.json"
  install_if_changed "$LAB_STATE/lab.json" "$json" 0600 || true
  # A developer running the console without root must still read the key.
  chown -R "$(stat -c %u:%g "$PROJECT_ROOT")" "$LAB_STATE"
}
