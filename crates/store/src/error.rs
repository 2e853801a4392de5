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
    /// The database cannot be reached or refused the connection.
    #[error("database niet bereikbaar: {0}")]
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
            | sqlx::Error::Tls(_) => StoreError::Unavailable(error.to_string()),
            sqlx::Error::Database(db) if db.is_unique_violation() => unique_conflict(db.message()),
            _ => StoreError::Database(error),
        }
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
