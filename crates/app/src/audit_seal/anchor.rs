//! Anchors: the head of the audit trail written outside the database. The chain alone cannot
//! show that its newest rows were removed (nothing follows them), nor that the whole chain
//! was recomputed by someone holding the key. An anchor records, at a moment, the trail's
//! last `seq` and that row's MAC; `hamyar audit verify` then requires the row to be there
//! with that MAC, and names the missing rows when the trail ends before it.
//!
//! The anchor file is append-only text, one line per anchor:
//!
//! ```text
//! hamyar-audit-anchor v1 at=2026-11-29T06:30:00.000Z seq=1250 head=<64 hex> key=<16 hex> mac=<64 hex>
//! ```
//!
//! `mac` is HMAC-SHA256 with the audit key over the other fields, so a line cannot be forged
//! or edited without the key. Each line is written with one `write` on a file opened for
//! appending, so several servers may anchor into one file (or each into its own); a line
//! only ever claims "row `seq` had this MAC", which stays true whoever appends after it, so
//! lines need not be in `seq` order. Every anchor is also logged (no personal data), so a
//! copy of the heads lives wherever the logs are kept.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use hmac::Mac;

use crate::audit_key::AuditKey;

const LINE_TAG: &str = "hamyar-audit-anchor v1";

/// The head of the trail at a moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    /// Storage timestamp (RFC 3339 UTC) of the moment.
    pub at: String,
    /// The last row's `seq` (0 for an empty trail).
    pub seq: i64,
    /// That row's hash (the genesis hash for an empty trail).
    pub head: String,
    /// The fingerprint of the key that made the line.
    pub key_id: String,
}

impl Anchor {
    fn mac(&self, key: &AuditKey) -> String {
        let mut mac = key.mac();
        for field in [
            LINE_TAG,
            &self.at,
            &self.seq.to_string(),
            &self.head,
            &self.key_id,
        ] {
            mac.update(&(field.len() as u64).to_be_bytes());
            mac.update(field.as_bytes());
        }
        hex::encode(mac.finalize().into_bytes())
    }

    /// The anchor as a line of the anchor file (without the newline).
    pub fn line(&self, key: &AuditKey) -> String {
        format!(
            "{LINE_TAG} at={} seq={} head={} key={} mac={}",
            self.at,
            self.seq,
            self.head,
            self.key_id,
            self.mac(key)
        )
    }
}

/// What a line of an anchor file turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnchorLine {
    /// Made with this key and unchanged.
    Valid(Anchor),
    /// Not an anchor line at all.
    Malformed,
    /// Names this key but its MAC does not match: written or edited without the key.
    Forged(Anchor),
    /// Names another key.
    OtherKey(Anchor),
}

/// A line read back from an anchor file, with where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadAnchor {
    pub file: PathBuf,
    /// 1-based line number.
    pub line: usize,
    pub status: AnchorLine,
}

/// Parses one line and checks it with `key`.
pub fn check_line(text: &str, key: &AuditKey) -> AnchorLine {
    let Some((anchor, mac)) = parse_line(text) else {
        return AnchorLine::Malformed;
    };
    if anchor.key_id != key.fingerprint() {
        AnchorLine::OtherKey(anchor)
    } else if anchor.mac(key) != mac {
        AnchorLine::Forged(anchor)
    } else {
        AnchorLine::Valid(anchor)
    }
}

fn parse_line(text: &str) -> Option<(Anchor, String)> {
    let rest = text.trim_end().strip_prefix(LINE_TAG)?.strip_prefix(' ')?;
    let mut fields = rest.split(' ');
    let mut field = |name: &str| {
        fields
            .next()
            .and_then(|pair| pair.strip_prefix(name))
            .and_then(|pair| pair.strip_prefix('='))
            .map(str::to_owned)
    };
    let at = field("at")?;
    let seq = field("seq")?.parse().ok()?;
    let head = field("head")?;
    let key_id = field("key")?;
    let mac = field("mac")?;
    if fields.next().is_some() {
        return None;
    }
    Some((
        Anchor {
            at,
            seq,
            head,
            key_id,
        },
        mac,
    ))
}

/// Reads every line of the anchor file at `path`; `None` when the file does not exist.
pub fn read_anchor_file(path: &Path, key: &AuditKey) -> std::io::Result<Option<Vec<ReadAnchor>>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error),
    };
    Ok(Some(
        text.lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(index, line)| ReadAnchor {
                file: path.to_owned(),
                line: index + 1,
                status: check_line(line, key),
            })
            .collect(),
    ))
}

/// Appends one line with a single write on a file opened for appending.
pub(crate) fn append_line(path: &Path, line: &str) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    file.write_all(format!("{line}\n").as_bytes())?;
    file.sync_data()
}

/// The anchor file this process writes, and the last `seq` it anchored (so the periodic
/// anchor writes only when the head moved).
#[derive(Debug, Clone)]
pub struct AnchorFile {
    path: PathBuf,
    last_seq: Arc<Mutex<Option<i64>>>,
}

impl AnchorFile {
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            last_seq: Arc::new(Mutex::new(None)),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn last_seq(&self) -> Option<i64> {
        *self
            .last_seq
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(crate) fn remember(&self, seq: i64) {
        *self
            .last_seq
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(seq);
    }
}

/// When to write an anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnchorWhen {
    /// Now, whatever the head (at a stop of the server, and `hamyar audit anchor`).
    Always,
    /// Only when the head moved since this process's last anchor, or, before its first,
    /// since the file's last valid line (the periodic anchor while serving).
    HeadMoved,
    /// Only when the anchor file does not exist yet: the first start with a key, which
    /// records from which row on the trail must be keyed.
    FileMissing,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor(key: &AuditKey) -> Anchor {
        Anchor {
            at: "2026-11-29T06:30:00.000Z".into(),
            seq: 1250,
            head: "ab".repeat(32),
            key_id: key.fingerprint(),
        }
    }

    #[test]
    fn a_line_made_with_the_key_reads_back() {
        let key = AuditKey::generate();
        let line = anchor(&key).line(&key);
        assert_eq!(check_line(&line, &key), AnchorLine::Valid(anchor(&key)));
    }

    #[test]
    fn an_edited_seq_is_a_forgery() {
        let key = AuditKey::generate();
        let line = anchor(&key).line(&key).replace("seq=1250", "seq=1200");
        assert!(matches!(check_line(&line, &key), AnchorLine::Forged(_)));
    }

    #[test]
    fn a_line_made_with_another_key_says_so() {
        let key = AuditKey::generate();
        let other = AuditKey::generate();
        let line = anchor(&other).line(&other);
        assert!(matches!(check_line(&line, &key), AnchorLine::OtherKey(_)));
    }

    #[test]
    fn other_text_is_malformed() {
        let key = AuditKey::generate();
        assert_eq!(check_line("seq=5", &key), AnchorLine::Malformed);
        let extra = format!("{} extra=1", anchor(&key).line(&key));
        assert_eq!(check_line(&extra, &key), AnchorLine::Malformed);
    }
}
