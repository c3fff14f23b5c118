//! How one audit row is sealed into the chain. Each row's `hash` covers its own fields and
//! the previous row's `hash`, so changing or removing a row breaks every link after it.
//!
//! Two schemes, named in each row's `mac_scheme` column:
//!
//! - **`sha256`** — the first scheme: plain SHA-256 over the fields joined by the unit
//!   separator. Anyone can recompute it, so it proves nothing against someone who can write
//!   to the database. Rows of databases made before the key existed keep it: they are
//!   history and verify as before.
//! - **`hmac-sha256`** — HMAC-SHA256 with the audit key ([`AuditKey`]) over the scheme name,
//!   the key's fingerprint (`key_id`), the fields, the subjects and the previous hash, each
//!   written with its length so that no two rows encode alike. Without the key nobody can
//!   write a row that verifies, and because the scheme name is inside the MAC a keyed row
//!   cannot be passed off as an old one. Every row from the first keyed one on must be
//!   keyed; the verifier treats an unkeyed row after a keyed one as a break.

use hmac::Mac;
use sha2::{Digest, Sha256};

use crate::access::PlaceId;
use crate::audit_key::AuditKey;
use crate::ports::{AuditRow, AuditSubject, NewAuditRow};

/// The `prev_hash` of the first row.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The scheme that sealed a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MacScheme {
    /// Unkeyed SHA-256 (rows written before the audit key existed).
    Sha256,
    /// HMAC-SHA256 with the audit key.
    HmacSha256,
}

impl MacScheme {
    pub fn as_str(self) -> &'static str {
        match self {
            MacScheme::Sha256 => "sha256",
            MacScheme::HmacSha256 => "hmac-sha256",
        }
    }

    pub fn parse(text: &str) -> Option<MacScheme> {
        match text {
            "sha256" => Some(MacScheme::Sha256),
            "hmac-sha256" => Some(MacScheme::HmacSha256),
            _ => None,
        }
    }
}

/// What the store writes into a new row's sealing columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seal {
    pub mac_scheme: MacScheme,
    pub key_id: String,
    pub hash: String,
}

/// The fields a MAC covers, borrowed from a new or a stored row.
struct Sealed<'a> {
    seq: i64,
    at: &'a str,
    actor_user_id: Option<crate::access::UserId>,
    actor_name: &'a str,
    action: &'a str,
    entity_kind: &'a str,
    entity_id: &'a str,
    province_id: Option<i64>,
    county_id: Option<i64>,
    before: Option<&'a str>,
    after: Option<&'a str>,
    subjects: &'a [AuditSubject],
    prev_hash: &'a str,
}

impl<'a> Sealed<'a> {
    fn of_new(seq: i64, at: &'a str, row: &'a NewAuditRow, prev_hash: &'a str) -> Self {
        Sealed {
            seq,
            at,
            actor_user_id: row.actor_user_id,
            actor_name: &row.actor_name,
            action: &row.action,
            entity_kind: &row.entity_kind,
            entity_id: &row.entity_id,
            province_id: row.province_id.map(PlaceId::get),
            county_id: row.county_id.map(PlaceId::get),
            before: row.before.as_deref(),
            after: row.after.as_deref(),
            subjects: &row.subjects,
            prev_hash,
        }
    }

    fn of_stored(row: &'a AuditRow) -> Self {
        Sealed {
            seq: row.seq,
            at: &row.at,
            actor_user_id: row.actor_user_id,
            actor_name: &row.actor_name,
            action: &row.action,
            entity_kind: &row.entity_kind,
            entity_id: &row.entity_id,
            province_id: row.province_id.map(PlaceId::get),
            county_id: row.county_id.map(PlaceId::get),
            before: row.before.as_deref(),
            after: row.after.as_deref(),
            subjects: &row.subjects,
            prev_hash: &row.prev_hash,
        }
    }
}

/// Seals a new row with the key: the store calls this under its append lock, once it knows
/// the row's position and the previous row's hash. `row.subjects` must already be in their
/// canonical order ([`canonical_subjects`]), as the store will read them back.
pub fn seal(key: &AuditKey, seq: i64, at: &str, row: &NewAuditRow, prev_hash: &str) -> Seal {
    let key_id = key.fingerprint();
    let hash = keyed_mac(key, &key_id, &Sealed::of_new(seq, at, row, prev_hash));
    Seal {
        mac_scheme: MacScheme::HmacSha256,
        key_id,
        hash,
    }
}

/// The first scheme's hash of a new row (kept for reading old rows and for tests that build
/// an old trail).
pub fn chain_hash(seq: i64, at: &str, row: &NewAuditRow, prev_hash: &str) -> String {
    legacy_hash(&Sealed::of_new(seq, at, row, prev_hash))
}

/// The first scheme's hash of a stored row, whatever its `mac_scheme` says.
pub fn legacy_hash_of(row: &AuditRow) -> String {
    legacy_hash(&Sealed::of_stored(row))
}

/// The keyed MAC a stored row should carry under `key`, computed over the `key_id` the row
/// names.
pub fn keyed_mac_of(key: &AuditKey, row: &AuditRow) -> String {
    keyed_mac(
        key,
        row.key_id.as_deref().unwrap_or_default(),
        &Sealed::of_stored(row),
    )
}

/// Sorts subjects by kind and id (byte order, as both engines sort them with the `C`
/// collation) and drops repeats, so the MAC and the stored rows agree on their order.
pub fn canonical_subjects(mut subjects: Vec<AuditSubject>) -> Vec<AuditSubject> {
    subjects.sort_by(|a, b| {
        (a.entity_kind.as_str(), a.entity_id.as_str())
            .cmp(&(b.entity_kind.as_str(), b.entity_id.as_str()))
    });
    subjects.dedup_by(|a, b| a.entity_kind == b.entity_kind && a.entity_id == b.entity_id);
    subjects
}

