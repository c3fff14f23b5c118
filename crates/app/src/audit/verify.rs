//! `hamyar audit verify`: walk the whole trail page by page, recompute every row's hash or
//! MAC, check the links, the key and the anchors, and name the first problem.
//!
//! What it can tell apart:
//! - a row edited in place (its MAC no longer matches: **altered**), a row removed from the
//!   middle (the `seq` jumps: **removed**), rows rewritten before a row (its `prev_hash` is
//!   not the previous hash: **unlinked**);
//! - a trail recomputed without the key: keyed rows fail their MAC, and rows passed off as
//!   unkeyed after the trail became keyed are an **unkeyed** break — after a keyed row, or
//!   after the first anchor of the key (the first start with a key anchors the head, so
//!   from that row on every row must be keyed);
//! - **the wrong key**: the first keyed row names another key's fingerprint;
//! - through the anchors: rows **missing** from the end (the trail ends before an anchored
//!   row), a row **rewritten** since it was anchored (its MAC is not the anchored one), and
//!   an anchor file that was edited or forged (its lines' MACs fail).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::audit::anchor::{Anchor, AnchorLine, ReadAnchor, read_anchor_file};
use crate::audit_key::AuditKey;
use crate::audit_seal::chain::{GENESIS_HASH, MacScheme, keyed_mac_of, legacy_hash_of};
use crate::error::AppResult;
use crate::ports::{AuditRow, Tx};
use crate::service::App;

/// Page size of the verifier's walk.
const VERIFY_BATCH: i64 = 2_000;

/// The first problem found in the rows themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainBreak {
    /// The row's stored hash does not match its contents: it was edited.
    Altered { seq: i64 },
    /// Rows are missing before `found_seq` (the sequence jumps).
    Removed { expected_seq: i64, found_seq: i64 },
    /// The row links to a hash other than the previous row's: rows were removed or
    /// reordered before it.
    Unlinked { seq: i64 },
    /// The row is unkeyed although the trail was keyed before it.
    Unkeyed { seq: i64, keyed_since: KeyedSince },
    /// The first keyed row names a key other than the one given: the key does not match
    /// this trail (not a sign of tampering by itself).
    WrongKey {
        seq: i64,
        trail_key: String,
        given_key: String,
    },
    /// Keyed rows, but no key was given to check them with.
    NoKey { seq: i64 },
}

/// What shows that a row should have been keyed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyedSince {
    /// An earlier row of the trail is keyed.
    Row(i64),
    /// The key's first anchor recorded the head at `seq` on `at`: every later row is keyed.
    Anchor { seq: i64, at: String },
}

/// A problem found through the anchor files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnchorProblem {
    /// The anchor file does not exist although the trail holds keyed rows.
    FileMissing { file: PathBuf },
    /// The file could not be read.
    Unreadable { file: PathBuf, error: String },
    /// A line is not an anchor line.
    Malformed { file: PathBuf, line: usize },
    /// A line's MAC does not match: it was written or edited without the key.
    Forged { file: PathBuf, line: usize },
    /// A line names another key.
    OtherKey {
        file: PathBuf,
        line: usize,
        key_id: String,
    },
    /// The trail ends at `last_seq` but was anchored at `anchor.seq`.
    RowsMissing {
        last_seq: i64,
        anchor: Anchor,
        file: PathBuf,
        line: usize,
    },
    /// The row at `anchor.seq` no longer has the anchored MAC.
    Rewritten {
        anchor: Anchor,
        file: PathBuf,
        line: usize,
    },
}

/// An anchor line that checked out, with where it was read.
#[derive(Debug, Clone)]
struct PlacedAnchor {
    anchor: Anchor,
    file: PathBuf,
    line: usize,
}

