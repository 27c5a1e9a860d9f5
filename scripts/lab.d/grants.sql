-- Mailwarden's database account, printed by `npx tsx scripts/grants.ts` (the lab's: --lab). Run as a database administrator.
-- Idempotent: afterwards the account has exactly these rights, whatever it had before.
CREATE DATABASE IF NOT EXISTS `mailwarden` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'mailwarden'@'localhost' IDENTIFIED BY 'mailwarden-lab';
CREATE USER IF NOT EXISTS 'mailwarden'@'127.0.0.1' IDENTIFIED BY 'mailwarden-lab';
ALTER USER 'mailwarden'@'localhost' IDENTIFIED BY 'mailwarden-lab';
ALTER USER 'mailwarden'@'127.0.0.1' IDENTIFIED BY 'mailwarden-lab';
-- The console's own tables: all rights (its migrations create and alter them).
GRANT ALL PRIVILEGES ON `mailwarden`.* TO 'mailwarden'@'localhost';
GRANT ALL PRIVILEGES ON `mailwarden`.* TO 'mailwarden'@'127.0.0.1';
-- narrow: everything else is taken back (the rights an earlier release had on all of extmail too).
REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'mailwarden'@'localhost';
REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'mailwarden'@'127.0.0.1';
GRANT ALL PRIVILEGES ON `mailwarden`.* TO 'mailwarden'@'localhost';
GRANT ALL PRIVILEGES ON `mailwarden`.* TO 'mailwarden'@'127.0.0.1';
-- extman's tables: read only ...
GRANT SELECT ON `extmail`.`mailbox` TO 'mailwarden'@'localhost';
GRANT SELECT ON `extmail`.`mailbox` TO 'mailwarden'@'127.0.0.1';
GRANT SELECT ON `extmail`.`manager` TO 'mailwarden'@'localhost';
GRANT SELECT ON `extmail`.`manager` TO 'mailwarden'@'127.0.0.1';
GRANT SELECT ON `extmail`.`domain` TO 'mailwarden'@'localhost';
GRANT SELECT ON `extmail`.`domain` TO 'mailwarden'@'127.0.0.1';
GRANT SELECT ON `extmail`.`alias` TO 'mailwarden'@'localhost';
GRANT SELECT ON `extmail`.`alias` TO 'mailwarden'@'127.0.0.1';
GRANT SELECT ON `extmail`.`domain_manager` TO 'mailwarden'@'localhost';
GRANT SELECT ON `extmail`.`domain_manager` TO 'mailwarden'@'127.0.0.1';
-- ... and update only the mailbox columns the console changes (password reset, blocking sending).
-- An extman older than 0.2.1 has no clearpwd column (older than 0.2.0, no disablesmtpd): leave it out.
GRANT UPDATE (`password`, `clearpwd`, `disablesmtpd`) ON `extmail`.`mailbox` TO 'mailwarden'@'localhost';
GRANT UPDATE (`password`, `clearpwd`, `disablesmtpd`) ON `extmail`.`mailbox` TO 'mailwarden'@'127.0.0.1';
-- ... and a console user's own password (the Account page).
GRANT UPDATE (`password`) ON `extmail`.`manager` TO 'mailwarden'@'localhost';
GRANT UPDATE (`password`) ON `extmail`.`manager` TO 'mailwarden'@'127.0.0.1';
