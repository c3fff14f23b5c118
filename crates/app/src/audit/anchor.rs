//! Writing anchors of the audit trail: when and where (`App::anchor_audit`). The line format
//! and the anchor file are in `crate::audit_seal::anchor`.

use std::path::Path;

use crate::audit_key::AuditKey;
pub use crate::audit_seal::anchor::*;
use crate::audit_seal::chain::GENESIS_HASH;
use crate::clock::storage_timestamp;
use crate::error::{AppError, AppResult};
use crate::service::App;

impl App {
    /// Where this application writes its anchors.
    pub fn with_audit_anchors(mut self, file: AnchorFile) -> Self {
        self.anchors = Some(file);
        self
    }

    pub fn audit_anchor_file(&self) -> Option<&AnchorFile> {
        self.anchors.as_ref()
    }

    /// Writes the trail's head to the anchor file (and the log) when `when` says so.
    /// Returns the anchor written, if any. Without an anchor file it does nothing.
    pub async fn anchor_audit(&self, when: AnchorWhen) -> AppResult<Option<Anchor>> {
        let (Some(file), Some(key)) = (self.anchors.as_ref(), self.db.audit_key()) else {
            return Ok(None);
        };
        let head = {
            let mut tx = self.db.read().await?;
            let head = tx.audit_head().await?;
            tx.commit().await?;
            head
        };
        let (seq, head) = head.unwrap_or_else(|| (0, GENESIS_HASH.to_owned()));
        let write = match when {
            AnchorWhen::Always => true,
            AnchorWhen::FileMissing => !file.path().exists(),
            AnchorWhen::HeadMoved => match file.last_seq() {
                Some(last) => last != seq,
                None => last_valid_seq(file.path(), key)? != Some(seq),
            },
        };
        if !write {
            return Ok(None);
        }
        let anchor = Anchor {
            at: storage_timestamp(self.now()),
            seq,
            head,
            key_id: key.fingerprint(),
        };
        append_line(file.path(), &anchor.line(key)).map_err(|error| {
            AppError::Internal(format!(
                "cannot write the audit anchor file {}: {error}",
                file.path().display()
            ))
        })?;
        file.remember(seq);
        tracing::info!(
            seq = anchor.seq,
            head = %anchor.head,
            key = %anchor.key_id,
            at = %anchor.at,
            "audit trail anchored"
        );
        Ok(Some(anchor))
    }
}

/// The `seq` of the file's last line made with this key, if any.
fn last_valid_seq(path: &Path, key: &AuditKey) -> AppResult<Option<i64>> {
    let lines = read_anchor_file(path, key).map_err(|error| {
        AppError::Internal(format!(
            "cannot read the audit anchor file {}: {error}",
            path.display()
        ))
    })?;
    Ok(lines
        .unwrap_or_default()
        .into_iter()
        .rev()
        .find_map(|read| match read.status {
            AnchorLine::Valid(anchor) => Some(anchor.seq),
            _ => None,
        }))
}
