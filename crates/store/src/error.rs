use vangnet_domain::Invalid;

/// Storage failures, sorted by what the caller can do about them.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique rule was hit: the field and a Dutch reason.
    #[error("{field}: {reason}")]
    Conflict { field: String, reason: String },
    #[error("niet gevonden")]
    NotFound,
    #[error("{0}")]
    Invalid(#[from] Invalid),
    /// The database cannot be reached, refused the connection, or cannot
    /// write (a full disk, a read-only file): a Dutch sentence.
    #[error("{0}")]
    Unavailable(String),
    #[error("{0}")]
    Unsupported(String),
    #[error("databasefout: {0}")]
    Database(sqlx::Error),
}

impl StoreError {
    pub fn conflict(field: &str, reason: &str) -> Self {
        StoreError::Conflict {
            field: field.into(),
            reason: reason.into(),
        }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Io(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::Tls(_) => {
                StoreError::Unavailable(format!("database niet bereikbaar: {error}"))
            }
            sqlx::Error::Database(db) if db.is_unique_violation() => unique_conflict(db.message()),
            sqlx::Error::Database(db) => match unavailable(db.code().as_deref()) {
                Some(reason) => StoreError::Unavailable(format!("{reason} ({})", db.message())),
                None => StoreError::Database(error),
            },
            _ => StoreError::Database(error),
        }
    }
}

/// Database errors that say the database cannot be used right now, not that
/// the request was wrong: PostgreSQL's connection exceptions (class 08) and
/// shutdowns (class 57P), SQLite's full disk and read-only file (primary
/// result codes 13 and 8, with their extended codes). SQLSTATEs always
/// have five characters; SQLite's codes are numbers below 10 000.
pub(crate) fn unavailable(code: Option<&str>) -> Option<&'static str> {
    let code = code?;
    if code.len() == 5 {
        let gone = code.starts_with("08") || code.starts_with("57P");
        return gone.then_some("database niet bereikbaar");
    }
    let primary = code.parse::<u32>().ok()? & 0xff;
    match primary {
        13 => Some("de schijf is vol: de database kan niets meer schrijven; maak ruimte vrij"),
        8 => Some(
            "de database is alleen-lezen: geen schrijfrechten op het databasebestand of de map",
        ),
        _ => None,
    }
}

/// Names the field in Dutch from the constraint text both backends report.
fn unique_conflict(message: &str) -> StoreError {
    let (field, reason) = if message.contains("email") {
        ("email", "dit e-mailadres is al in gebruik")
    } else if message.contains("code") {
        ("code", "deze organisatiecode bestaat al")
    } else if message.contains("name") {
        ("name", "deze naam is al in gebruik")
    } else {
        ("", "bestaat al")
    };
    StoreError::conflict(field, reason)
}

#[cfg(test)]
mod tests {
    use super::unavailable;

    #[test]
    fn codes_that_mean_the_database_cannot_be_used_now() {
        assert!(unavailable(Some("13")).unwrap().contains("schijf is vol"));
        assert!(unavailable(Some("8")).unwrap().contains("alleen-lezen"));
        // SQLITE_READONLY_DBMOVED, an extended code of 8.
        assert!(unavailable(Some("1032")).unwrap().contains("alleen-lezen"));
        assert!(unavailable(Some("57P01")).is_some());
        assert!(unavailable(Some("08006")).is_some());
        // A unique violation, a syntax error, SQLite's constraint code.
        for other in ["23505", "42601", "19", "2067"] {
            assert_eq!(unavailable(Some(other)), None, "{other}");
        }
        assert_eq!(unavailable(None), None);
    }
}
