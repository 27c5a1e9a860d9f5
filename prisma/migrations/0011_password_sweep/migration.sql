-- The weak-password sweep (issue 18.5): one row per sweep with its progress
-- and where it stopped (it resumes from `cursor`), and one row per mailbox
-- found guessable or holding a clear-text password. Never a password, never
-- a hash: a finding names the pattern or the list rank that matched, and a
-- short fingerprint of the stored value tells whether it changed since.

CREATE TABLE IF NOT EXISTS `mw_password_sweep` (
  `id` VARCHAR(40) NOT NULL,
  -- running, cancelling, cancelled, done, failed; a running sweep whose
  -- lock_conn no longer holds the sweep lock reads as interrupted.
  `status` VARCHAR(16) NOT NULL,
  `actor` VARCHAR(255) NOT NULL,
  `total` INT NOT NULL DEFAULT 0,
  `done` INT NOT NULL DEFAULT 0,
  `flagged` INT NOT NULL DEFAULT 0,
  `untestable` INT NOT NULL DEFAULT 0,
  -- the last mailbox finished (usernames are swept in order)
  `cursor` VARCHAR(255) NOT NULL DEFAULT '',
  `candidates` INT NOT NULL DEFAULT 0,
  `lock_conn` BIGINT NULL,
  `error` TEXT NULL,
  `started_at` DATETIME(3) NOT NULL,
  `updated_at` DATETIME(3) NOT NULL,
  `finished_at` DATETIME(3) NULL,
  -- time spent sweeping, summed over resumes
  `elapsed_ms` BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  KEY `mw_password_sweep_started_idx` (`started_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS `mw_password_flag` (
  `username` VARCHAR(255) NOT NULL,
  `domain` VARCHAR(255) NOT NULL,
  -- pattern, common (the shipped list; rank = its line), console-list
  `guess_source` VARCHAR(16) NULL,
  `guess_pattern` VARCHAR(32) NULL,
  `guess_rank` INT NULL,
  -- extman's clearpwd column holds the password in clear text
  `clearpwd` TINYINT(1) NOT NULL DEFAULT 0,
  -- the password column itself is clear text (no hash at all)
  `plain_stored` TINYINT(1) NOT NULL DEFAULT 0,
  `scheme` VARCHAR(16) NOT NULL,
  -- first 16 hex of SHA-256 over the stored value: changed or not, nothing more
  `hash_fp` CHAR(16) NOT NULL,
  `sweep_id` VARCHAR(40) NOT NULL,
  `found_at` DATETIME(3) NOT NULL,
  `checked_at` DATETIME(3) NOT NULL,
  -- reset, change-required
  `action` VARCHAR(16) NULL,
  `action_by` VARCHAR(255) NULL,
  `action_at` DATETIME(3) NULL,
  -- the console set disablesmtpd for "change required"; lifted once changed
  `blocked_by_sweep` TINYINT(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (`username`),
  KEY `mw_password_flag_sweep_idx` (`sweep_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
