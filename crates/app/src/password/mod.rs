//! Passwords: argon2id hashing and checking, and the policy a new password must meet
//! ([`strength`]). Hashing is deliberately slow, so it runs on the blocking thread pool and
//! never stalls the server's async workers; and it passes a gate ([`Passwords`]) that lets at
//! most one hash per core run at a time, so a flood of logins cannot take the blocking pool
//! that imports and other requests need. A login that cannot get through the gate within a
//! few seconds is refused ("try again in a few seconds") instead of queueing without end.
//! Nothing here ever runs inside a database transaction: callers read what they need, check
//! or hash, and only then open a short write.
//!
//! The hashing itself is behind [`PasswordHasher`] so that tests can observe when it runs.

mod keyboard;
pub mod strength;

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use argon2::{Argon2, PasswordHasher as _, PasswordVerifier as _};
use tokio::sync::Semaphore;

use crate::error::AppError;

pub use strength::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, check_new_password, check_policy};

/// How long a password check may wait for the gate before the attempt is refused.
const GATE_WAIT: Duration = Duration::from_secs(3);
/// What a refused attempt is told to wait when the gate was full.
pub const BUSY_RETRY_SECS: u64 = 5;

/// The slow work: hashing a password into a PHC string, and checking one against it.
pub trait PasswordHasher: Send + Sync + 'static {
    fn hash(&self, password: &str) -> Result<String, AppError>;
    /// A malformed stored hash never verifies.
    fn verify(&self, password: &str, stored_hash: &str) -> bool;
}

/// argon2id with the crate's defaults (19 MiB, two passes, one lane: OWASP's recommendation)
/// and a random salt.
#[derive(Debug, Default, Clone, Copy)]
pub struct Argon2id;

impl PasswordHasher for Argon2id {
    fn hash(&self, password: &str) -> Result<String, AppError> {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(format!("password hashing failed: {e}")))
    }

    fn verify(&self, password: &str, stored_hash: &str) -> bool {
        Argon2::default()
            .verify_password(password.as_bytes(), stored_hash)
            .is_ok()
    }
}

/// The gate was full for longer than a login should wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GateFull;

/// The hasher behind a gate of `permits` concurrent jobs.
#[derive(Clone)]
pub struct Passwords {
    hasher: Arc<dyn PasswordHasher>,
    gate: Arc<Semaphore>,
    permits: usize,
    gate_wait: Duration,
    /// A hash of a random password, checked against when the username is unknown so that
    /// the answer takes as long as for a known one.
    decoy: Arc<OnceLock<String>>,
}

impl std::fmt::Debug for Passwords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Passwords")
            .field("permits", &self.permits)
            .finish_non_exhaustive()
    }
}

impl Passwords {
    /// `permits = 0` means one per core.
    pub fn new(hasher: Arc<dyn PasswordHasher>, permits: usize) -> Self {
        let permits = if permits == 0 {
            std::thread::available_parallelism().map_or(2, |n| n.get())
        } else {
            permits
        };
        Self {
            hasher,
            gate: Arc::new(Semaphore::new(permits)),
            permits,
            gate_wait: GATE_WAIT,
            decoy: Arc::new(OnceLock::new()),
        }
    }

    /// The same gate size with another hasher.
    pub fn with_hasher(&self, hasher: Arc<dyn PasswordHasher>) -> Self {
        Self::new(hasher, self.permits)
    }

    /// Hashes a new password (an administrator or the user herself, logged in: it waits for
    /// its turn however long the gate is busy).
    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        let permit = self
            .gate
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| AppError::Internal("the password gate is closed".into()))?;
        let hasher = self.hasher.clone();
        tokio::task::spawn_blocking(move || {
            let hashed = hasher.hash(&password);
            drop(permit);
            hashed
        })
        .await
        .map_err(|e| AppError::Internal(format!("password hashing task failed: {e}")))?
    }

    /// Checks `password` against `stored_hash`, or against the decoy when there is none (an
    /// unknown username: always false, in the same time). The permit is held by the blocking
    /// job itself, so a client that hangs up does not free it while the hash still runs.
    pub async fn verify(
        &self,
        password: String,
        stored_hash: Option<String>,
    ) -> Result<bool, GateFull> {
        let permit = tokio::time::timeout(self.gate_wait, self.gate.clone().acquire_owned())
            .await
            .map_err(|_| GateFull)?
            .map_err(|_| GateFull)?;
        let hasher = self.hasher.clone();
        let decoy = self.decoy.clone();
        let verified = tokio::task::spawn_blocking(move || {
            let verified = match &stored_hash {
                Some(stored) => hasher.verify(&password, stored),
                None => {
                    let decoy = decoy.get_or_init(|| {
                        hasher.hash("decoy-password-never-used").unwrap_or_default()
                    });
                    hasher.verify(&password, decoy);
                    false
                }
            };
            drop(permit);
            verified
        })
        .await;
        Ok(verified.unwrap_or(false))
    }
}

impl Default for Passwords {
    fn default() -> Self {
        Self::new(Arc::new(Argon2id), 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hashed_password_verifies_and_a_wrong_one_does_not() {
        let passwords = Passwords::default();
        let stored = passwords
            .hash("correct horse battery".into())
            .await
            .unwrap();
        assert!(stored.starts_with("$argon2id$"));
        let check = |p: &str, s: Option<String>| passwords.verify(p.into(), s);
        assert_eq!(
            check("correct horse battery", Some(stored.clone())).await,
            Ok(true)
        );
        assert_eq!(check("wrong horse battery", Some(stored)).await, Ok(false));
        assert_eq!(check("correct horse battery", None).await, Ok(false));
    }

    /// A hasher that never finishes until the test lets it.
    struct Stuck(Arc<std::sync::Barrier>);

    impl PasswordHasher for Stuck {
        fn hash(&self, _: &str) -> Result<String, AppError> {
            Ok(String::new())
        }
        fn verify(&self, _: &str, _: &str) -> bool {
            self.0.wait();
            false
        }
    }

    #[tokio::test]
    async fn a_check_that_cannot_pass_the_full_gate_is_refused_not_queued() {
        let release = Arc::new(std::sync::Barrier::new(2));
        let mut passwords = Passwords::new(Arc::new(Stuck(release.clone())), 1);
        passwords.gate_wait = Duration::from_millis(50);
        let first = tokio::spawn({
            let passwords = passwords.clone();
            async move { passwords.verify("a".into(), Some("x".into())).await }
        });
        tokio::task::yield_now().await;
        while passwords.gate.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        let second = passwords.verify("b".into(), Some("x".into())).await;
        assert_eq!(second, Err(GateFull));
        release.wait();
        assert_eq!(first.await.unwrap(), Ok(false));
    }
}
