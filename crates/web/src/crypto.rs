//! Secrets: password hashes (argon2id), random tokens, and the SHA-256
//! digests under which tokens are stored, so a leaked database holds no
//! usable session or API token.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sha2::{Digest, Sha256};

pub fn hash_password(password: &str) -> Result<String, String> {
    let mut salt = [0u8; 16];
    getrandom::getrandom(&mut salt).map_err(|e| e.to_string())?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Hashing takes tens of milliseconds on purpose; keep it off the async
/// workers.
pub async fn hash_password_off_thread(
    password: String,
) -> Result<String, vangnet_store::StoreError> {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| e.to_string())
        .and_then(|r| r)
        .map_err(|e| {
            vangnet_store::StoreError::Unsupported(format!("wachtwoord hashen mislukt: {e}"))
        })
}

pub fn verify_password(password: &str, stored_hash: &str) -> bool {
    PasswordHash::new(stored_hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Spends the same effort as a real check when the account does not exist,
/// so response times do not reveal which e-mail addresses have accounts.
pub fn waste_password_check(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let hash = DUMMY.get_or_init(|| hash_password("vangnet-dummy-password").unwrap_or_default());
    let _ = verify_password(password, hash);
}

/// 32 random bytes, hex encoded, with a prefix that says what it is (so a
/// token that leaks into a log or a repository is recognisable).
pub fn new_secret_token(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).expect("the operating system's random source");
    format!("{prefix}{}", hex::encode(bytes))
}

pub fn sha256_hex(value: &str) -> String {
    hex::encode(Sha256::digest(value.as_bytes()))
}

/// Compares secrets without an early exit, so timing tells nothing.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_round_trip() {
        let hash = hash_password("correct paard batterij").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct paard batterij", &hash));
        assert!(!verify_password("correct paard batterij!", &hash));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn tokens_are_random_and_prefixed() {
        let a = new_secret_token("vn_");
        assert!(a.starts_with("vn_") && a.len() == 67);
        assert_ne!(a, new_secret_token("vn_"));
    }

    #[test]
    fn constant_time_eq_table() {
        for (a, b, eq) in [
            ("abc", "abc", true),
            ("abc", "abd", false),
            ("ab", "abc", false),
            ("", "", true),
        ] {
            assert_eq!(constant_time_eq(a, b), eq);
        }
    }
}