/// Incremental verifier: feed it the rows in `seq` order, page by page.
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    key: Option<AuditKey>,
    last_seq: i64,
    last_hash: String,
    checked: u64,
    first_keyed: Option<i64>,
    /// The earliest anchor of the key: rows after it must be keyed.
    keyed_since_anchor: Option<PlacedAnchor>,
    /// Anchors by the `seq` they recorded.
    anchors: BTreeMap<i64, Vec<PlacedAnchor>>,
    valid_anchors: usize,
    anchor_problems: Vec<AnchorProblem>,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self::new(None)
    }
}

impl ChainVerifier {
    /// A verifier checking keyed rows with `key` (none: only unkeyed rows can be checked).
    pub fn new(key: Option<AuditKey>) -> Self {
        Self {
            key,
            last_seq: 0,
            last_hash: GENESIS_HASH.to_owned(),
            checked: 0,
            first_keyed: None,
            keyed_since_anchor: None,
            anchors: BTreeMap::new(),
            valid_anchors: 0,
            anchor_problems: Vec::new(),
        }
    }

    /// Takes the lines read from one anchor file: problems are kept for the report, valid
    /// anchors are checked against the rows as the walk reaches them.
    pub fn add_anchor_lines(&mut self, lines: Vec<ReadAnchor>) {
        for read in lines {
            let (file, line) = (read.file, read.line);
            match read.status {
                AnchorLine::Valid(anchor) => {
                    self.valid_anchors += 1;
                    let placed = PlacedAnchor { anchor, file, line };
                    let earlier = self
                        .keyed_since_anchor
                        .as_ref()
                        .is_some_and(|first| first.anchor.seq <= placed.anchor.seq);
                    if !earlier {
                        self.keyed_since_anchor = Some(placed.clone());
                    }
                    self.anchors
                        .entry(placed.anchor.seq)
                        .or_default()
                        .push(placed);
                }
                AnchorLine::Malformed => self
                    .anchor_problems
                    .push(AnchorProblem::Malformed { file, line }),
                AnchorLine::Forged(_) => self
                    .anchor_problems
                    .push(AnchorProblem::Forged { file, line }),
                AnchorLine::OtherKey(anchor) => {
                    self.anchor_problems.push(AnchorProblem::OtherKey {
                        file,
                        line,
                        key_id: anchor.key_id,
                    })
                }
            }
        }
    }

    /// Notes an anchor file problem found outside the lines (missing, unreadable).
    pub fn add_anchor_problem(&mut self, problem: AnchorProblem) {
        self.anchor_problems.push(problem);
    }

    /// Checks the next row; returns the first break found.
    pub fn check(&mut self, row: &AuditRow) -> Result<(), ChainBreak> {
        if row.seq != self.last_seq + 1 {
            return Err(ChainBreak::Removed {
                expected_seq: self.last_seq + 1,
                found_seq: row.seq,
            });
        }
        self.check_seal(row)?;
        if row.prev_hash != self.last_hash {
            return Err(ChainBreak::Unlinked { seq: row.seq });
        }
        self.check_anchors_at(row);
        self.last_seq = row.seq;
        self.last_hash = row.hash.clone();
        self.checked += 1;
        Ok(())
    }

    /// Checks the row's hash or MAC under the scheme it names, and that its scheme may
    /// follow the rows before it.
    fn check_seal(&mut self, row: &AuditRow) -> Result<(), ChainBreak> {
        let altered = ChainBreak::Altered { seq: row.seq };
        match MacScheme::parse(&row.mac_scheme) {
            Some(MacScheme::Sha256) => {
                if let Some(keyed_since) = self.keyed_since(row.seq) {
                    return Err(ChainBreak::Unkeyed {
                        seq: row.seq,
                        keyed_since,
                    });
                }
                let clean = row.key_id.is_none() && row.subjects.is_empty();
                if !clean || legacy_hash_of(row) != row.hash {
                    return Err(altered);
                }
            }
            Some(MacScheme::HmacSha256) => {
                let Some(key) = &self.key else {
                    return Err(ChainBreak::NoKey { seq: row.seq });
                };
                let given_key = key.fingerprint();
                let trail_key = row.key_id.clone().unwrap_or_default();
                if self.first_keyed.is_none() && trail_key != given_key {
                    return Err(ChainBreak::WrongKey {
                        seq: row.seq,
                        trail_key,
                        given_key,
                    });
                }
                if trail_key != given_key || keyed_mac_of(key, row) != row.hash {
                    return Err(altered);
                }
                self.first_keyed.get_or_insert(row.seq);
            }
            None => return Err(altered),
        }
        Ok(())
    }

