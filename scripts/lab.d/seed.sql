-- Lab seed rows: extman's upstream sample (docs/init.sql) plus the cast of
-- the incident in shared/seed/postfix-spam-incident.zh.txt.
-- INSERT IGNORE keeps what the console changed (a reset password stays
-- reset across `scripts/lab up`); `scripts/lab reset` restores these rows.
-- Passwords are md5-crypt with fixed salts (openssl passwd -1 -salt SALT PW);
-- the clear-text passwords are listed in scripts/lab.d/users.tsv.
-- Zero dates are deliberate: real extmail databases are full of them.
SET SESSION sql_mode = '';
USE extmail;

-- upstream sample (extman-1.1 docs/init.sql)
INSERT IGNORE INTO `alias` VALUES ('support@extmail.org','postmaster@extmail.org','extmail.org','2007-02-14 15:10:04',1);
INSERT IGNORE INTO `domain` VALUES ('extmail.org','virtualDomain for extmail.org','A0/B0',50,50,1073741824,1073741824,NULL,'1','5242880','5242880','1y','0','0','0','0','1','0','2007-02-14 15:10:04','2010-11-08',1);
INSERT IGNORE INTO `mailbox` VALUES ('postmaster@extmail.org','postmaster','$1$phz1mRrj$3ok6BjeaoJYWDBsEPZb5C0','','PostMaster','','extmail.org/postmaster/Maildir/','extmail.org/postmaster','104857600S','52428800S','extmail.org',1000,1000,'2007-02-14 15:10:04','2010-11-08',1,0,0,0,0,0,0,0,'my question','my answer');
INSERT IGNORE INTO `manager` VALUES ('root@extmail.org','$1$BrT9qxfB$Ha81Mb5YVV6rNKNN5jmtj1','admin','root','Super User','my question','my answer','0','2007-02-14 15:10:04','2010-11-08',1);

-- domains of the incident
INSERT IGNORE INTO `domain`
  (domain, description, hashdirpath, maxalias, maxusers, maxquota, maxnetdiskquota, transport, can_signup,
   default_quota, default_netdiskquota, default_expire, disablesmtpd, disablesmtp, disablewebmail,
   disablenetdisk, disableimap, disablepop3, createdate, expiredate, active)
VALUES
  ('example.com', 'example.com', '', 100, 500, '5368709120', '1073741824', NULL, 0,
   '524288000', '524288000', '0', 0, 0, 0, 0, 0, 0, '2011-03-01 10:00:00', '0000-00-00', 1),
  ('corp.test', 'corp.test (branch office)', '', 20, 50, '1073741824', '0', NULL, 0,
   '104857600', '0', '0', 0, 0, 0, 0, 0, 0, '0000-00-00 00:00:00', '0000-00-00', 1);

INSERT IGNORE INTO `mailbox`
  (username, uid, password, clearpwd, name, mailhost, maildir, homedir, quota, netdiskquota, domain,
   uidnumber, gidnumber, createdate, expiredate, active, disablepwdchange, disablesmtpd, disablesmtp,
   disablewebmail, disablenetdisk, disableimap, disablepop3, question, answer)
