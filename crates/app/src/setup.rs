//! The one-time link that lets the person at the console create the first administrator.
//! While no user exists, the server asks for a token at start and prints the link; the token
//! lives only in memory (its SHA-256), works once, and stops working as soon as any user
//! exists — so a leaked link is useless after setup.

use std::sync::Mutex;

use sha2::{Digest, Sha256};

#[derive(Debug, Default)]
pub struct SetupGate {
    token_hash: Mutex<Option<String>>,
}

impl SetupGate {
    /// Replaces any previous token with a new random one and returns it.
    pub fn issue(&self) -> String {
        let token = crate::tokens::random_token();
        *self.token_hash.lock().expect("setup mutex poisoned") = Some(digest(&token));
        token
    }

    pub fn matches(&self, token: &str) -> bool {
        let stored = self.token_hash.lock().expect("setup mutex poisoned");
        stored
            .as_deref()
            .is_some_and(|hash| constant_time_eq(hash, &digest(token)))
    }

    /// Consumes the token if it matches; only one caller can ever win.
    pub fn consume(&self, token: &str) -> bool {
        let mut stored = self.token_hash.lock().expect("setup mutex poisoned");
        if stored
            .as_deref()
            .is_some_and(|hash| constant_time_eq(hash, &digest(token)))
        {
            *stored = None;
            true
        } else {
            false
        }
    }

    /// Puts a consumed token back (when creating the administrator failed validation).
    pub fn restore(&self, token: &str) {
        *self.token_hash.lock().expect("setup mutex poisoned") = Some(digest(token));
    }

    pub fn clear(&self) {
        *self.token_hash.lock().expect("setup mutex poisoned") = None;
    }
}

fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Compares two equal-length hex digests without an early exit.
pub(crate) fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}
