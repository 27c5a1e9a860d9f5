-- Enrolling a host with one command (issue 15): the authorized_keys from=
-- restriction the enroll script writes, and the short-lived token of the
-- one-line command (stored as sha256; the token itself is shown once).
ALTER TABLE mw_host
  ADD COLUMN key_from VARCHAR(255) NULL AFTER probe_source_ip,
  ADD COLUMN enroll_token_sha256 CHAR(64) NULL AFTER key_from,
  ADD COLUMN enroll_token_expires DATETIME(3) NULL AFTER enroll_token_sha256;
CREATE UNIQUE INDEX mw_host_enroll_token ON mw_host (enroll_token_sha256);
