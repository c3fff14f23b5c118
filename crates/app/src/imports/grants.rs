//! Grant rows: a working-capital grant of the province's year as its office kept it, one row
//! per grant — its recipient (a group by code, or a woman by national ID), its purpose, the
//! release conditions its tranches carried, and up to four tranches, each with its amount,
//! planned day and, when decided on paper, the days it was approved and paid. The grant is
//! proposed through the grant form's use-case by the importer (its total is the tranches'
//! sum); each tranche approved on paper waits in the import's history batch for a second
//! person, who confirms it through the approve and pay use-cases — the release conditions
//! and double support are judged then, on the paper's days.
//!
//! The line is the recipient county's grant line of the year of the first tranche's
//! planned day, or the province's when the county has none. A grant is *already present*
//! when its recipient has a grant of that year with the same purpose (folded) and total
//! that was not rejected or cancelled.

use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::grants::{GrantFormInput, GrantStatus, TrancheFormInput};
use hamyar_domain::{JalaliDate, Message, NationalId, search_key};

use super::lookup::existing_group;
use super::paper::{BatchSlot, paper_dates_of};
use super::{HistoryRow, RowOutcome, RowRefusal, RowResult, split};
use crate::access::{Actor, PlaceId};
use crate::error::{AppError, AppResult};
use crate::grants::GrantInput;
use crate::ports::Tx;
use crate::ports::grants::GrantFilter;
use crate::ports::groups::GroupId;
use crate::ports::history::PaperDecisionRow;
use crate::ports::registry::WomanId;
use crate::service::App;

/// The most tranches a row carries (the form allows six; offices' grants have one to three).
const TRANCHES: usize = 4;

const AMOUNT: [&str; TRANCHES] = [
    "tranche_1_amount",
    "tranche_2_amount",
    "tranche_3_amount",
    "tranche_4_amount",
];
const PLANNED: [&str; TRANCHES] = [
    "tranche_1_planned_on",
    "tranche_2_planned_on",
    "tranche_3_planned_on",
    "tranche_4_planned_on",
];
const APPROVED: [&str; TRANCHES] = [
    "tranche_1_approved_on",
    "tranche_2_approved_on",
    "tranche_3_approved_on",
    "tranche_4_approved_on",
];
const PAID: [&str; TRANCHES] = [
    "tranche_1_paid_on",
    "tranche_2_paid_on",
    "tranche_3_paid_on",
    "tranche_4_paid_on",
];

pub(super) const COLUMNS: &[&str] = &[
    "group_code",
    "national_id",
    "purpose",
    "conditions",
    "tranche_1_amount",
    "tranche_1_planned_on",
    "tranche_1_approved_on",
    "tranche_1_paid_on",
    "tranche_2_amount",
    "tranche_2_planned_on",
    "tranche_2_approved_on",
    "tranche_2_paid_on",
    "tranche_3_amount",
    "tranche_3_planned_on",
    "tranche_3_approved_on",
    "tranche_3_paid_on",
    "tranche_4_amount",
    "tranche_4_planned_on",
    "tranche_4_approved_on",
    "tranche_4_paid_on",
    "approver",
];

/// The grant form's fields and the columns they are read from (the form's tranches 1–4 are
/// the row's; its conditions are the row's one cell).
const FIELDS: &[(&str, &str)] = &[
    ("group_id", "group_code"),
    ("recipient", "group_code"),
    ("line_id", "purpose"),
    ("total", "tranche_1_amount"),
    ("tranches", "tranche_1_amount"),
    ("tranche_1_conditions", "conditions"),
    ("tranche_2_conditions", "conditions"),
    ("tranche_3_conditions", "conditions"),
    ("tranche_4_conditions", "conditions"),
];

fn refused(error: AppError) -> RowRefusal {
    RowRefusal {
        error,
        fields: FIELDS,
    }
}

/// Who the row names: a group by code or a woman by national ID, with the place to find
/// the line at.
struct Recipient {
    group_id: Option<GroupId>,
    woman_id: Option<WomanId>,
    province_id: PlaceId,
    county_id: PlaceId,
}

async fn recipient(tx: &mut dyn Tx, actor: &Actor, row: &HistoryRow) -> AppResult<Recipient> {
    match (row.get("group_code"), row.get("national_id")) {
        (code, "") if !code.is_empty() => {
            let group = existing_group(tx, actor, code).await?;
            Ok(Recipient {
                group_id: Some(group.id),
                woman_id: None,
                province_id: group.record.province_id,
                county_id: group.record.county_id,
            })
        }
        ("", text) if !text.is_empty() => {
            let unknown = || {
                AppError::invalid(
                    "national_id",
                    Message::new("propose-woman_national_id_registered_area"),
                )
            };
            let national_id = NationalId::parse(text)
                .map_err(|error| AppError::invalid("national_id", error.message()))?;
            let woman = tx
                .woman_by_national_id(national_id.as_str())
                .await?
                .filter(|woman| woman.merged_into.is_none())
                .ok_or_else(unknown)?;
            let woman = match crate::registry::woman_in_scope(tx, actor, woman.id).await {
                Err(AppError::NotFound) => return Err(unknown()),
                other => other?,
            };
            Ok(Recipient {
                group_id: None,
                woman_id: Some(woman.id),
                province_id: woman.record.province_id,
                county_id: woman.record.county_id,
            })
        }
        _ => Err(AppError::invalid(
            "group_code",
            Message::new("propose-choose_one_recipient_group_woman"),
        )),
    }
}

