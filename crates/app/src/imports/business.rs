//! Business-month rows: a group's own bookkeeping for one Jalali month, through the business
//! form's use-case (amounts in rials, Persian digits and thousands separators accepted by its
//! rules). One record per group and month: a month already recorded is present and skipped —
//! an import never replaces a month, as the form would. What each member earned is a cell of
//! `national ID = amount` pairs separated by «؛» (or lines); each woman must be a member of
//! the group (the form's rule then checks she was one in that month).

use hamyar_domain::group_life::{BusinessInput, PaymentInput};
use hamyar_domain::{Message, NationalId};

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
    "member_payments",
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
    let payments = member_payments(tx, group.id, row.get("member_payments")).await?;
    let input = BusinessInput {
        year: row.get("year").to_owned(),
        month: row.get("month").to_owned(),
        revenue: row.get("revenue").to_owned(),
        costs: row.get("costs").to_owned(),
        members_working: row.get("members_working").to_owned(),
        people_hired: row.get("people_hired").to_owned(),
        channels: split(row.get("channels"), &['،', ',', '\n']),
        channel_other: row.get("channel_other").to_owned(),
        payments,
    };
    app.record_business_month_in_tx(tx, actor, group.id, &input)
        .await
        .map_err(refused)?;
    Ok(RowOutcome::Imported)
}

/// The `national ID = amount` pairs of the cell as the form's payments, each woman found
/// among the group's members.
async fn member_payments(
    tx: &mut dyn Tx,
    group_id: crate::ports::groups::GroupId,
    cell: &str,
) -> Result<Vec<PaymentInput>, RowRefusal> {
    let pairs = split(cell, &['؛', ';', '\n']);
    if pairs.is_empty() {
        return Ok(Vec::new());
    }
    let members = tx
        .members_of_group(group_id)
        .await
        .map_err(|error| refused(error.into()))?;
    let mut payments = Vec::new();
    for pair in pairs {
        let (id, amount) = pair
            .split_once(['=', ':'])
            .map_or((pair.as_str(), ""), |(id, amount)| {
                (id.trim(), amount.trim())
            });
        let member = NationalId::parse(id)
            .ok()
            .and_then(|id| members.iter().find(|m| m.national_id == id.as_str()));
        let Some(member) = member else {
            return Err(refused(AppError::invalid(
                "member_payments",
                Message::new("imports-payment_not_a_member").arg("national_id", id),
            )));
        };
        payments.push(PaymentInput {
            woman_id: member.membership.woman_id.get(),
            amount: amount.to_owned(),
        });
    }
    Ok(payments)
}
