//! Writing practices and revisions inside a transaction: free functions
//! stamped out per backend connection by `kb_writes!`. Each runs after
//! `lock_kennisbank`, so the open-revision rule is checked and kept by one
//! writer at a time (the partial unique index backs it up).

/// What the audit log keeps of a publication, added to `facts`.
pub(crate) fn publish_facts(
    facts: &mut serde_json::Value,
    by: super::PublishAs,
    superseded: Option<i64>,
) {
    facts["status"] = super::PUBLISHED.into();
    facts["decided_by"] = by.editor_user_id.into();
    facts["review_by"] = by.review_by.to_string().into();
    facts["superseded_revision_id"] = superseded.into();
}

macro_rules! kb_writes {
    ($conn:ty) => {
        /// Inserts the practice's next revision, `submitted`.
        async fn insert_revision(
            conn: &mut $conn,
            practice_id: i64,
            revision: &$crate::kennisbank::NewRevision,
            now: $crate::ts::Ts,
        ) -> $crate::Result<(i64, i64)> {
            use $crate::kennisbank::{checks, rows, sql};
            let (phases, actors) = checks::revision_columns(revision)?;
            let number: i64 = sqlx::query_scalar(sql::NEXT_NUMBER)
                .bind(practice_id)
                .fetch_one(&mut *conn)
                .await?;
            let c = &revision.content;
            let id = sqlx::query_scalar(sql::INSERT_REVISION)
                .bind(practice_id)
                .bind(number)
                .bind(&c.title)
                .bind(&c.summary)
                .bind(&c.body_md)
                .bind(phases)
                .bind(actors)
                .bind(&c.region)
                .bind(&c.organisation)
                .bind(&c.contact)
                .bind(&c.results)
                .bind(rows::to_json(&c.figures)?)
                .bind(rows::to_json(&c.links)?)
                .bind(c.review_by)
                .bind(&revision.content_hash)
                .bind(revision.author_user_id)
                .bind(revision.author_org_id)
                .bind(&revision.suggester_name)
                .bind(&revision.suggester_email)
                .bind(now)
                .fetch_one(&mut *conn)
                .await?;
            Ok((id, number))
        }

        /// Publishes an open revision that still has `expected`: the
        /// previously published one is superseded and the practice points
        /// at this one (and is the editor's if it had no owner: a public
        /// suggestion). Adds what happened to the audit `facts`.
        async fn publish(
            conn: &mut $conn,
            (practice_id, revision_id): (i64, i64),
            expected: &str,
            by: $crate::kennisbank::PublishAs,
            now: $crate::ts::Ts,
            facts: &mut serde_json::Value,
        ) -> $crate::Result<()> {
            use $crate::kennisbank::{checks, sql, writes, PUBLISHED};
            let (editor, review_by) = (by.editor_user_id, by.review_by);
            let decided = sqlx::query(sql::DECIDE)
                .bind(revision_id)
                .bind(PUBLISHED)
                .bind(editor)
                .bind(now)
                .bind(None::<String>)
                .bind(expected)
                .execute(&mut *conn)
                .await?;
            if decided.rows_affected() != 1 {
                return Err(checks::stale());
            }
            let superseded: Option<i64> = sqlx::query_scalar(sql::SUPERSEDE_PUBLISHED)
                .bind(practice_id)
                .bind(revision_id)
                .fetch_optional(&mut *conn)
                .await?;
            sqlx::query(sql::PUBLISH_PRACTICE)
                .bind(practice_id)
                .bind(revision_id)
                .bind(now)
                .bind(review_by)
                .bind(editor)
                .execute(&mut *conn)
                .await?;
            writes::publish_facts(facts, by, superseded);
            Ok(())
        }

        /// Adds the practice's next revision under the open-revision rule:
        /// the same author's open revision is superseded by it, another's
        /// is a conflict; NotFound without the practice. The id and the
        /// audit facts.
        async fn propose(
            conn: &mut $conn,
            practice_id: i64,
            revision: &$crate::kennisbank::NewRevision,
            now: $crate::ts::Ts,
        ) -> $crate::Result<(i64, serde_json::Value)> {
            use $crate::kennisbank::{checks, sql};
            let exists: Option<i64> = sqlx::query_scalar(sql::PRACTICE_EXISTS)
                .bind(practice_id)
                .fetch_optional(&mut *conn)
                .await?;
            if exists.is_none() {
                return Err($crate::StoreError::NotFound);
            }
            let open: Option<(i64, Option<i64>)> = sqlx::query_as(&sql::open_revision())
                .bind(practice_id)
                .fetch_optional(&mut *conn)
                .await?;
            let mut replaced = None;
            if let Some((open_id, open_author)) = open {
                if open_author.is_none() || open_author != revision.author_user_id {
                    return Err(checks::already_open());
                }
                sqlx::query(sql::SUPERSEDE_OPEN)
                    .bind(open_id)
                    .bind(now)
                    .execute(&mut *conn)
                    .await?;
                replaced = Some(open_id);
            }
            let (id, number) = insert_revision(conn, practice_id, revision, now).await?;
            let facts = serde_json::json!({
                "revision_id": id,
                "number": number,
                "status": $crate::kennisbank::SUBMITTED,
                "replaced_revision_id": replaced,
            });
            Ok((id, facts))
        }
    };
}

pub(crate) use kb_writes;