    /// Why a row at `seq` must be keyed, if it must.
    fn keyed_since(&self, seq: i64) -> Option<KeyedSince> {
        if let Some(first) = self.first_keyed {
            return Some(KeyedSince::Row(first));
        }
        self.keyed_since_anchor
            .as_ref()
            .filter(|first| seq > first.anchor.seq)
            .map(|first| KeyedSince::Anchor {
                seq: first.anchor.seq,
                at: first.anchor.at.clone(),
            })
    }

    fn check_anchors_at(&mut self, row: &AuditRow) {
        if let Some(anchors) = self.anchors.remove(&row.seq) {
            for placed in anchors {
                if placed.anchor.head != row.hash {
                    self.anchor_problems.push(AnchorProblem::Rewritten {
                        anchor: placed.anchor,
                        file: placed.file,
                        line: placed.line,
                    });
                }
            }
        }
    }

    /// Ends the walk. When it reached the end of the trail (`complete`), anchors beyond the
    /// last row name missing rows (the highest one is reported), and an anchor of the empty
    /// trail must have the genesis head.
    pub fn finish(&mut self, complete: bool) {
        if !complete {
            return;
        }
        if let Some(empty) = self.anchors.remove(&0) {
            for placed in empty {
                if placed.anchor.head != GENESIS_HASH {
                    self.anchor_problems.push(AnchorProblem::Rewritten {
                        anchor: placed.anchor,
                        file: placed.file,
                        line: placed.line,
                    });
                }
            }
        }
        let beyond = self.anchors.split_off(&(self.last_seq + 1));
        if let Some((_, placed)) = beyond.into_iter().next_back()
            && let Some(highest) = placed.into_iter().next()
        {
            self.anchor_problems.push(AnchorProblem::RowsMissing {
                last_seq: self.last_seq,
                anchor: highest.anchor,
                file: highest.file,
                line: highest.line,
            });
        }
    }

    pub fn rows_checked(&self) -> u64 {
        self.checked
    }

    pub fn last_seq(&self) -> i64 {
        self.last_seq
    }

    pub fn first_keyed_seq(&self) -> Option<i64> {
        self.first_keyed
    }

    /// Anchor lines that checked out.
    pub fn valid_anchors(&self) -> usize {
        self.valid_anchors
    }

    pub fn anchor_problems(&self) -> &[AnchorProblem] {
        &self.anchor_problems
    }
}

/// Outcome of walking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    pub rows_checked: u64,
    pub last_seq: i64,
    /// The first keyed row, if the trail has any.
    pub first_keyed_seq: Option<i64>,
    /// The first break in the rows, or `None` when the chain is intact.
    pub first_break: Option<ChainBreak>,
    /// Problems found through the anchor files (none checked when the key is missing or
    /// wrong).
    pub anchor_problems: Vec<AnchorProblem>,
    /// Anchor lines that checked out.
    pub anchors_checked: usize,
    /// The fingerprint of the key verification used.
    pub key_fingerprint: Option<String>,
    /// Whether the database still refuses UPDATE and DELETE on the tables.
    pub guard_installed: bool,
}

impl VerifyReport {
    pub fn is_intact(&self) -> bool {
        self.first_break.is_none() && self.anchor_problems.is_empty() && self.guard_installed
    }
}

