-- Incidents as records (issue 16): each containment opens one, with who
-- acted, when, each step's result and the report; closed with a note and
-- reopened. And the SASL logins Mailwarden blocks on a host: the rows its
-- own access map (mailwarden_sasl_block.cf, texthash) is written from, so a
-- login with no mailbox row can be blocked too.

CREATE TABLE IF NOT EXISTS `mw_incident` (
  `id` BIGINT NOT NULL AUTO_INCREMENT,
  `host` VARCHAR(64) NOT NULL,
  `username` VARCHAR(255) NOT NULL,
  `domain` VARCHAR(255) NOT NULL,
  -- open | closed
  `state` VARCHAR(16) NOT NULL,
  `opened_by` VARCHAR(255) NOT NULL,
  `opened_at` DATETIME(3) NOT NULL,
  `closed_by` VARCHAR(255) NULL,
  `closed_at` DATETIME(3) NULL,
  `close_note` VARCHAR(2000) NULL,
  -- JSON array of { step, at, actor, ok, summary, detail }
  `steps` MEDIUMTEXT NOT NULL,
  -- the last report (markdown) kept with the record
  `report` MEDIUMTEXT NULL,
  `updated_at` DATETIME(3) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `mw_incident_state_idx` (`state`, `opened_at`),
  KEY `mw_incident_login_idx` (`host`, `username`, `state`),
  KEY `mw_incident_domain_idx` (`domain`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS `mw_sasl_block` (
  `host` VARCHAR(64) NOT NULL,
  -- lower case, as Postfix looks it up
  `username` VARCHAR(255) NOT NULL,
  `incident_id` BIGINT NULL,
  `blocked_by` VARCHAR(255) NOT NULL,
  `blocked_at` DATETIME(3) NOT NULL,
  PRIMARY KEY (`host`, `username`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
