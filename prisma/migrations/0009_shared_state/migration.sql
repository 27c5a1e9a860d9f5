-- Shared state (issue 19): what one console process knows, every process
-- can read. Queue action jobs with their progress and end; previews with
-- their exact ids (in mw_queue_action_ids, kind 'preview', action_id = the
-- preview's id). Locks are MariaDB named locks (GET_LOCK), not rows: the
-- server frees them when the holding process dies.

CREATE TABLE IF NOT EXISTS `mw_queue_job` (
  `id` VARCHAR(40) NOT NULL,
  `host` VARCHAR(64) NOT NULL,
  `action` VARCHAR(16) NOT NULL,
  `actor` VARCHAR(255) NOT NULL,
  -- queued, refresh, execute, update, done, failed, interrupted
  `phase` VARCHAR(16) NOT NULL,
  `total` INT NULL,
  `done` INT NOT NULL DEFAULT 0,
  -- ids postsuper named as handled so far, and its counts so far
  `acted` INT NOT NULL DEFAULT 0,
  `postsuper` TEXT NULL,
  `result` MEDIUMTEXT NULL,
  `error` TEXT NULL,
  -- CONNECTION_ID() holding the host's queue-action lock while it runs:
  -- when IS_USED_LOCK no longer names it, the process that ran it is gone.
  `lock_conn` BIGINT NOT NULL,
  `started_at` DATETIME(3) NOT NULL,
  `updated_at` DATETIME(3) NOT NULL,
  `elapsed_ms` INT NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  KEY `mw_queue_job_host_idx` (`host`, `started_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS `mw_queue_preview` (
  `id` VARCHAR(40) NOT NULL,
  `host` VARCHAR(64) NOT NULL,
  `actor` VARCHAR(255) NOT NULL,
  `action` VARCHAR(16) NOT NULL,
  `target_key` TEXT NOT NULL,
  `count` INT NOT NULL,
  `summary` TEXT NOT NULL,
  `created_at` DATETIME(3) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `mw_queue_preview_created_idx` (`created_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The last finished queue scan per host, whichever process ran it. The
-- index itself stays in each process's memory (a cache any process rebuilds);
-- scans of one host are serialized across processes by a named lock.
CREATE TABLE IF NOT EXISTS `mw_queue_scan` (
  `host` VARCHAR(64) NOT NULL,
  `status` VARCHAR(16) NOT NULL,
  `owner` VARCHAR(255) NOT NULL,
  -- the ScanState as JSON
  `state` TEXT NOT NULL,
  `finished_at` DATETIME(3) NOT NULL,
  PRIMARY KEY (`host`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Backscatter previews: the exact Maildir file names a quarantine will move,
-- so any process can run it; taken (deleted) by the one that does.
CREATE TABLE IF NOT EXISTS `mw_backscatter_preview` (
  `id` VARCHAR(40) NOT NULL,
  `host` VARCHAR(64) NOT NULL,
  `username` VARCHAR(255) NOT NULL,
  `maildir` VARCHAR(1024) NOT NULL,
  -- newline-separated file names, as mw-maildir scan listed them
  `names` MEDIUMTEXT NOT NULL,
  `bytes` BIGINT NOT NULL,
  `created_at` DATETIME(3) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `mw_backscatter_preview_created_idx` (`created_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
