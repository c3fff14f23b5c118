//! Where the audit key and the anchor file live, from the configuration. The key seals the
//! audit rows and must stay outside the database:
//!
//! - SQLite: `audit_key_file`, by default beside the database (`hamyar.db` →
//!   `hamyar.audit-key`), created with a new key (0600) at first start; or `audit_key`.
//! - PostgreSQL: `audit_key_file` or `audit_key` (`HAMYAR_AUDIT_KEY_FILE`); without one
//!   nothing starts, and the message says how to make a key.
//! - An in-memory SQLite database lives only as long as the process: a key of the moment.
//!
//! The anchor file is `audit_anchor_file`, by default beside the key file (`….audit-key` →
//! `….audit-anchors`). Verification only reads: it never creates a key.

use std::path::{Path, PathBuf};

use anyhow::bail;
use hamyar_app::audit::AuditKey;
use hamyar_app::audit::key::KeyError;

use crate::config::Config;

/// The key and anchor file a command works with.
#[derive(Debug)]
pub struct AuditTrailSetup {
    /// `None` only when verifying a database whose key file does not exist.
    pub key: Option<AuditKey>,
    /// Where the key was looked for, for messages (`None`: from the configuration).
    pub key_file: Option<PathBuf>,
    pub anchor_file: Option<PathBuf>,
}

/// Whether a missing key may be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyUse {
    /// Starting to work on the database: a SQLite key file is created when missing.
    Work,
    /// Verifying: read what exists, create nothing.
    Verify,
}

const POSTGRES_NEEDS_A_KEY: &str = "PostgreSQL needs an audit key kept outside the database: \
     make one with `hamyar audit keygen /etc/hamyar/audit-key` (readable only by the account \
     Hamyar runs as), then set `audit_key_file = \"/etc/hamyar/audit-key\"` in hamyar.toml or \
     HAMYAR_AUDIT_KEY_FILE=/etc/hamyar/audit-key; every server of one database needs the same key";

/// Finds (or, for work on SQLite, makes) the key and names the anchor file.
pub fn setup(config: &Config, key_use: KeyUse) -> anyhow::Result<AuditTrailSetup> {
    let database_file = hamyar_store::sqlite_file(&config.database_url);
    let is_sqlite = config.database_url.starts_with("sqlite:");
    let key_file = config
        .audit_key_file
        .as_ref()
        .map(PathBuf::from)
        .or_else(|| {
            config
                .audit_key
                .is_none()
                .then(|| database_file.as_deref().map(key_file_beside))
                .flatten()
        });
    let key = match (&config.audit_key, &key_file) {
        (Some(hex), _) => Some(AuditKey::from_hex(hex)?),
        (None, Some(path)) => read_key(path, is_sqlite && key_use == KeyUse::Work)?,
        (None, None) if is_sqlite => Some(AuditKey::generate()),
        (None, None) => None,
    };
    if key.is_none() && !is_sqlite && key_use == KeyUse::Work {
        match &key_file {
            Some(path) => bail!(
                "the audit key file {} does not exist; make it with `hamyar audit keygen {}` \
                 (every server of one database needs the same key)",
                path.display(),
                path.display()
            ),
            None => bail!("{POSTGRES_NEEDS_A_KEY}"),
        }
    }
    let anchor_file = match &config.audit_anchor_file {
        Some(path) => Some(PathBuf::from(path)),
        None => key_file.as_deref().map(anchor_file_beside).or_else(|| {
            database_file
                .as_deref()
                .map(|db| anchor_file_beside(&key_file_beside(db)))
        }),
    };
    if anchor_file.is_none() && !is_sqlite {
        bail!(
            "with the audit key given as `audit_key` (or HAMYAR_AUDIT_KEY_FILE), set \
             `audit_anchor_file` to where the trail's anchors are kept"
        );
    }
    Ok(AuditTrailSetup {
        key,
        key_file,
        anchor_file,
    })
}

/// Reads the key file; creates it when `create` and it does not exist. `None` when it does
/// not exist and may not be made.
fn read_key(path: &Path, create: bool) -> anyhow::Result<Option<AuditKey>> {
    if create {
        let (key, created) = AuditKey::read_or_create_file(path)?;
        if created {
            tracing::info!(
                file = %path.display(),
                fingerprint = %key.fingerprint(),
                "created the audit key; keep a copy with the backups: without it the trail cannot be verified"
            );
        }
        warn_when_others_may_read(path);
        return Ok(Some(key));
    }
    match AuditKey::read_file(path) {
        Ok(key) => {
            warn_when_others_may_read(path);
            Ok(Some(key))
        }
        Err(KeyError::Read { error, .. }) if error.kind() == std::io::ErrorKind::NotFound => {
            Ok(None)
        }
        Err(other) => Err(other.into()),
    }
}

