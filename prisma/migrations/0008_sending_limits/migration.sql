-- Per-SASL-login sending limits (issue 18): the policy an admin set for a
-- mail host, as applied there (the postfwd ruleset is built from it), and the
-- main.cf backup taken before the policy service was wired in.
CREATE TABLE IF NOT EXISTS mw_sending_limits (
  host        VARCHAR(64)  NOT NULL PRIMARY KEY,
  policy      MEDIUMTEXT   NOT NULL,
  applied     TINYINT(1)   NOT NULL DEFAULT 0,
  backup_id   VARCHAR(32)  NULL,
  updated_by  VARCHAR(255) NOT NULL,
  updated_at  DATETIME(3)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
