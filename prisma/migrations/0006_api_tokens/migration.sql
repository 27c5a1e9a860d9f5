-- Personal API tokens (issue 20): a script sends `Authorization: Bearer mw_...`
-- instead of a manager's password. Only the token's sha256 is stored; the
-- token itself is shown once, when it is made.

CREATE TABLE IF NOT EXISTS `mw_api_token` (
  `id` BIGINT NOT NULL AUTO_INCREMENT,
  `token_hash` CHAR(64) NOT NULL,
  -- the first characters of the token, so its owner can tell tokens apart
  `prefix` VARCHAR(16) NOT NULL,
  `username` VARCHAR(255) NOT NULL,
  `name` VARCHAR(100) NOT NULL,
  -- 'read': GET only; 'act': whatever the owner's role allows
  `scope` VARCHAR(8) NOT NULL,
  `expires_at` DATETIME(3) NULL,
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `last_used_at` DATETIME(3) NULL,
  `last_used_ip` VARCHAR(64) NULL,
  `revoked_at` DATETIME(3) NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `mw_api_token_hash_key` (`token_hash`),
  KEY `mw_api_token_username_idx` (`username`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Which token acted, for every audit entry made with one (NULL: a session).
ALTER TABLE `mw_audit` ADD COLUMN IF NOT EXISTS `token_id` BIGINT NULL;
