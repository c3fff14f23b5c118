//! The audit key: the secret that seals every audit row (HMAC-SHA256) and every anchor line,
//! kept outside the database so that someone who can only change the database cannot write
//! rows that verify. It is 32 random bytes, written as 64 hexadecimal characters in a file
//! only its owner may read (created next to a SQLite database at first start, or made with
//! `hamyar audit keygen FILE` for PostgreSQL). The key is never printed: its `Debug` shows
//! only its fingerprint, a short value derived from it that rows and anchors carry so that
//! `hamyar audit verify` can tell "another key" from "altered rows".

use std::fmt;
use std::io::Write;
use std::path::Path;

use hmac::{KeyInit, Mac};
use sha2::Sha256;

/// Bytes in a key.
pub const KEY_BYTES: usize = 32;

type HmacSha256 = hmac::Hmac<Sha256>;

/// A loaded audit key.
#[derive(Clone, PartialEq, Eq)]
pub struct AuditKey {
    bytes: [u8; KEY_BYTES],
}

/// Why a key could not be read or made.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(
        "the audit key must be {} hexadecimal characters ({KEY_BYTES} bytes); make one with `hamyar audit keygen FILE`",
        KEY_BYTES * 2
    )]
    Malformed,
    #[error("cannot read the audit key file {path}: {error}")]
    Read { path: String, error: std::io::Error },
    #[error("cannot create the audit key file {path}: {error}")]
    Create { path: String, error: std::io::Error },
}

impl AuditKey {
    /// A new key from the operating system's generator (through `rand`'s thread generator,
    /// a CSPRNG seeded from the OS).
    pub fn generate() -> AuditKey {
        AuditKey {
            bytes: rand::random(),
        }
    }

    /// Reads the 64 hexadecimal characters of a key; surrounding white space is ignored.
    pub fn from_hex(text: &str) -> Result<AuditKey, KeyError> {
        let decoded = hex::decode(text.trim()).map_err(|_| KeyError::Malformed)?;
        let bytes: [u8; KEY_BYTES] = decoded.try_into().map_err(|_| KeyError::Malformed)?;
        Ok(AuditKey { bytes })
    }

    /// The key as written in a key file. Only key files are written with it.
    fn to_hex(&self) -> String {
        hex::encode(self.bytes)
    }

    /// A MAC computer keyed with this key.
    pub(crate) fn mac(&self) -> HmacSha256 {
        <HmacSha256 as KeyInit>::new_from_slice(&self.bytes).expect("HMAC takes any key length")
    }

    /// An HMAC-SHA256 with this key over a stream of bytes, for `purpose` (a label that
    /// keeps a seal of one kind from passing for another): `hamyar backup` seals its
    /// archives with it, so that a backup changed by anyone without the key does not restore.
    pub fn stream_seal(&self, purpose: &str) -> StreamSeal {
        let mut mac = self.mac();
        mac.update(purpose.as_bytes());
        mac.update(b"\n");
        StreamSeal { mac }
    }

    /// Sixteen hexadecimal characters that name this key without revealing it: the start of
    /// HMAC(key, "hamyar-audit-key-fingerprint").
    pub fn fingerprint(&self) -> String {
        let mut mac = self.mac();
        mac.update(b"hamyar-audit-key-fingerprint");
        hex::encode(&mac.finalize().into_bytes()[..8])
    }

    /// Reads the key file at `path`.
    pub fn read_file(path: &Path) -> Result<AuditKey, KeyError> {
        let text = std::fs::read_to_string(path).map_err(|error| KeyError::Read {
            path: path.display().to_string(),
            error,
        })?;
        AuditKey::from_hex(&text)
    }

