-- The kennisbank (issue 6): good practices (goede voorbeelden), each with
-- append-only revisions whose content never changes after creation (a
-- trigger says so; only the workflow status, the decision and the public
-- suggester's name and e-mail, which the retention purge clears, may).
-- Phases and actors are comma-joined slugs in the domain's order; figures
-- and links are JSON arrays as text. Statuses are checked here; phase and
-- actor slugs by the store before writing. Nothing cascades.

CREATE TABLE kb_practices (
    id                    BIGSERIAL PRIMARY KEY,
    slug                  TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 3 AND 80),
    -- NULL for a public suggestion until an editor takes it.
    owner_user_id         BIGINT REFERENCES users(id),
    contributor_org_id    BIGINT REFERENCES organisations(id),
    -- NULL until the first publication.
    published_revision_id BIGINT,
    review_by             DATE,
    first_published_at    TIMESTAMPTZ,
    -- The latest publication (the creation until there is one).
    updated_at            TIMESTAMPTZ NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL
);
CREATE INDEX kb_practices_published ON kb_practices(updated_at) WHERE published_revision_id IS NOT NULL;
CREATE INDEX kb_practices_review_by ON kb_practices(review_by) WHERE published_revision_id IS NOT NULL;

CREATE TABLE kb_revisions (
    id                 BIGSERIAL PRIMARY KEY,
    practice_id        BIGINT NOT NULL REFERENCES kb_practices(id),
    number             BIGINT NOT NULL CHECK (number > 0),
    title              TEXT NOT NULL,
    summary            TEXT NOT NULL,
    body_md            TEXT NOT NULL,
    phases             TEXT NOT NULL CHECK (length(phases) > 0),
    actors             TEXT NOT NULL CHECK (length(actors) > 0),
    region             TEXT,
    organisation       TEXT,
    contact            TEXT,
    results            TEXT,
    figures            TEXT NOT NULL DEFAULT '[]',
    links              TEXT NOT NULL DEFAULT '[]',
    review_by          DATE,
    content_hash       TEXT NOT NULL CHECK (length(content_hash) = 64),
    status             TEXT NOT NULL CHECK (status IN
                           ('submitted','changes_requested','published','superseded','rejected')),
    author_user_id     BIGINT REFERENCES users(id),
    author_org_id      BIGINT REFERENCES organisations(id),
    -- Only for public suggestions; personal data, cleared by retention.
    suggester_name     TEXT,
    suggester_email    TEXT,
    created_at         TIMESTAMPTZ NOT NULL,
    decided_by_user_id BIGINT REFERENCES users(id),
    decided_at         TIMESTAMPTZ,
    decision_reason    TEXT,
    UNIQUE (practice_id, number)
);
-- At most one open revision per practice.
CREATE UNIQUE INDEX kb_revisions_one_open ON kb_revisions(practice_id)
    WHERE status IN ('submitted','changes_requested');
CREATE INDEX kb_revisions_queue ON kb_revisions(created_at)
    WHERE status IN ('submitted','changes_requested');
CREATE INDEX kb_revisions_author ON kb_revisions(author_user_id, created_at);
CREATE INDEX kb_revisions_suggester ON kb_revisions(created_at) WHERE suggester_email IS NOT NULL OR suggester_name IS NOT NULL;
CREATE TRIGGER kb_revisions_fixed
BEFORE UPDATE OF practice_id, number, title, summary, body_md, phases, actors, region,
    organisation, contact, results, figures, links, review_by, content_hash,
    author_user_id, author_org_id, created_at ON kb_revisions
FOR EACH ROW EXECUTE FUNCTION gate_record_fixed('content is never changed, propose a new revision');
ALTER TABLE kb_practices ADD FOREIGN KEY (published_revision_id) REFERENCES kb_revisions(id);

CREATE TABLE kb_comments (
    id             BIGSERIAL PRIMARY KEY,
    revision_id    BIGINT NOT NULL REFERENCES kb_revisions(id),
    author_user_id BIGINT NOT NULL REFERENCES users(id),
    body           TEXT NOT NULL CHECK (length(body) > 0),
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX kb_comments_revision ON kb_comments(revision_id, id);

CREATE TABLE kb_attachments (
    id                  BIGSERIAL PRIMARY KEY,
    practice_id         BIGINT NOT NULL REFERENCES kb_practices(id),
    revision_id         BIGINT NOT NULL REFERENCES kb_revisions(id),
    filename            TEXT NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
    content_type        TEXT NOT NULL CHECK (content_type IN
                            ('application/pdf','image/png','image/jpeg','image/gif','image/webp')),
    size_bytes          BIGINT NOT NULL CHECK (size_bytes BETWEEN 0 AND 10485760),
    sha256              TEXT NOT NULL CHECK (length(sha256) = 64),
    bytes               BYTEA NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    uploaded_by_user_id BIGINT REFERENCES users(id)
);
CREATE INDEX kb_attachments_practice ON kb_attachments(practice_id, id);

-- The platform's one row of kennisbank settings: the search synonyms (one
-- group per line, comma-separated).
CREATE TABLE kb_settings (
    id                 BIGINT PRIMARY KEY CHECK (id = 1),
    synonyms           TEXT NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    updated_by_user_id BIGINT REFERENCES users(id)
);

-- The public suggestion form's rate limit: a hashed client address and
-- when it tried; pruned as attempts leave the window.
CREATE TABLE kb_suggestion_attempts (
    id          BIGSERIAL PRIMARY KEY,
    client_hash TEXT NOT NULL,
    at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX kb_suggestion_attempts_client ON kb_suggestion_attempts(client_hash, at);
CREATE INDEX kb_suggestion_attempts_at ON kb_suggestion_attempts(at);