fn legacy_hash(parts: &Sealed<'_>) -> String {
    const SEPARATOR: &[u8] = b"\x1f";
    const ABSENT: &str = "\x00";
    let optional_id = |id: Option<i64>| {
        id.map(|v| v.to_string())
            .unwrap_or_else(|| ABSENT.to_owned())
    };
    let fields = [
        parts.seq.to_string(),
        parts.at.to_owned(),
        optional_id(parts.actor_user_id.map(i64::from)),
        parts.actor_name.to_owned(),
        parts.action.to_owned(),
        parts.entity_kind.to_owned(),
        parts.entity_id.to_owned(),
        optional_id(parts.province_id),
        optional_id(parts.county_id),
        parts.before.unwrap_or(ABSENT).to_owned(),
        parts.after.unwrap_or(ABSENT).to_owned(),
        parts.prev_hash.to_owned(),
    ];
    let mut hasher = Sha256::new();
    hasher.update(b"hamyar-audit-v1");
    for field in &fields {
        hasher.update(SEPARATOR);
        hasher.update(field.as_bytes());
    }
    hex::encode(hasher.finalize())
}

/// Writes each value with its length (and absent values with a marker of their own), so
/// that no two different rows feed the MAC the same bytes, whatever their text holds.
struct Encoder<M: Mac>(M);

impl<M: Mac> Encoder<M> {
    fn text(&mut self, value: &str) {
        self.0.update(&[1]);
        self.0.update(&(value.len() as u64).to_be_bytes());
        self.0.update(value.as_bytes());
    }

    fn optional_text(&mut self, value: Option<&str>) {
        match value {
            Some(text) => self.text(text),
            None => self.0.update(&[0]),
        }
    }

    fn number(&mut self, value: i64) {
        self.text(&value.to_string());
    }

    fn optional_number(&mut self, value: Option<i64>) {
        self.optional_text(value.map(|v| v.to_string()).as_deref());
    }
}

fn keyed_mac(key: &AuditKey, key_id: &str, parts: &Sealed<'_>) -> String {
    let mut encoder = Encoder(key.mac());
    encoder.text("hamyar-audit-v2");
    encoder.text(MacScheme::HmacSha256.as_str());
    encoder.text(key_id);
    encoder.number(parts.seq);
    encoder.text(parts.at);
    encoder.optional_number(parts.actor_user_id.map(i64::from));
    encoder.text(parts.actor_name);
    encoder.text(parts.action);
    encoder.text(parts.entity_kind);
    encoder.text(parts.entity_id);
    encoder.optional_number(parts.province_id);
    encoder.optional_number(parts.county_id);
    encoder.optional_text(parts.before);
    encoder.optional_text(parts.after);
    encoder.number(parts.subjects.len() as i64);
    for subject in parts.subjects {
        encoder.text(&subject.entity_kind);
        encoder.text(&subject.entity_id);
        encoder.optional_number(subject.province_id.map(PlaceId::get));
        encoder.optional_number(subject.county_id.map(PlaceId::get));
    }
    encoder.text(parts.prev_hash);
    hex::encode(encoder.0.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_row() -> NewAuditRow {
        NewAuditRow {
            at: jiff::Timestamp::UNIX_EPOCH,
            actor_user_id: Some(crate::access::UserId::new(1)),
            actor_name: "admin".into(),
            action: "woman.view_in_list".into(),
            entity_kind: "woman_list".into(),
            entity_id: String::new(),
            province_id: Some(PlaceId::new(18)),
            county_id: None,
            before: None,
            after: None,
            subjects: vec![AuditSubject::woman(
                crate::ports::registry::WomanId::new(7),
                Some(PlaceId::new(18)),
                Some(PlaceId::new(1801)),
            )],
        }
    }

    #[test]
    fn the_keyed_mac_depends_on_the_key() {
        let row = new_row();
        let one = seal(&AuditKey::generate(), 1, "t", &row, GENESIS_HASH);
        let other = seal(&AuditKey::generate(), 1, "t", &row, GENESIS_HASH);
        assert_ne!(one.hash, other.hash);
        assert_ne!(one.key_id, other.key_id);
    }

    #[test]
    fn the_keyed_mac_covers_the_subjects() {
        let key = AuditKey::generate();
        let row = new_row();
        let mut fewer = row.clone();
        fewer.subjects.clear();
        assert_ne!(
            seal(&key, 1, "t", &row, GENESIS_HASH).hash,
            seal(&key, 1, "t", &fewer, GENESIS_HASH).hash
        );
    }

    #[test]
    fn length_prefixes_keep_shifted_text_apart() {
        let key = AuditKey::generate();
        let mut one = new_row();
        one.actor_name = "ab".into();
        one.action = "c".into();
        let mut two = new_row();
        two.actor_name = "a".into();
        two.action = "bc".into();
        assert_ne!(
            seal(&key, 1, "t", &one, GENESIS_HASH).hash,
            seal(&key, 1, "t", &two, GENESIS_HASH).hash
        );
    }

    #[test]
    fn subjects_are_sorted_by_kind_and_id_without_repeats() {
        let subjects = canonical_subjects(vec![
            AuditSubject::woman(crate::ports::registry::WomanId::new(9), None, None),
            AuditSubject::woman(crate::ports::registry::WomanId::new(12), None, None),
            AuditSubject::woman(crate::ports::registry::WomanId::new(9), None, None),
        ]);
        let ids: Vec<&str> = subjects.iter().map(|s| s.entity_id.as_str()).collect();
        assert_eq!(ids, ["12", "9"]);
    }
}
