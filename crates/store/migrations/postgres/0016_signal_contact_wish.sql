-- How and when a person would like to be contacted, in their own words
-- (issue 9: a tenant asking for help through the personal link says so).
-- Not a DDAS field: the gemeente's worker reads it on the case page. It is
-- personal, so the retention purge blanks it with the phone number.
ALTER TABLE signals ADD COLUMN contact_wish TEXT;
