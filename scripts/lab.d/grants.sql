-- The console's own account. It owns its mw_* tables (created by its own
-- migrations) in the extmail database, hence CREATE/ALTER/INDEX/DROP.
-- Idempotent: run on every `scripts/lab up`.
CREATE USER IF NOT EXISTS 'mailwarden'@'localhost' IDENTIFIED BY 'mailwarden-lab';
CREATE USER IF NOT EXISTS 'mailwarden'@'127.0.0.1' IDENTIFIED BY 'mailwarden-lab';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP ON extmail.* TO 'mailwarden'@'localhost';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP ON extmail.* TO 'mailwarden'@'127.0.0.1';
