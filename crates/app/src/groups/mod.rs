//! Hamyar groups in the application: forming and editing a group, moving it through its
//! lifecycle, its members, its social worker and facilitator, the provincial settings that
//! shape it, the reference lists it draws on, and the lists and counts that reports use.
//!
//! Every use-case checks the actor's permission, loads the group only within the actor's
//! place ([`group_in_scope`] answers `NotFound` outside it, never saying whether the group
//! exists), validates with `hamyar_domain::groups`, writes in one transaction with its audit
//! row, and commits. Questions about the past ("active on a date", "registered in a year")
//! are answered from the stage history, not from the group's current stage.
//!
//! - `forming`: create and edit a group, and the choices its form offers.
//! - `lifecycle`: stage moves and the report questions built on the history.
//! - `members`: joining and leaving, with the overlap rule.
//! - `staff`: the social worker and facilitator, with their history.
//! - `listing`: the list of groups with filters and counts by stage; the group's page.
//! - `settings`: a province's size limits and whether women may be in two groups at once.
//! - `reference`: supervising units and business fields.

mod forming;
mod lifecycle;
mod listing;
mod members;
mod reference;
mod settings;
mod staff;

pub use forming::GroupFormOptions;
pub use lifecycle::{StageInput, StageReport};
pub use listing::{GroupListFilter, GroupListPage, GroupListRow, GroupPage, MemberLine};
pub(crate) use listing::{field_label, group_search};
pub(crate) use reference::scope_filter;
pub use settings::GroupSettings;
pub use staff::StaffInput;

use hamyar_domain::registry::Problem;

use crate::access::Actor;
use crate::error::{AppError, FieldError};
use crate::ports::Tx;
use crate::ports::groups::{GroupId, GroupRow};

/// Loads a group if it exists and lies in the actor's scope; otherwise `NotFound`.
pub(crate) async fn group_in_scope(
    tx: &mut dyn Tx,
    actor: &Actor,
    id: GroupId,
) -> Result<GroupRow, AppError> {
    let row = tx.group_by_id(id).await?.ok_or(AppError::NotFound)?;
    if !actor
        .scope
        .covers(Some(row.record.province_id), Some(row.record.county_id))
    {
        return Err(AppError::NotFound);
    }
    Ok(row)
}

/// Domain problems as field errors of a form.
pub(crate) fn invalid(problems: Vec<Problem>) -> AppError {
    AppError::Invalid(
        problems
            .into_iter()
            .map(|p| FieldError::new(p.field, p.message))
            .collect(),
    )
}
