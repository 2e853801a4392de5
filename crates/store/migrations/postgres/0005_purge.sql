-- Retention (bewaartermijnen): `purged_at` marks a signal or case whose
-- personal data was removed when its period ended (the anonymous rest stays
-- for statistics; see src/casework/purge/mod.rs for what goes, column by
-- column). `reopened_on` is the last reopening of a case: it restarts the
-- retention period of a picked-up case.
ALTER TABLE signals ADD COLUMN purged_at TIMESTAMPTZ;
ALTER TABLE cases ADD COLUMN purged_at TIMESTAMPTZ;
ALTER TABLE cases ADD COLUMN reopened_on DATE;
