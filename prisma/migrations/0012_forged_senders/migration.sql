-- The forged senders of a SASL login, per host (issue 16.7): the queue's
-- bounceOf filter finds the null-sender bounces addressed to them, also after
-- the login's own mail was deleted (the incident's Clean step), after a
-- restart, and in every console process. Bounded: at most 50,000 senders per
-- login (lib/queue/forged-senders.ts), rows first seen more than 30 days ago
-- are pruned (no bounce waits in a queue that long).

CREATE TABLE IF NOT EXISTS `mw_forged_sender` (
  `host` VARCHAR(64) NOT NULL,
  `login` VARCHAR(255) NOT NULL,
  -- lower case, as the index compares them
  `sender` VARCHAR(320) NOT NULL,
  `seen_at` DATETIME(3) NOT NULL,
  PRIMARY KEY (`host`, `login`, `sender`),
  KEY `mw_forged_sender_seen_idx` (`seen_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
