//! Visit rows: a monitoring visit of a group on its real date, through the visit form's
//! use-case (which also answers the open follow-ups of the group's earlier visits, so a
//! group's visits are best listed oldest first). A visit of the same group on the same day
//! is already present: skipped. The visitor is the name in the row; blank, the importer.
//! Requests are one per line or separated by «؛»; referrals are separated by «،» or commas.

use hamyar_domain::JalaliDate;
use hamyar_domain::group_life::VisitInput;

use super::lookup::existing_group;
use super::{HistoryRow, RowOutcome, RowRefusal, RowResult, split};
use crate::access::Actor;
use crate::error::AppError;
use crate::ports::Tx;
use crate::service::App;

pub(super) const COLUMNS: &[&str] = &[
    "group_code",
    "visited_on",
    "visitor_name",
    "purpose",
    "findings",
    "requests",
    "referrals",
    "referral_other",
    "follow_up_due",
];

/// The visit form's fields are named as the columns.
const FIELDS: &[(&str, &str)] = &[];

fn refused(error: AppError) -> RowRefusal {
    RowRefusal {
        error,
        fields: FIELDS,
    }
}

pub(super) async fn import(
    app: &App,
    tx: &mut dyn Tx,
    actor: &Actor,
    row: &HistoryRow,
) -> RowResult {
    let group = existing_group(tx, actor, row.get("group_code"))
        .await
        .map_err(refused)?;
    if let Ok(day) = JalaliDate::parse(row.get("visited_on")) {
        let visits = tx
            .visits_of(group.id)
            .await
            .map_err(|error| refused(error.into()))?;
        if visits.iter().any(|visit| visit.visited_on == day) {
            return Ok(RowOutcome::AlreadyPresent("visited_on"));
        }
    }
    let input = VisitInput {
        visited_on: row.get("visited_on").to_owned(),
        visitor_name: row.get("visitor_name").to_owned(),
        purpose: row.get("purpose").to_owned(),
        findings: row.get("findings").to_owned(),
        requests: split(row.get("requests"), &['\n', '؛', ';']),
        referrals: split(row.get("referrals"), &['،', ',', '\n']),
        referral_other: row.get("referral_other").to_owned(),
        follow_up_due: row.get("follow_up_due").to_owned(),
    };
    app.record_visit_in_tx(tx, actor, group.id, &input)
        .await
        .map_err(refused)?;
    Ok(RowOutcome::Imported)
}
