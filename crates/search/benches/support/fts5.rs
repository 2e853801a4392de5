//! The baseline: SQLite FTS5 as an off-the-shelf alternative to our own index. Configured as a
//! fair but untuned competitor would be: an in-memory database, the `unicode61` tokenizer with
//! diacritics removed, BM25 with the same field weights (title 3, summary 2, body 1), and a
//! query as an OR of its words. No stemming, compounds, synonyms or typo tolerance: that is
//! what the comparison is meant to show.

use rusqlite::{params, Connection};
use vangnet_search::Document;

pub struct Fts5 {
    conn: Connection,
}

impl Fts5 {
    /// An empty in-memory index; fails when the linked SQLite lacks FTS5.
    pub fn new() -> rusqlite::Result<Self> {
        let conn = Connection::open_in_memory()?;
        conn.execute_batch(
            "CREATE VIRTUAL TABLE practices USING fts5(
                 title, summary, body, slug UNINDEXED, published UNINDEXED,
                 tokenize = 'unicode61 remove_diacritics 2'
             );",
        )?;
        Ok(Self { conn })
    }

    pub fn sqlite_version(&self) -> String {
        self.conn
            .query_row("SELECT sqlite_version()", [], |row| row.get(0))
            .unwrap_or_default()
    }

    /// Replaces the contents in one transaction, as a rebuild on start would.
    pub fn rebuild(&mut self, docs: &[Document]) -> rusqlite::Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM practices", [])?;
        {
            let mut insert = tx.prepare(
                "INSERT INTO practices (rowid, title, summary, body, slug, published)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for doc in docs {
                insert.execute(params![
                    doc.id,
                    doc.title,
                    doc.summary,
                    doc.body,
                    doc.slug,
                    doc.published
                ])?;
            }
        }
        tx.commit()
    }

    /// The slugs of the best `limit` published matches, best first.
    pub fn search(&self, text: &str, limit: usize) -> rusqlite::Result<Vec<String>> {
        let Some(expression) = match_expression(text) else {
            return Ok(Vec::new());
        };
        let mut statement = self.conn.prepare_cached(
            "SELECT slug FROM practices
             WHERE practices MATCH ?1 AND published = 1
             ORDER BY bm25(practices, 3.0, 2.0, 1.0)
             LIMIT ?2",
        )?;
        let rows = statement.query_map(params![expression, limit as i64], |row| row.get(0))?;
        rows.collect()
    }
}

/// `de huur, van één woning` → `"de" OR "huur" OR "van" OR "één" OR "woning"`: every word
/// quoted, so nothing the user types is read as FTS5 syntax.
pub fn match_expression(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect();
    (!words.is_empty()).then(|| words.join(" OR "))
}
