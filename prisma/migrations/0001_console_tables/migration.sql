-- Mailwarden's own tables. extman's tables are never altered.
CREATE TABLE IF NOT EXISTS `mw_host` (
  `id` INT NOT NULL AUTO_INCREMENT,
  `name` VARCHAR(64) NOT NULL,
  `address` VARCHAR(255) NOT NULL,
  `port` INT NOT NULL DEFAULT 22,
  `username` VARCHAR(64) NOT NULL,
  `private_key_sealed` TEXT NOT NULL,
  `use_sudo` BOOLEAN NOT NULL DEFAULT TRUE,
  `postfix_config_dir` VARCHAR(255) NULL,
  `maillog_paths` JSON NOT NULL,
  `host_key_sha256` VARCHAR(128) NULL,
  `pending_host_key` VARCHAR(128) NULL,
  `probe_source_ip` VARCHAR(64) NULL,
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `updated_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (`id`),
  UNIQUE KEY `mw_host_name_key` (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS `mw_session` (
  `id` CHAR(64) NOT NULL,
  `username` VARCHAR(255) NOT NULL,
  `role` VARCHAR(16) NOT NULL,
  `credential_stamp` CHAR(64) NOT NULL,
  `second_factor_ok` BOOLEAN NOT NULL DEFAULT FALSE,
  `client_ip` VARCHAR(64) NOT NULL DEFAULT '',
  `user_agent` VARCHAR(255) NOT NULL DEFAULT '',
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `last_seen_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `expires_at` DATETIME(3) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `mw_session_username_idx` (`username`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS `mw_audit` (
  `id` BIGINT NOT NULL AUTO_INCREMENT,
  `at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `actor` VARCHAR(255) NOT NULL,
  `role` VARCHAR(16) NOT NULL,
  `action` VARCHAR(64) NOT NULL,
  `target` VARCHAR(512) NULL,
  `host` VARCHAR(64) NULL,
  `domains` JSON NULL,
  `params` JSON NULL,
  `preview` JSON NULL,
  `result` JSON NULL,
  `ok` BOOLEAN NOT NULL,
  `error` TEXT NULL,
  `client_ip` VARCHAR(64) NULL,
  PRIMARY KEY (`id`),
  KEY `mw_audit_at_idx` (`at`),
  KEY `mw_audit_actor_idx` (`actor`),
  KEY `mw_audit_action_idx` (`action`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS `mw_setting` (
  `key` VARCHAR(128) NOT NULL,
  `value` JSON NOT NULL,
  `updated_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (`key`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS `mw_login_throttle` (
  `key` VARCHAR(300) NOT NULL,
  `failures` INT NOT NULL DEFAULT 0,
  `locked_until` DATETIME(3) NULL,
  `updated_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (`key`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS `mw_totp` (
  `username` VARCHAR(255) NOT NULL,
  `secret_sealed` TEXT NOT NULL,
  `enabled` BOOLEAN NOT NULL DEFAULT FALSE,
  `recovery_codes` JSON NOT NULL,
  `last_step` BIGINT NOT NULL DEFAULT 0,
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (`username`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
