-- Watch and alert (issue 10): queue samples, alerts, per-host rule
-- overrides, notification channels and their delivery outbox, plus what the
-- watcher remembers between restarts (login IPs, hourly submissions, status).

CREATE TABLE IF NOT EXISTS `mw_watch_sample` (
  `id` BIGINT NOT NULL AUTO_INCREMENT,
  `host` VARCHAR(64) NOT NULL,
  `at` DATETIME(3) NOT NULL,
  `incoming` INT NOT NULL DEFAULT 0,
  `active` INT NOT NULL DEFAULT 0,
  `deferred` INT NOT NULL DEFAULT 0,
  `hold` INT NOT NULL DEFAULT 0,
  `maildrop` INT NOT NULL DEFAULT 0,
  `total` INT NOT NULL DEFAULT 0,
  `complete` BOOLEAN NOT NULL DEFAULT TRUE,
  `duration_ms` INT NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  KEY `mw_watch_sample_host_at_idx` (`host`, `at`),
  KEY `mw_watch_sample_at_idx` (`at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS `mw_alert` (
  `id` BIGINT NOT NULL AUTO_INCREMENT,
  `host` VARCHAR(64) NOT NULL,
  `rule` VARCHAR(64) NOT NULL,
  `alert_key` VARCHAR(255) NOT NULL,
  `domain` VARCHAR(255) NULL,
  `severity` VARCHAR(16) NOT NULL,
  `state` VARCHAR(16) NOT NULL,
  `muted_until` DATETIME(3) NULL,
  `first_at` DATETIME(3) NOT NULL,
  `last_at` DATETIME(3) NOT NULL,
  `resolved_at` DATETIME(3) NULL,
  `acknowledged_at` DATETIME(3) NULL,
  `acknowledged_by` VARCHAR(255) NULL,
  `count` INT NOT NULL DEFAULT 1,
  `summary` VARCHAR(1000) NOT NULL,
  `details` JSON NOT NULL,
  `link` VARCHAR(1000) NOT NULL,
  `containment` JSON NULL,
  PRIMARY KEY (`id`),
  KEY `mw_alert_group_idx` (`host`, `rule`, `alert_key`, `state`),
  KEY `mw_alert_state_last_idx` (`state`, `last_at`),
  KEY `mw_alert_domain_idx` (`domain`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS `mw_watch_rule` (
  `host` VARCHAR(64) NOT NULL,
  `rules` JSON NOT NULL,
  `updated_by` VARCHAR(255) NOT NULL DEFAULT '',
  `updated_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (`host`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS `mw_watch_state` (
  `host` VARCHAR(64) NOT NULL,
  `owner` VARCHAR(128) NOT NULL DEFAULT '',
  `started_at` DATETIME(3) NULL,
  `last_tick_at` DATETIME(3) NULL,
  `last_sample_at` DATETIME(3) NULL,
  `last_error` TEXT NULL,
  `follow_state` VARCHAR(32) NOT NULL DEFAULT 'stopped',
  `follow_error` TEXT NULL,
  `lines_seen` BIGINT NOT NULL DEFAULT 0,
  `updated_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (`host`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Login IPs per SASL user, across hosts: "new IP" means not in here for 30 days.
CREATE TABLE IF NOT EXISTS `mw_watch_login` (
  `sasl_user` VARCHAR(255) NOT NULL,
  `ip` VARCHAR(64) NOT NULL,
  `first_at` DATETIME(3) NOT NULL,
  `last_at` DATETIME(3) NOT NULL,
  `logins` INT NOT NULL DEFAULT 0,
  PRIMARY KEY (`sasl_user`, `ip`),
  KEY `mw_watch_login_last_idx` (`last_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Submissions per SASL user and hour: the user's own baseline.
CREATE TABLE IF NOT EXISTS `mw_watch_user_hour` (
  `host` VARCHAR(64) NOT NULL,
  `sasl_user` VARCHAR(255) NOT NULL,
  `hour` DATETIME NOT NULL,
  `messages` INT NOT NULL DEFAULT 0,
  `recipients` INT NOT NULL DEFAULT 0,
  PRIMARY KEY (`host`, `sasl_user`, `hour`),
  KEY `mw_watch_user_hour_hour_idx` (`hour`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS `mw_notify_channel` (
  `id` INT NOT NULL AUTO_INCREMENT,
  `name` VARCHAR(128) NOT NULL,
  `type` VARCHAR(16) NOT NULL,
  `enabled` BOOLEAN NOT NULL DEFAULT TRUE,
  `min_severity` VARCHAR(16) NOT NULL DEFAULT 'warning',
  `language` VARCHAR(8) NOT NULL DEFAULT 'en',
  -- What the page may show (URLs masked, no password); the full config is sealed.
  `config` JSON NOT NULL,
  `secret_sealed` TEXT NOT NULL,
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `updated_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS `mw_notify_delivery` (
  `id` BIGINT NOT NULL AUTO_INCREMENT,
  `channel_id` INT NOT NULL,
  `alert_id` BIGINT NULL,
  `event` VARCHAR(32) NOT NULL,
  `payload` JSON NOT NULL,
  `state` VARCHAR(16) NOT NULL DEFAULT 'pending',
  `attempts` INT NOT NULL DEFAULT 0,
  `last_error` TEXT NULL,
  `next_retry_at` DATETIME(3) NULL,
  `claimed_until` DATETIME(3) NULL,
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `sent_at` DATETIME(3) NULL,
  PRIMARY KEY (`id`),
  KEY `mw_notify_delivery_due_idx` (`state`, `next_retry_at`),
  KEY `mw_notify_delivery_channel_idx` (`channel_id`, `created_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
