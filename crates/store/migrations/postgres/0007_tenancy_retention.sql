-- Retention for the eviction track: `purged_at` marks a tenancy or an
-- art. 14 notice whose personal data was removed when its period ended
-- (see src/casework/purge/mod.rs for the rule and the columns).
ALTER TABLE tenancies ADD COLUMN purged_at TIMESTAMPTZ;
ALTER TABLE eviction_notices ADD COLUMN purged_at TIMESTAMPTZ;