impl App {
    /// Recomputes the whole chain, checks the key and the anchors of this application's
    /// anchor file, and names the first problem of each kind.
    pub async fn verify_audit(&self) -> AppResult<VerifyReport> {
        self.verify_audit_with(&[]).await
    }

    /// Like [`App::verify_audit`], also checking the anchor files of other servers.
    pub async fn verify_audit_with(
        &self,
        other_anchor_files: &[PathBuf],
    ) -> AppResult<VerifyReport> {
        let key = self.db.audit_key().cloned();
        let mut verifier = ChainVerifier::new(key.clone());
        let own_file = self.anchors.as_ref().map(|file| file.path().to_owned());
        let mut own_file_missing = false;
        if let Some(key) = &key {
            for (index, path) in own_file.iter().chain(other_anchor_files).enumerate() {
                match read_anchor_file(path, key) {
                    Ok(Some(lines)) => verifier.add_anchor_lines(lines),
                    Ok(None) if index == 0 && own_file.is_some() => own_file_missing = true,
                    Ok(None) => verifier.add_anchor_problem(AnchorProblem::Unreadable {
                        file: path.clone(),
                        error: "it does not exist".into(),
                    }),
                    Err(error) => verifier.add_anchor_problem(AnchorProblem::Unreadable {
                        file: path.clone(),
                        error: error.to_string(),
                    }),
                }
            }
        }
        let mut tx = self.db.read().await?;
        let report = walk_chain(tx.as_mut(), verifier, key, own_file, own_file_missing).await?;
        tx.commit().await?;
        Ok(report)
    }
}

/// Verifies the trail inside a transaction the caller holds, with `key` and the anchor
/// file `anchor_file` (if any): `hamyar backup` checks the snapshot it copies, and
/// `hamyar restore` checks the restored trail before it commits it. The same walk as
/// [`App::verify_audit_with`].
pub async fn verify_audit_in(
    tx: &mut dyn Tx,
    key: Option<AuditKey>,
    anchor_file: Option<&Path>,
) -> AppResult<VerifyReport> {
    let mut verifier = ChainVerifier::new(key.clone());
    let mut file_missing = false;
    if let (Some(key), Some(path)) = (&key, anchor_file) {
        match read_anchor_file(path, key) {
            Ok(Some(lines)) => verifier.add_anchor_lines(lines),
            Ok(None) => file_missing = true,
            Err(error) => verifier.add_anchor_problem(AnchorProblem::Unreadable {
                file: path.to_owned(),
                error: error.to_string(),
            }),
        }
    }
    walk_chain(
        tx,
        verifier,
        key,
        anchor_file.map(Path::to_owned),
        file_missing,
    )
    .await
}

