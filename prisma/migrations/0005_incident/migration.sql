-- Incident response (issue 9): each backscatter quarantine, with the exact
-- Maildir file names it moved, so the undo moves back exactly those (the
-- audit row holds the quarantine id and the counts, not 10,000 names).

CREATE TABLE IF NOT EXISTS `mw_quarantine` (
  `id` BIGINT NOT NULL AUTO_INCREMENT,
  `host` VARCHAR(64) NOT NULL,
  `username` VARCHAR(255) NOT NULL,
  -- the mailbox row's maildir (relative to virtual_mailbox_base) and the Maildir++ folder
  `maildir` VARCHAR(255) NOT NULL,
  `folder` VARCHAR(64) NOT NULL,
  -- newline-separated `new/<file>` / `cur/<file>` names that were moved
  `names` MEDIUMTEXT NOT NULL,
  `moved` INT NOT NULL,
  `bytes` BIGINT NOT NULL DEFAULT 0,
  `actor` VARCHAR(255) NOT NULL,
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `restored_at` DATETIME(3) NULL,
  `restored` INT NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  KEY `mw_quarantine_user_idx` (`host`, `username`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