/// The form's tranche rows, with the row's conditions on each.
fn tranche_inputs(row: &HistoryRow) -> Vec<TrancheFormInput> {
    let conditions = split(row.get("conditions"), &['،', ',', '؛', ';', '\n']);
    (0..TRANCHES)
        .map(|index| TrancheFormInput {
            amount: row.get(AMOUNT[index]).to_owned(),
            planned_on: row.get(PLANNED[index]).to_owned(),
            conditions: if row.get(AMOUNT[index]).is_empty() && row.get(PLANNED[index]).is_empty() {
                Vec::new()
            } else {
                conditions.clone()
            },
            visit_days: String::new(),
            training_share: String::new(),
        })
        .collect()
}

/// The grant line the row's grant is paid from: the recipient county's of the year, or the
/// province's.
async fn line_id(tx: &mut dyn Tx, recipient: &Recipient, year: i32) -> AppResult<String> {
    let category = BudgetCategory::Grant.code();
    let county = tx
        .budget_line_at(
            year,
            recipient.province_id,
            Some(recipient.county_id),
            category,
        )
        .await?;
    let line = match county {
        Some(line) => Some(line),
        None => {
            tx.budget_line_at(year, recipient.province_id, None, category)
                .await?
        }
    };
    line.map(|line| line.id.to_string()).ok_or_else(|| {
        AppError::invalid(
            "purpose",
            Message::new("imports-no_grant_line")
                .arg("year", hamyar_domain::MessageArg::digits(year)),
        )
    })
}

/// Whether the recipient already has this grant (same year, purpose and total, not
/// rejected or cancelled).
async fn present(
    tx: &mut dyn Tx,
    recipient: &Recipient,
    year: i32,
    purpose: &str,
    total: Option<i64>,
) -> AppResult<bool> {
    let grants = tx
        .search_grants(&GrantFilter {
            group_id: recipient.group_id,
            woman_id: recipient.woman_id,
            fiscal_year: Some(year),
            limit: 1000,
            ..GrantFilter::default()
        })
        .await?;
    let wanted = search_key(purpose);
    Ok(grants.iter().any(|listed| {
        let grant = &listed.grant;
        search_key(&grant.purpose) == wanted
            && Some(grant.total_rials) == total
            && !matches!(grant.status, GrantStatus::Rejected | GrantStatus::Cancelled)
    }))
}

fn total_of(row: &HistoryRow) -> Option<i64> {
    let mut total = 0_i64;
    for column in AMOUNT {
        if row.get(column).is_empty() {
            continue;
        }
        let amount = hamyar_domain::money::Rials::parse(row.get(column)).ok()?;
        total = total.checked_add(amount.value())?;
    }
    (total > 0).then_some(total)
}

pub(super) async fn import(
    app: &App,
    tx: &mut dyn Tx,
    actor: &Actor,
    row: &HistoryRow,
    batch: &mut BatchSlot,
) -> RowResult {
    let first_planned = JalaliDate::parse(row.get(PLANNED[0]))
        .map_err(|error| refused(AppError::invalid(PLANNED[0], error.message())))?;
    let mut decisions = Vec::new();
    for index in 0..TRANCHES {
        let paper = paper_dates_of(row, APPROVED[index], PAID[index]).map_err(refused)?;
        if paper.is_some() && row.get(AMOUNT[index]).is_empty() {
            return Err(refused(AppError::invalid(
                AMOUNT[index],
                Message::new("imports-decision_without_tranche"),
            )));
        }
        decisions.push(paper);
    }
    let recipient = recipient(tx, actor, row).await.map_err(refused)?;
    let year = first_planned.year();
    let total = total_of(row);
    if present(tx, &recipient, year, row.get("purpose"), total)
        .await
        .map_err(refused)?
    {
        return Ok(RowOutcome::AlreadyPresent("purpose"));
    }
    let input = GrantInput {
        line_id: line_id(tx, &recipient, year).await.map_err(refused)?,
        group_id: recipient
            .group_id
            .map(|id| id.to_string())
            .unwrap_or_default(),
        national_id: if recipient.woman_id.is_some() {
            row.get("national_id").to_owned()
        } else {
            String::new()
        },
        form: GrantFormInput {
            purpose: row.get("purpose").to_owned(),
            total: total.map(|t| t.to_string()).unwrap_or_default(),
            tranches: tranche_inputs(row),
        },
    };
    let grant_id = app
        .propose_grant_in_tx(tx, actor, &input)
        .await
        .map_err(refused)?;
    let tranches = tx
        .tranches_of(grant_id)
        .await
        .map_err(|error| refused(error.into()))?;
    // The form numbers the tranches in the order of its non-blank rows; so does the row.
    let written: Vec<usize> = (0..TRANCHES)
        .filter(|index| !row.get(AMOUNT[*index]).is_empty() || !row.get(PLANNED[*index]).is_empty())
        .collect();
    for (tranche, index) in tranches.iter().zip(written) {
        let Some(paper) = decisions[index].take() else {
            continue;
        };
        let batch_id = batch.id(app, tx, actor).await.map_err(refused)?;
        tx.insert_paper_decision(&PaperDecisionRow {
            id: 0,
            batch_id,
            row_number: i64::try_from(row.line).unwrap_or(i64::MAX),
            payment_id: None,
            tranche_id: Some(tranche.id),
            approved_on: paper.approved_on,
            paid_on: paper.paid_on,
            approver_name: paper.approver,
        })
        .await
        .map_err(|error| refused(error.into()))?;
    }
    Ok(RowOutcome::Imported)
}
