-- The e-mail that reminds a practice's owner its review-by date has
-- passed. The review-by date a reminder was sent for is kept, so each
-- date gets one reminder, and an editor's new date starts a new one.
ALTER TABLE kb_practices ADD COLUMN review_reminded_for TEXT;