#[cfg(unix)]
fn warn_when_others_may_read(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(metadata) = std::fs::metadata(path)
        && metadata.permissions().mode() & 0o077 != 0
    {
        tracing::warn!(
            file = %path.display(),
            "the audit key file may be read by other accounts; make it readable by its owner only (chmod 600)"
        );
    }
}

#[cfg(not(unix))]
fn warn_when_others_may_read(_path: &Path) {}

/// `hamyar.db` → `hamyar.audit-key`, in the same directory.
pub fn key_file_beside(database: &Path) -> PathBuf {
    database.with_extension("audit-key")
}

/// `….audit-key` → `….audit-anchors`; any other name gets `.anchors` added.
pub fn anchor_file_beside(key_file: &Path) -> PathBuf {
    let name = key_file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let anchors = match name.strip_suffix("audit-key") {
        Some(stem) => format!("{stem}audit-anchors"),
        None => format!("{name}.anchors"),
    };
    key_file.with_file_name(anchors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(url: &str) -> Config {
        Config {
            database_url: url.into(),
            ..Config::default()
        }
    }

    #[test]
    fn the_key_and_anchors_of_a_sqlite_database_live_beside_it() {
        assert_eq!(
            key_file_beside(Path::new("/var/lib/hamyar/hamyar.db")),
            PathBuf::from("/var/lib/hamyar/hamyar.audit-key")
        );
        assert_eq!(
            anchor_file_beside(Path::new("/var/lib/hamyar/hamyar.audit-key")),
            PathBuf::from("/var/lib/hamyar/hamyar.audit-anchors")
        );
        assert_eq!(
            anchor_file_beside(Path::new("/etc/hamyar/audit-key")),
            PathBuf::from("/etc/hamyar/audit-anchors")
        );
        assert_eq!(
            anchor_file_beside(Path::new("/etc/hamyar/secret")),
            PathBuf::from("/etc/hamyar/secret.anchors")
        );
    }

    #[test]
    fn postgres_without_a_key_refuses_to_start_and_says_how_to_make_one() {
        let error = setup(&config("postgres://h/db"), KeyUse::Work)
            .unwrap_err()
            .to_string();
        assert!(error.contains("hamyar audit keygen"), "{error}");
    }

    #[test]
    fn postgres_with_a_missing_key_file_names_it() {
        let mut missing = config("postgres://h/db");
        missing.audit_key_file = Some("/nonexistent/hamyar/audit-key".into());
        let error = setup(&missing, KeyUse::Work).unwrap_err().to_string();
        assert!(
            error.contains("/nonexistent/hamyar/audit-key does not exist")
                && error.contains("hamyar audit keygen"),
            "{error}"
        );
    }

    #[test]
    fn postgres_with_an_inline_key_needs_an_anchor_file() {
        let mut inline = config("postgres://h/db");
        inline.audit_key = Some("ab".repeat(32));
        let error = setup(&inline, KeyUse::Work).unwrap_err().to_string();
        assert!(error.contains("audit_anchor_file"), "{error}");
        inline.audit_anchor_file = Some("/var/lib/hamyar/audit-anchors".into());
        let ready = setup(&inline, KeyUse::Work).unwrap();
        assert!(ready.key.is_some());
    }

    #[test]
    fn verifying_never_creates_a_key() {
        let dir = std::env::temp_dir().join(format!(
            "hamyar-audit-setup-{}-{}",
            std::process::id(),
            rand_suffix()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}", dir.join("hamyar.db").display());
        let verifying = setup(&config(&url), KeyUse::Verify).unwrap();
        assert!(verifying.key.is_none());
        assert!(!dir.join("hamyar.audit-key").exists());
        let working = setup(&config(&url), KeyUse::Work).unwrap();
        assert!(working.key.is_some());
        assert!(dir.join("hamyar.audit-key").exists());
        assert_eq!(working.anchor_file, Some(dir.join("hamyar.audit-anchors")));
    }

    fn rand_suffix() -> u64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or_default()
    }
}
