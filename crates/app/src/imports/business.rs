//! Business-month rows: a group's own bookkeeping for one Jalali month, through the business
//! form's use-case (amounts in rials, Persian digits and thousands separators accepted by its
//! rules). One record per group and month: a month already recorded is present and skipped —
//! an import never replaces a month, as the form would. What each member earned is not read
//! from files yet (the form's payments need each woman's row; see `docs/DESIGN.md`).

use hamyar_domain::group_life::BusinessInput;

use super::lookup::existing_group;
use super::{HistoryRow, RowOutcome, RowRefusal, RowResult, split};
use crate::access::Actor;
use crate::error::AppError;
use crate::ports::Tx;
use crate::service::App;

pub(super) const COLUMNS: &[&str] = &[
    "group_code",
    "year",
    "month",
    "revenue",
    "costs",
    "members_working",
    "people_hired",
    "channels",
    "channel_other",
];

/// The form's fields are named as the columns.
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
    let number = |key: &str| {
        hamyar_domain::to_latin_digits(row.get(key))
            .parse::<i64>()
            .ok()
    };
    if let (Some(year), Some(month)) = (number("year"), number("month")) {
        let present = tx
            .business_month(group.id, year, month)
            .await
            .map_err(|error| refused(error.into()))?;
        if present.is_some() {
            return Ok(RowOutcome::AlreadyPresent("month"));
        }
    }
    let input = BusinessInput {
        year: row.get("year").to_owned(),
        month: row.get("month").to_owned(),
        revenue: row.get("revenue").to_owned(),
        costs: row.get("costs").to_owned(),
        members_working: row.get("members_working").to_owned(),
        people_hired: row.get("people_hired").to_owned(),
        channels: split(row.get("channels"), &['،', ',', '\n']),
        channel_other: row.get("channel_other").to_owned(),
        payments: Vec::new(),
    };
    app.record_business_month_in_tx(tx, actor, group.id, &input)
        .await
        .map_err(refused)?;
    Ok(RowOutcome::Imported)
}
