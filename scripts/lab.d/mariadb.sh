# MariaDB on 127.0.0.1:3306 with the extmail schema, accounts and seed rows.
# shellcheck shell=bash

mariadb_running() { mariadb-admin --protocol=socket -uroot ping >/dev/null 2>&1; }

start_mariadb() {
  # Old extmail servers ran with a permissive sql_mode (zero dates allowed);
  # the file keeps that true across restarts made outside this script.
  install_if_changed "$MARIADB_CNF" "$(cat "$LAB_D/mariadb.cnf")" 0644 || true
  if mariadb_running; then
    sql_root -e "SET GLOBAL sql_mode = 'NO_ENGINE_SUBSTITUTION'"
    say "mariadb: running"
    return 0
  fi
  mkdir -p /run/mysqld /var/log/mysql
  chown mysql:mysql /run/mysqld /var/log/mysql
  if [[ ! -d /var/lib/mysql/mysql ]]; then
    say "mariadb: initialising the system datadir"
    mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null
  fi
  say "mariadb: starting on 127.0.0.1:3306"
  exec_without_inherited_fds setsid mariadbd --user=mysql --bind-address=127.0.0.1 --port=3306 \
    --sql-mode=NO_ENGINE_SUBSTITUTION </dev/null >>/var/log/mysql/mailwarden-lab.err 2>&1 &
  wait_for "mariadb to answer ping (see /var/log/mysql/mailwarden-lab.err)" 150 mariadb_running
}

extmail_schema_present() {
  [[ $(sql_root -N -e "SELECT COUNT(*) FROM information_schema.tables
        WHERE table_schema = 'extmail' AND table_name IN ('mailbox','domain','alias','manager','domain_manager')") == 5 ]]
}

load_extmail() {
  if ! extmail_schema_present; then
    say "mariadb: creating database extmail from extman's extmail.sql"
    sql_root -e "DROP DATABASE IF EXISTS extmail"
    # Session sql_mode '' lets the upstream zero-date defaults load as written.
    { echo "SET SESSION sql_mode = '';"; cat "$LAB_D/extmail.sql"; } | sql_root ||
      die "loading extmail.sql failed"
  fi
  apply_grants
  sql_root <"$LAB_D/seed.sql" || die "loading seed.sql failed"
}

# Console tables left in extmail by a release before the split (issue 15).
legacy_console_tables() {
  sql_root -N -e "SELECT COUNT(*) FROM information_schema.tables
    WHERE table_schema = 'extmail' AND table_name LIKE 'mw\\_%'"
}

# The console account gets exactly what `npx tsx scripts/grants.ts --lab`
# prints (grants.sql). While extmail still holds console tables, only the part
# before the narrowing: scripts/migrate.ts moves them with the account's old
# rights, and scripts/setup applies the whole file after it.
apply_grants() {
  if [[ $(legacy_console_tables) != 0 ]]; then
    say "mariadb: extmail still holds the console's mw_* tables; scripts/migrate.ts moves them, the rights narrow after that"
    sed '/^-- narrow:/q' "$LAB_D/grants.sql" | sql_root || die "granting the mailwarden account failed"
  else
    sql_root <"$LAB_D/grants.sql" || die "granting the mailwarden account failed"
  fi
}

# Only extman's database: the console's own (mailwarden) keeps its hosts,
# audit log and alerts across a reset.
drop_extmail() {
  say "mariadb: dropping database extmail (the console's database mailwarden is kept)"
  sql_root -e "DROP DATABASE IF EXISTS extmail"
}

stop_mariadb() {
  if mariadb_running; then
    say "mariadb: stopping"
    mariadb-admin --protocol=socket -uroot shutdown
    wait_port_free 3306
  else
    say "mariadb: not running"
  fi
}
