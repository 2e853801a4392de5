-- The e-mail that tells a gemeente's staff a new art. 14 notice is waiting
-- (the mail itself holds no personal data). The columns make
-- `eviction_notices` the outbox: a notice is mailed once, retried a few
-- times after a failure; `mail_error` keeps the last failure as the SMTP
-- step and reply code, never an address or the relay's text.
ALTER TABLE eviction_notices ADD COLUMN mailed_at TEXT;
ALTER TABLE eviction_notices ADD COLUMN mail_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE eviction_notices ADD COLUMN mail_error TEXT;
CREATE INDEX eviction_notices_unmailed ON eviction_notices(created_at) WHERE mailed_at IS NULL;
