-- Where a tenant's reply to an e-mailed letter goes (its Reply-To): the
-- verhuurder's own mailbox, not vangnet's sending address. Optional; an
-- organisation's address, not a person's.
ALTER TABLE tenant_channel_settings ADD COLUMN reply_email TEXT;
