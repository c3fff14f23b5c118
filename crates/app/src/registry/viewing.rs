//! How showing a woman's personal data is recorded in the audit trail.
//!
//! The trail should count real disclosures: each time a person is shown a woman's identifying
//! data, one row, and nothing for drawing again a page that person already has in front of
//! them. Every row names the woman as its entity (`woman`, her id) and carries her province
//! and county, so an auditor finds every disclosure of one woman with the subject filter, and
//! a provincial auditor sees the rows of the women in their province. Three kinds:
//!
//! - **`woman.view`**: her file was opened (a GET of the file page). Exactly one row per
//!   opening.
//! - **`woman.view_for_edit`**: the edit form was opened. The form shows her whole record
//!   (national ID, mobile, address, Sheba, notes) and can be reached without opening the file
//!   first, so a privacy auditor needs it; it has a kind of its own so that counting
//!   `woman.view` still counts openings of her file, and an auditor can tell "read her file"
//!   from "opened her record to change it". A refused edit is drawn again from what was
//!   typed, not from the stored record, so it writes no row.
//! - **`woman.view_in_duplicates`**: the duplicate review queue showed her (name, birth date,
//!   national ID and mobile — masked for roles that see masked lists). One row per woman shown
//!   on a page, listing the candidate pairs she was shown in and whether identifiers were
//!   masked. One row per pair, or per page, would name a pair or a page instead of the women:
//!   the subject filter could not find them, and a pair whose two women live in different
//!   counties could not be given to each county's auditor.
//! - **`woman.view_in_list`**: a page of the registry list or search showed women with
//!   their national ID and mobile unmasked (roles with `SeeUnmaskedLists`; masked pages
//!   write nothing). One row per page shown, naming every woman on it as a subject with her
//!   place ([`crate::audit::shown`]), so the subject filter finds the page under each of
//!   them; its `after` holds their ids, the page number, what was searched for and the
//!   filters. A list is not a file: it is one row per page, not per woman, and no redraw
//!   rule applies (every page drawn is shown).
//!
//! A refused form on the file page (or a refused merge on the queue) draws the page again:
//! [`Showing::Redraw`]. A redraw writes no row when the trail already holds a showing of the
//! same kind of the same woman to the same person within the longest a session may last
//! (`session_max_hours`) — the page the form was posted from. When it holds none, the redraw
//! is a real disclosure (a form posted without the page having been shown) and is recorded
//! like an opening, so a crafted failing request cannot read a file unrecorded.

use jiff::SignedDuration;

use crate::access::Actor;
use crate::audit::shown::common_place;
use crate::clock::storage_timestamp;
use crate::error::AppResult;
use crate::ports::registry::{WomanId, WomanRow};
use crate::ports::{AuditFilter, AuditSubject, Tx};
use crate::service::{App, AuditEntry};

/// Her file was opened.
pub const FILE_VIEW: &str = "woman.view";
/// Her record was opened in the edit form.
pub const EDIT_VIEW: &str = "woman.view_for_edit";
/// The duplicate review queue showed her.
pub const DUPLICATE_VIEW: &str = "woman.view_in_duplicates";
/// A page of the registry list showed her unmasked.
pub const LIST_VIEW: &str = "woman.view_in_list";

/// Why a page showing a woman's data is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Showing {
    /// The person asked for the page: always recorded.
    Opening,
    /// The page is drawn again because a form on it was refused: recorded only when the
    /// person was not shown the same thing within the longest session.
    Redraw,
}

impl App {
    /// Whether this showing of `woman` must be recorded.
    pub(crate) async fn must_record(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        action: &str,
        woman: WomanId,
        showing: Showing,
    ) -> AppResult<bool> {
        Ok(match showing {
            Showing::Opening => true,
            Showing::Redraw => !self.shown_recently(tx, actor, action, woman).await?,
        })
    }

    /// Whether the trail holds an `action` row of `woman` by `actor` within the longest
    /// session.
    async fn shown_recently(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        action: &str,
        woman: WomanId,
    ) -> AppResult<bool> {
        let since = self.now() - SignedDuration::from_hours(self.settings.session_max_hours);
        let filter = AuditFilter {
            actor_user_id: actor.user_id,
            actor_name: actor.user_id.is_none().then(|| actor.username.clone()),
            action: Some(action.to_owned()),
            entity_kind: Some("woman".to_owned()),
            entity_id: Some(woman.to_string()),
            from: Some(storage_timestamp(since)),
            limit: 1,
            ..AuditFilter::default()
        };
        Ok(!tx.audit_page(&filter).await?.is_empty())
    }

    /// Appends the row of one showing of `woman`; `detail` says what was shown, when more
    /// than her file.
    pub(crate) async fn record_showing(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        action: &str,
        woman: &WomanRow,
        detail: Option<serde_json::Value>,
    ) -> AppResult<()> {
        self.audit_in_tx(
            tx,
            AuditEntry {
                actor,
                action,
                entity_kind: "woman",
                entity_id: woman.id.to_string(),
                province_id: Some(woman.record.province_id),
                county_id: Some(woman.record.county_id),
                before: None,
                after: detail,
            },
        )
        .await
    }

    /// Appends, in a transaction of its own, the row of one list page that showed
    /// `subjects` unmasked; `detail` says which page and what was asked for.
    pub(crate) async fn record_list_view(
        &self,
        actor: &Actor,
        subjects: Vec<AuditSubject>,
        detail: serde_json::Value,
    ) -> AppResult<()> {
        let (province_id, county_id) = common_place(&subjects);
        let mut tx = self.db.write().await?;
        self.audit_with_subjects_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: LIST_VIEW,
                entity_kind: "woman_list",
                entity_id: String::new(),
                province_id,
                county_id,
                before: None,
                after: Some(detail),
            },
            subjects,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