/// Walks the whole chain in `tx` with a verifier that holds the anchors already read.
async fn walk_chain(
    tx: &mut dyn Tx,
    mut verifier: ChainVerifier,
    key: Option<AuditKey>,
    own_file: Option<PathBuf>,
    own_file_missing: bool,
) -> AppResult<VerifyReport> {
    let guard_installed = tx.audit_guard_installed().await?;
    let mut first_break = None;
    'walk: loop {
        let rows = tx
            .audit_chain_after(verifier.last_seq(), VERIFY_BATCH)
            .await?;
        if rows.is_empty() {
            break;
        }
        for row in &rows {
            if let Err(broken) = verifier.check(row) {
                first_break = Some(broken);
                break 'walk;
            }
        }
    }
    verifier.finish(first_break.is_none());
    let mut anchor_problems = verifier.anchor_problems().to_vec();
    if let (true, Some(file)) = (own_file_missing, &own_file)
        && verifier.first_keyed_seq().is_some()
    {
        anchor_problems.insert(0, AnchorProblem::FileMissing { file: file.clone() });
    }
    if matches!(
        first_break,
        Some(ChainBreak::WrongKey { .. } | ChainBreak::NoKey { .. })
    ) {
        anchor_problems.clear();
    }
    let anchors_checked = verifier.valid_anchors();
    Ok(VerifyReport {
        rows_checked: verifier.rows_checked(),
        last_seq: verifier.last_seq(),
        first_keyed_seq: verifier.first_keyed_seq(),
        first_break,
        anchor_problems,
        anchors_checked,
        key_fingerprint: key.map(|k| k.fingerprint()),
        guard_installed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::PlaceId;
    use crate::audit::anchor::check_line;
    use crate::audit_seal::chain::{chain_hash, seal};
    use crate::ports::{AuditSubject, NewAuditRow};

    fn new_row(action: &str) -> NewAuditRow {
        NewAuditRow {
            at: jiff::Timestamp::UNIX_EPOCH,
            actor_user_id: Some(crate::access::UserId::new(1)),
            actor_name: "admin".into(),
            action: action.into(),
            entity_kind: "user".into(),
            entity_id: "2".into(),
            province_id: Some(PlaceId::new(18)),
            county_id: None,
            before: None,
            after: Some("{\"username\":\"x\"}".into()),
            subjects: Vec::new(),
        }
    }

    const AT: &str = "2026-11-28T10:00:00.000Z";

    /// A stored row sealed with `key`, or with the first scheme when `key` is `None`.
    fn stored(seq: i64, row: &NewAuditRow, prev: &str, key: Option<&AuditKey>) -> AuditRow {
        let (mac_scheme, key_id, hash) = match key {
            Some(key) => {
                let sealed = seal(key, seq, AT, row, prev);
                (sealed.mac_scheme, Some(sealed.key_id), sealed.hash)
            }
            None => (MacScheme::Sha256, None, chain_hash(seq, AT, row, prev)),
        };
        AuditRow {
            seq,
            at: AT.into(),
            actor_user_id: row.actor_user_id,
            actor_name: row.actor_name.clone(),
            action: row.action.clone(),
            entity_kind: row.entity_kind.clone(),
            entity_id: row.entity_id.clone(),
            province_id: row.province_id,
            county_id: row.county_id,
            before: row.before.clone(),
            after: row.after.clone(),
            mac_scheme: mac_scheme.as_str().into(),
            key_id,
            subjects: row.subjects.clone(),
            prev_hash: prev.into(),
            hash,
        }
    }

    /// `unkeyed` rows of the first scheme, then `keyed` rows sealed with `key`.
    fn trail(unkeyed: i64, keyed: i64, key: &AuditKey) -> Vec<AuditRow> {
        let mut rows: Vec<AuditRow> = Vec::new();
        for seq in 1..=unkeyed + keyed {
            let prev = rows
                .last()
                .map_or(GENESIS_HASH.to_owned(), |r| r.hash.clone());
            let sealing = (seq > unkeyed).then_some(key);
            rows.push(stored(seq, &new_row(&format!("a.{seq}")), &prev, sealing));
        }
        rows
    }

    /// Recomputes every row from `from` on with the first scheme, as a script knowing only
    /// the old code would (optionally also marking the rows unkeyed).
    fn recompute_unkeyed(rows: &mut [AuditRow], mark_unkeyed: bool) {
        let mut prev = GENESIS_HASH.to_owned();
        for row in rows.iter_mut() {
            row.prev_hash = prev.clone();
            if mark_unkeyed {
                row.mac_scheme = MacScheme::Sha256.as_str().into();
                row.key_id = None;
            }
            row.hash = legacy_hash_of(row);
            prev = row.hash.clone();
        }
    }

    fn verify_with(rows: &[AuditRow], key: Option<&AuditKey>) -> Result<u64, ChainBreak> {
        let mut verifier = ChainVerifier::new(key.cloned());
        for row in rows {
            verifier.check(row)?;
        }
        Ok(verifier.rows_checked())
    }

    fn anchor_line(key: &AuditKey, row: &AuditRow) -> String {
        Anchor {
            at: "2026-11-28T11:00:00.000Z".into(),
            seq: row.seq,
            head: row.hash.clone(),
            key_id: key.fingerprint(),
        }
        .line(key)
    }

    fn with_anchors(key: &AuditKey, lines: &[String]) -> ChainVerifier {
        let mut verifier = ChainVerifier::new(Some(key.clone()));
        verifier.add_anchor_lines(
            lines
                .iter()
                .enumerate()
                .map(|(index, line)| ReadAnchor {
                    file: "hamyar.audit-anchors".into(),
                    line: index + 1,
                    status: check_line(line, key),
                })
                .collect(),
        );
        verifier
    }

    fn walk(
        mut verifier: ChainVerifier,
        rows: &[AuditRow],
    ) -> (Option<ChainBreak>, Vec<AnchorProblem>) {
        let mut first_break = None;
        for row in rows {
            if let Err(broken) = verifier.check(row) {
                first_break = Some(broken);
                break;
            }
        }
        verifier.finish(first_break.is_none());
        (first_break, verifier.anchor_problems().to_vec())
    }

    #[test]
    fn an_untouched_unkeyed_chain_verifies() {
        let key = AuditKey::generate();
        assert_eq!(verify_with(&trail(5, 0, &key), None), Ok(5));
    }

    #[test]
    fn old_unkeyed_rows_then_keyed_rows_verify() {
        let key = AuditKey::generate();
        assert_eq!(verify_with(&trail(3, 4, &key), Some(&key)), Ok(7));
    }

    #[test]
    fn an_edited_row_is_named() {
        let key = AuditKey::generate();
        let mut rows = trail(2, 3, &key);
        rows[1].after = Some("{\"username\":\"y\"}".into());
        rows[3].after = Some("{\"username\":\"y\"}".into());
        assert_eq!(
            verify_with(&rows, Some(&key)),
            Err(ChainBreak::Altered { seq: 2 })
        );
        let mut keyed = trail(0, 5, &key);
        keyed[2].actor_name = "someone else".into();
        assert_eq!(
            verify_with(&keyed, Some(&key)),
            Err(ChainBreak::Altered { seq: 3 })
        );
    }

    #[test]
    fn a_removed_row_is_named() {
        let key = AuditKey::generate();
        let mut rows = trail(0, 5, &key);
        rows.remove(1);
        assert_eq!(
            verify_with(&rows, Some(&key)),
            Err(ChainBreak::Removed {
                expected_seq: 2,
                found_seq: 3
            })
        );
    }

    #[test]
    fn a_rehashed_unkeyed_edit_breaks_the_link_to_the_next_row() {
        let key = AuditKey::generate();
        let mut rows = trail(4, 0, &key);
        rows[1].actor_name = "someone else".into();
        rows[1].hash = legacy_hash_of(&rows[1]);
        assert_eq!(
            verify_with(&rows, None),
            Err(ChainBreak::Unlinked { seq: 3 })
        );
    }

    #[test]
    fn a_keyed_trail_recomputed_with_plain_sha256_fails_at_its_first_keyed_row() {
        let key = AuditKey::generate();
        let mut rows = trail(2, 4, &key);
        rows.remove(3);
        for (index, row) in rows.iter_mut().enumerate() {
            row.seq = index as i64 + 1;
        }
        recompute_unkeyed(&mut rows, false);
        assert_eq!(
            verify_with(&rows, Some(&key)),
            Err(ChainBreak::Altered { seq: 3 })
        );
    }

    #[test]
    fn keyed_rows_passed_off_as_unkeyed_fail_after_the_first_anchor() {
        let key = AuditKey::generate();
        let rows = trail(0, 5, &key);
        let first_anchor = Anchor {
            at: "2026-11-28T09:00:00.000Z".into(),
            seq: 0,
            head: GENESIS_HASH.into(),
            key_id: key.fingerprint(),
        }
        .line(&key);
        let mut forged = rows.clone();
        forged.remove(2);
        for (index, row) in forged.iter_mut().enumerate() {
            row.seq = index as i64 + 1;
        }
        recompute_unkeyed(&mut forged, true);
        let (first_break, _) = walk(with_anchors(&key, &[first_anchor]), &forged);
        assert_eq!(
            first_break,
            Some(ChainBreak::Unkeyed {
                seq: 1,
                keyed_since: KeyedSince::Anchor {
                    seq: 0,
                    at: "2026-11-28T09:00:00.000Z".into()
                }
            })
        );
    }

    #[test]
    fn an_unkeyed_row_after_a_keyed_one_is_a_break() {
        let key = AuditKey::generate();
        let mut rows = trail(1, 2, &key);
        let prev = rows[2].hash.clone();
        rows.push(stored(4, &new_row("late"), &prev, None));
        assert_eq!(
            verify_with(&rows, Some(&key)),
            Err(ChainBreak::Unkeyed {
                seq: 4,
                keyed_since: KeyedSince::Row(2)
            })
        );
    }

    #[test]
    fn a_wrong_key_is_named_as_such() {
        let key = AuditKey::generate();
        let other = AuditKey::generate();
        let rows = trail(2, 3, &key);
        assert_eq!(
            verify_with(&rows, Some(&other)),
            Err(ChainBreak::WrongKey {
                seq: 3,
                trail_key: key.fingerprint(),
                given_key: other.fingerprint()
            })
        );
        assert_eq!(verify_with(&rows, None), Err(ChainBreak::NoKey { seq: 3 }));
    }

    #[test]
    fn subjects_removed_from_a_keyed_row_are_an_alteration() {
        let key = AuditKey::generate();
        let mut row = new_row("woman.view_in_list");
        row.subjects = vec![AuditSubject::woman(
            crate::ports::registry::WomanId::new(5),
            Some(PlaceId::new(18)),
            Some(PlaceId::new(1801)),
        )];
        let mut rows = vec![stored(1, &row, GENESIS_HASH, Some(&key))];
        assert_eq!(verify_with(&rows, Some(&key)), Ok(1));
        rows[0].subjects.clear();
        assert_eq!(
            verify_with(&rows, Some(&key)),
            Err(ChainBreak::Altered { seq: 1 })
        );
    }

    #[test]
    fn rows_removed_from_the_end_are_named_by_the_anchor() {
        let key = AuditKey::generate();
        let rows = trail(0, 8, &key);
        let anchor = anchor_line(&key, &rows[7]);
        let (first_break, problems) = walk(with_anchors(&key, &[anchor]), &rows[..5]);
        assert_eq!(first_break, None);
        assert!(
            matches!(
                &problems[..],
                [AnchorProblem::RowsMissing { last_seq: 5, anchor, line: 1, .. }] if anchor.seq == 8
            ),
            "{problems:?}"
        );
    }

    #[test]
    fn a_row_rewritten_after_its_anchor_is_named() {
        let key = AuditKey::generate();
        let rows = trail(0, 4, &key);
        let anchor = anchor_line(&key, &rows[3]);
        let mut rewritten = rows.clone();
        rewritten[3].after = None;
        rewritten[3].hash = keyed_mac_of(&key, &rewritten[3]);
        let (first_break, problems) = walk(with_anchors(&key, &[anchor]), &rewritten);
        assert_eq!(first_break, None);
        assert!(
            matches!(&problems[..], [AnchorProblem::Rewritten { anchor, .. }] if anchor.seq == 4),
            "{problems:?}"
        );
    }

    #[test]
    fn a_forged_anchor_line_is_named() {
        let key = AuditKey::generate();
        let rows = trail(0, 4, &key);
        let genuine = anchor_line(&key, &rows[1]);
        let forged = genuine.replace("seq=2", "seq=3");
        let (_, problems) = walk(with_anchors(&key, &[genuine, forged]), &rows);
        assert!(
            matches!(&problems[..], [AnchorProblem::Forged { line: 2, .. }]),
            "{problems:?}"
        );
    }
}