VALUES
  -- the stolen account: created years ago, never used, weak password
  ('info@example.com', 'info', '$1$RpyMEokE$QNzHVkU3V1Q4rNsHeW1Y/0', '', '', '',
   'example.com/info/Maildir/', 'example.com/info', '524288000S', '524288000S', 'example.com',
   1000, 1000, '2011-04-25 15:35:54', '0000-00-00', 1, 0, 0, 0, 0, 0, 0, 0, '', ''),
  -- the account the report's author used to prove the hole (password 123456)
  ('test1@example.com', 'test1', '$1$Mw1Test1$nSSgFBgBFCL/tm8Ih5yXj1', '', 'Test One', '',
   'example.com/test1/Maildir/', 'example.com/test1', '104857600S', '0', 'example.com',
   1000, 1000, '0000-00-00 00:00:00', '0000-00-00', 1, 0, 0, 0, 0, 0, 0, 0, '', ''),
  ('alice@example.com', 'alice', '$1$MwAlice1$2hoS9Ag3XMWrH2K.o7cBd1', '', '王爱丽', '',
   'example.com/alice/Maildir/', 'example.com/alice', '524288000S', '524288000S', 'example.com',
   1000, 1000, '2015-03-02 09:12:40', '0000-00-00', 1, 0, 0, 0, 0, 0, 0, 0, '', ''),
  ('bob@example.com', 'bob', '$1$MwBob001$NnCTZPDGBZ0mnOt42vfrU/', '', 'Bob Li', '',
   'example.com/bob/Maildir/', 'example.com/bob', '524288000S', '524288000S', 'example.com',
   1000, 1000, '2013-06-18 14:03:11', '2030-12-31', 1, 0, 0, 0, 0, 0, 0, 0, '', ''),
  -- a second weak account (the bigqueue's "second compromised account")
  ('sales@example.com', 'sales', '$1$MwSales1$PjkTiXS1SD3e7pXgqqe/f0', 'sales2012', '销售部', '',
   'example.com/sales/Maildir/', 'example.com/sales', '524288000S', '0', 'example.com',
   1000, 1000, '2012-09-10 11:20:00', '0000-00-00', 1, 0, 0, 0, 0, 0, 0, 0, '', ''),
  -- extman says "SMTP disabled", but the stock SASL query ignores disablesmtpd
  ('former@example.com', 'former', '$1$MwOld001$5AhRxi0BtYYctnGRJ0oBx0', '', 'Former Employee', '',
   'example.com/former/Maildir/', 'example.com/former', '104857600S', '0', 'example.com',
   1000, 1000, '2010-05-05 08:00:00', '2014-01-01', 1, 0, 1, 0, 1, 0, 0, 0, '', ''),
  -- deactivated: cannot log in, no mail accepted
  ('left@example.com', 'left', '$1$MwLeft01$Ez4OmAX1FQ7NHK96c6zUM1', '', 'Left Company', '',
   'example.com/left/Maildir/', 'example.com/left', '104857600S', '0', 'example.com',
   1000, 1000, '0000-00-00 00:00:00', '0000-00-00', 0, 0, 0, 0, 0, 0, 0, 0, '', ''),
  ('ceo@corp.test', 'ceo', '$1$MwCeo001$cxivqZtAfNCYlMZ2HV1ew1', '', 'Zhang Wei', '',
   'corp.test/ceo/Maildir/', 'corp.test/ceo', '1073741824S', '0', 'corp.test',
   1000, 1000, '2016-01-04 09:00:00', '0000-00-00', 1, 0, 0, 0, 0, 0, 0, 0, '', ''),
  ('hr@corp.test', 'hr', '$1$MwHr0001$c6G253TpPj9w8rMYimkgk1', '', '人事部', '',
   'corp.test/hr/Maildir/', 'corp.test/hr', '104857600S', '0', 'corp.test',
   1000, 1000, '0000-00-00 00:00:00', '0000-00-00', 1, 0, 0, 0, 0, 0, 0, 0, '', ''),
  ('dev@corp.test', 'dev', '$1$MwDev001$Wkqai8xjnYZlX9i/GX/.i/', '', 'Dev Team', '',
   'corp.test/dev/Maildir/', 'corp.test/dev', '104857600S', '0', 'corp.test',
   1000, 1000, '2016-02-15 17:45:00', '2026-02-15', 1, 0, 0, 0, 0, 0, 0, 0, '', '');

INSERT IGNORE INTO `alias` (address, goto, domain, createdate, active) VALUES
  ('postmaster@example.com', 'info@example.com', 'example.com', '0000-00-00 00:00:00', 1),
  ('abuse@example.com', 'info@example.com', 'example.com', '2011-04-25 15:40:00', 1),
  ('team@example.com', 'alice@example.com,bob@example.com,sales@example.com', 'example.com', '2015-03-02 09:20:00', 1),
  ('all@corp.test', 'ceo@corp.test,hr@corp.test,dev@corp.test', 'corp.test', '0000-00-00 00:00:00', 1);

-- a postmaster-type manager scoped to example.com only
INSERT IGNORE INTO `manager`
  (username, password, type, uid, name, question, answer, disablepwdchange, createdate, expiredate, active)
VALUES
  ('pm@example.com', '$1$MwPm0001$/HmGqGT9nznVUAoDqEWL4.', 'postmaster', 'pm', 'Example Postmaster',
   '', '', 0, '2011-03-01 10:05:00', '0000-00-00', 1);

-- domain_manager has no key, so INSERT IGNORE would not stop duplicates
INSERT INTO `domain_manager` (username, domain, createdate, active)
  SELECT 'pm@example.com', 'example.com', '2011-03-01 10:05:00', 1 FROM DUAL
  WHERE NOT EXISTS (SELECT 1 FROM `domain_manager` WHERE username = 'pm@example.com' AND domain = 'example.com');
