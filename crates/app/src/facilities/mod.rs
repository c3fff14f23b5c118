//! A woman's facility history and the double-support warning (issue 5).
//!
//! The history holds every grant and loan she received: from this programme, written by the
//! grants code inside its approval transaction ([`programme`]), and from other bodies,
//! declared by a social worker or an expert on her file ([`declare`]). Before a new grant or
//! loan the office is warned when she already received support within her province's window
//! ([`warnings`], window in [`settings`]); a reversed programme tranche is withdrawn, not
//! deleted, and no longer counts.
//!
//! Declaring needs `RegisterWomen` and reading `ViewPersonalData` + `ViewRegistry`; both are
//! limited to women in the actor's place (others are `NotFound`). Reading the history is a
//! disclosure of her record and is audited like opening her file, as a kind of its own
//! (`woman.view_facilities`, see [`history`] and `crate::registry::viewing`).

pub mod declare;
pub mod history;
pub mod programme;
pub mod settings;
pub mod warnings;

use hamyar_domain::facilities::{FacilityBody, FacilityKind, FacilitySource};
use hamyar_domain::{JalaliDate, Rials};
use jiff::Timestamp;
use serde_json::json;

use crate::error::AppResult;
use crate::ports::StoreError;
use crate::ports::facilities::FacilityRow;
use crate::ports::groups::GroupId;
use crate::ports::registry::{WomanId, WomanRow};

pub use programme::ProgrammeSupport;
pub use warnings::SupportWarning;

/// One grant or loan of a woman's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacilityEntry {
    pub id: i64,
    pub woman_id: WomanId,
    pub source: FacilitySource,
    pub body: FacilityBody,
    /// The body's name as typed (always given for "other").
    pub body_name: String,
    pub kind: FacilityKind,
    pub amount: Rials,
    pub granted_on: JalaliDate,
    /// The group it went through, with its name.
    pub group: Option<(GroupId, String)>,
    pub grant_tranche_id: Option<crate::ports::grants::TrancheId>,
    pub note: String,
    /// Set when a programme tranche was reversed; a withdrawn entry is history only.
    pub withdrawn_on: Option<JalaliDate>,
    pub recorded_by_name: String,
    pub recorded_at: Timestamp,
}

fn corrupt(detail: String) -> StoreError {
    StoreError::Corrupt {
        table: "woman_facilities",
        detail,
    }
}

fn code<T>(text: &str, parse: impl Fn(&str) -> Option<T>) -> AppResult<T> {
    Ok(parse(text).ok_or_else(|| corrupt(format!("unknown code {text:?}")))?)
}

impl FacilityEntry {
    pub(crate) fn from_row(row: FacilityRow) -> AppResult<FacilityEntry> {
        Ok(FacilityEntry {
            id: row.id,
            woman_id: row.woman_id,
            source: code(&row.source, FacilitySource::parse)?,
            body: code(&row.body, FacilityBody::parse)?,
            kind: code(&row.kind, FacilityKind::parse)?,
            amount: Rials::new(row.amount_rials),
            granted_on: row.granted_on,
            group: row
                .group_id
                .map(|id| (id, row.group_name.unwrap_or_default())),
            grant_tranche_id: row.grant_tranche_id,
            withdrawn_on: row.withdrawn_on,
            body_name: row.body_name,
            note: row.note,
            recorded_by_name: row.recorded_by_name,
            recorded_at: row.recorded_at,
        })
    }
}

/// What the audit trail keeps of a facility row.
pub(crate) fn snapshot(id: i64, row: &FacilityRow) -> serde_json::Value {
    json!({
        "facility_id": id,
        "source": row.source,
        "body": row.body,
        "body_name": row.body_name,
        "kind": row.kind,
        "amount_rials": row.amount_rials,
        "granted_on": row.granted_on.to_iso_string(),
        "group_id": row.group_id,
        "grant_tranche_id": row.grant_tranche_id,
        "note": row.note,
        "withdrawn_on": row.withdrawn_on.map(|day| day.to_iso_string()),
    })
}

/// The woman's name as lists and warnings show it.
pub(crate) fn display_name(woman: &WomanRow) -> String {
    format!("{} {}", woman.record.first_name, woman.record.last_name)
        .trim()
        .to_owned()
}
