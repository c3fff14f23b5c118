//! Passwords: the policy a new password must meet, and argon2id hashing. Hashing is
//! deliberately slow, so it runs on the blocking thread pool and never stalls the server's
//! async workers.

use argon2::{Argon2, PasswordHasher, PasswordVerifier};

use crate::error::{AppError, FieldError};

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 200;

/// Checks a proposed password against the policy; `field` names the form field.
pub fn check_policy(field: &'static str, password: &str, username: &str) -> Result<(), FieldError> {
    let length = password.chars().count();
    if length < MIN_PASSWORD_CHARS {
        return Err(FieldError::new(
            field,
            format!(
                "گذرواژه باید دست‌کم {} نویسه باشد",
                to_fa(MIN_PASSWORD_CHARS)
            ),
            format!("The password must have at least {MIN_PASSWORD_CHARS} characters"),
        ));
    }
    if length > MAX_PASSWORD_CHARS {
        return Err(FieldError::new(
            field,
            format!(
                "گذرواژه نباید بیش از {} نویسه باشد",
                to_fa(MAX_PASSWORD_CHARS)
            ),
            format!("The password must not exceed {MAX_PASSWORD_CHARS} characters"),
        ));
    }
    if !username.is_empty() && password.to_lowercase().contains(&username.to_lowercase()) {
        return Err(FieldError::new(
            field,
            "گذرواژه نباید نام کاربری را در خود داشته باشد",
            "The password must not contain the username",
        ));
    }
    let distinct: std::collections::HashSet<char> = password.chars().collect();
    if distinct.len() < 4 {
        return Err(FieldError::new(
            field,
            "گذرواژه بیش از اندازه ساده است؛ نویسه‌های گوناگون‌تری به کار ببرید",
            "The password is too simple; use more varied characters",
        ));
    }
    Ok(())
}

fn to_fa(n: usize) -> String {
    hamyar_domain::digits::to_persian_digits(&n.to_string())
}

/// Hashes a password with argon2id and a random salt (PHC string format).
pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .map_err(|e| AppError::Internal(format!("password hashing task failed: {e}")))?
}

fn hash_blocking(password: &str) -> Result<String, AppError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("password hashing failed: {e}")))
}

/// Verifies a password against a stored PHC hash; a malformed hash never verifies.
pub async fn verify(password: String, stored_hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .verify_password(password.as_bytes(), stored_hash.as_str())
            .is_ok()
    })
    .await
    .unwrap_or(false)
}

/// A hash of a random password, used to spend the same time on unknown usernames as on
/// known ones, so response times do not reveal which usernames exist.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_blocking("decoy-password-never-used").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hashed_password_verifies_and_a_wrong_one_does_not() {
        let stored = hash("correct horse battery".into()).await.unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("correct horse battery".into(), stored.clone()).await);
        assert!(!verify("wrong horse battery".into(), stored).await);
    }

    #[test]
    fn short_and_simple_passwords_are_refused_with_a_persian_message() {
        let error = check_policy("password", "abc", "admin").unwrap_err();
        assert!(error.message_fa.contains("۱۰"));
        assert!(check_policy("password", "aaaaaaaaaaaa", "admin").is_err());
        assert!(check_policy("password", "my-admin-password", "admin").is_err());
        assert!(check_policy("password", "Hamyar-Strong-1405", "admin").is_ok());
    }
}
