-- Queue actions (issue 6): the exact queue ids an action passed to postsuper
-- and the ids postsuper confirmed, in chunks. The audit row's result holds
-- the action id; a 300,000-id action would be ~3.6 MB of JSON in one audit
-- row, which the audit page and its exports should not have to carry.

CREATE TABLE IF NOT EXISTS `mw_queue_action_ids` (
  `action_id` VARCHAR(40) NOT NULL,
  `kind` VARCHAR(8) NOT NULL,
  `chunk` INT NOT NULL,
  `host` VARCHAR(64) NOT NULL,
  `count` INT NOT NULL,
  -- newline-separated queue ids (validated before they were ever stored)
  `ids` MEDIUMTEXT NOT NULL,
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (`action_id`, `kind`, `chunk`),
  KEY `mw_queue_action_ids_created_idx` (`created_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