    /// Makes a new key and writes it to `path`, which must not exist yet, readable and
    /// writable by its owner only (0600). Returns the new key.
    pub fn create_file(path: &Path) -> Result<AuditKey, KeyError> {
        let key = AuditKey::generate();
        let fail = |error| KeyError::Create {
            path: path.display().to_string(),
            error,
        };
        let mut file = owner_only_new_file(path).map_err(fail)?;
        file.write_all(format!("{}\n", key.to_hex()).as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(fail)?;
        Ok(key)
    }

    /// Reads the key file at `path`, creating it with a new key when it does not exist.
    /// Returns the key and whether it was created.
    pub fn read_or_create_file(path: &Path) -> Result<(AuditKey, bool), KeyError> {
        match AuditKey::read_file(path) {
            Ok(key) => Ok((key, false)),
            Err(KeyError::Read { error, .. }) if error.kind() == std::io::ErrorKind::NotFound => {
                Ok((AuditKey::create_file(path)?, true))
            }
            Err(other) => Err(other),
        }
    }
}

/// A seal being computed over a stream ([`AuditKey::stream_seal`]).
#[derive(Clone)]
pub struct StreamSeal {
    mac: HmacSha256,
}

impl StreamSeal {
    /// Adds the next bytes of the stream.
    pub fn update(&mut self, bytes: &[u8]) {
        self.mac.update(bytes);
    }

    /// The seal of everything added, as 64 hexadecimal characters.
    pub fn finish(self) -> String {
        hex::encode(self.mac.finalize().into_bytes())
    }

    /// Whether everything added carries the seal `hex_seal` (compared in constant time).
    pub fn verify(self, hex_seal: &str) -> bool {
        match hex::decode(hex_seal.trim()) {
            Ok(bytes) => self.mac.verify_slice(&bytes).is_ok(),
            Err(_) => false,
        }
    }
}

impl fmt::Debug for StreamSeal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StreamSeal").finish_non_exhaustive()
    }
}

#[cfg(unix)]
fn owner_only_new_file(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn owner_only_new_file(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

impl fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuditKey")
            .field("bytes", &"<redacted>")
            .field("fingerprint", &self.fingerprint())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "hamyar-audit-key-{name}-{}-{}",
            std::process::id(),
            rand::random::<u32>()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("hamyar.audit-key")
    }

    #[test]
    fn a_key_round_trips_through_its_file() {
        let path = scratch("round-trip");
        let (made, created) = AuditKey::read_or_create_file(&path).unwrap();
        assert!(created);
        let (read, created_again) = AuditKey::read_or_create_file(&path).unwrap();
        assert!(!created_again);
        assert_eq!(made, read);
    }

    #[cfg(unix)]
    #[test]
    fn a_new_key_file_is_readable_by_its_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let path = scratch("mode");
        AuditKey::create_file(&path).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn an_existing_key_file_is_never_overwritten() {
        let path = scratch("exists");
        let first = AuditKey::create_file(&path).unwrap();
        assert!(AuditKey::create_file(&path).is_err());
        assert_eq!(AuditKey::read_file(&path).unwrap(), first);
    }

    #[test]
    fn the_debug_form_shows_the_fingerprint_but_not_the_key() {
        let key = AuditKey::generate();
        let shown = format!("{key:?}");
        assert!(!shown.contains(&key.to_hex()), "{shown}");
        assert!(shown.contains(&key.fingerprint()), "{shown}");
    }

    #[test]
    fn short_or_non_hexadecimal_keys_are_refused() {
        assert!(AuditKey::from_hex("abcd").is_err());
        assert!(AuditKey::from_hex(&"zz".repeat(32)).is_err());
        assert!(AuditKey::from_hex(&format!(" {}\n", "ab".repeat(32))).is_ok());
    }

    #[test]
    fn a_stream_seal_holds_only_for_the_same_bytes_key_and_purpose() {
        let key = AuditKey::generate();
        let sealed = |key: &AuditKey, purpose: &str, parts: &[&[u8]]| {
            let mut seal = key.stream_seal(purpose);
            for part in parts {
                seal.update(part);
            }
            seal
        };
        let hex_seal = sealed(&key, "backup", &[b"ab", b"cd"]).finish();
        assert!(sealed(&key, "backup", &[b"abc", b"d"]).verify(&hex_seal));
        assert!(!sealed(&key, "backup", &[b"abce"]).verify(&hex_seal));
        assert!(!sealed(&key, "anchor", &[b"abcd"]).verify(&hex_seal));
        assert!(!sealed(&AuditKey::generate(), "backup", &[b"abcd"]).verify(&hex_seal));
        assert!(!sealed(&key, "backup", &[b"abcd"]).verify("not hex"));
    }

    #[test]
    fn two_keys_have_different_fingerprints() {
        assert_ne!(
            AuditKey::generate().fingerprint(),
            AuditKey::generate().fingerprint()
        );
    }
}
