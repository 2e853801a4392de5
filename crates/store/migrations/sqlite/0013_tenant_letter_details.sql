-- What a verhuurder's letters need beyond the tenancy (issue 9): where the
-- tenant calls and pays, and the gemeente's debt-help desk every letter
-- names (condition (d)). Nullable: a verhuurder sets them once; until the
-- payment details are set no letter can be generated, and until the
-- debt-help desk is set the letter names the gemeente and says its
-- contact details are not set yet. vangnet has no gemeente contact data of
-- its own, so the verhuurder enters its main gemeente's desk here.
ALTER TABLE tenant_channel_settings ADD COLUMN sender_phone TEXT;
ALTER TABLE tenant_channel_settings ADD COLUMN iban TEXT;
ALTER TABLE tenant_channel_settings ADD COLUMN debt_help_name TEXT;
ALTER TABLE tenant_channel_settings ADD COLUMN debt_help_phone TEXT;
ALTER TABLE tenant_channel_settings ADD COLUMN debt_help_email TEXT;
ALTER TABLE tenant_channel_settings ADD COLUMN debt_help_website TEXT;
