-- When a letter was also e-mailed to the tenant (issue 9): sent in the
-- request that made it, because the personal link exists only there.
-- NULL for a letter that was only printed, or whose e-mail failed. The
-- address itself is never kept: the tenant gave it for this one letter.
ALTER TABLE tenant_letters ADD COLUMN mailed_at TEXT;
