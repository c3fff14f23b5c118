//! Payment rows: a payment of the province's year as its office kept it — the budget line
//! (its category, and its county when it is a county's line), the payee, the amount, the day
//! it was spent, the groups and women it was for — proposed through the payment form's
//! use-case on that day, by the importer. When the row says it was approved on paper (and
//! perhaps paid), the decision waits in the import's history batch for a second person,
//! who confirms it on those days through the approve and pay use-cases (`history_batches`):
//! the importer alone never moves money.
//!
//! The line is found by the year of the day spent, the importer's province, the county
//! named (blank: the province's own line) and the category. A row's natural key is its
//! line, day, amount, payee and reference (folded, hashed into the payment's idempotency
//! key), so a re-run finds it *already present*; a payment whose batch was refused no
//! longer holds its key and is proposed again. A payment to a training provider may name
//! the course run it paid for by its code, as the form does.

use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::{JalaliDate, Message, search_key};
use sha2::{Digest, Sha256};

use super::paper::{BatchSlot, PaperDates, paper_dates};
use super::{HistoryRow, RowOutcome, RowRefusal, RowResult};
use crate::access::Actor;
use crate::error::{AppError, AppResult};
use crate::places::load_tree;
use crate::ports::Tx;
use crate::ports::budget::BudgetLineRow;
use crate::ports::history::PaperDecisionRow;
use crate::registry::women::resolve_county;
use crate::service::App;
use crate::spending::PaymentInput;

pub(super) const COLUMNS: &[&str] = &[
    "category",
    "county",
    "payee",
    "payee_kind",
    "amount",
    "spent_on",
    "reference",
    "description",
    "group_codes",
    "national_ids",
    "course_run",
    "approved_on",
    "paid_on",
    "approver",
];

/// The payment form's fields and the columns they are read from.
const FIELDS: &[(&str, &str)] = &[
    ("woman_national_ids", "national_ids"),
    ("course_run_code", "course_run"),
    ("budget_line_id", "category"),
    ("line_id", "category"),
];

fn refused(error: AppError) -> RowRefusal {
    RowRefusal {
        error,
        fields: FIELDS,
    }
}

/// The budget line the row names, in the importer's province.
async fn line_of_row(
    app: &App,
    tx: &mut dyn Tx,
    actor: &Actor,
    row: &HistoryRow,
    spent_on: JalaliDate,
) -> AppResult<BudgetLineRow> {
    let category = BudgetCategory::parse(row.get("category")).ok_or_else(|| {
        AppError::invalid("category", Message::new("imports-unknown_budget_category"))
    })?;
    let province = actor.scope.province().ok_or_else(|| {
        AppError::invalid("category", Message::new("imports-money_needs_a_province"))
    })?;
    let county = if row.get("county").is_empty() {
        None
    } else {
        let tree = load_tree(tx, &app.today().to_iso_string()).await?;
        let (_, county) = resolve_county(&tree, actor, row.get("county"))
            .map_err(|error| AppError::Invalid(vec![error]))?;
        Some(county)
    };
    tx.budget_line_at(spent_on.year(), province, county, category.code())
        .await?
        .ok_or_else(|| {
            AppError::invalid(
                "category",
                Message::new("imports-no_budget_line")
                    .arg("year", hamyar_domain::MessageArg::digits(spent_on.year())),
            )
        })
}

/// The natural key of a payment row, as its idempotency key.
fn natural_key(line: &BudgetLineRow, row: &HistoryRow, spent_on: JalaliDate) -> String {
    let mut hash = Sha256::new();
    for part in [
        line.id.to_string(),
        spent_on.to_iso_string(),
        hamyar_domain::to_latin_digits(row.get("amount")).replace([',', '٬', ' '], ""),
        search_key(row.get("payee")),
        search_key(row.get("reference")),
    ] {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    format!("history.payment.{}", &hex::encode(hash.finalize())[..32])
}

pub(super) async fn import(
    app: &App,
    tx: &mut dyn Tx,
    actor: &Actor,
    row: &HistoryRow,
    batch: &mut BatchSlot,
) -> RowResult {
    let spent_on = JalaliDate::parse(row.get("spent_on"))
        .map_err(|error| refused(AppError::invalid("spent_on", error.message())))?;
    let paper = paper_dates(row).map_err(refused)?;
    let line = line_of_row(app, tx, actor, row, spent_on)
        .await
        .map_err(refused)?;
    let key = natural_key(&line, row, spent_on);
    if tx
        .payment_by_key(&key)
        .await
        .map_err(|error| refused(error.into()))?
        .is_some()
    {
        return Ok(RowOutcome::AlreadyPresent("payee"));
    }
    if let Some(PaperDates { approved_on, .. }) = &paper
        && *approved_on < spent_on
    {
        return Err(refused(AppError::invalid(
            "approved_on",
            Message::new("imports-approved_before_spent"),
        )));
    }
    let input = PaymentInput {
        budget_line_id: line.id,
        payee: row.get("payee").to_owned(),
        payee_kind: row.get("payee_kind").to_owned(),
        amount: row.get("amount").to_owned(),
        spent_on: row.get("spent_on").to_owned(),
        reference: row.get("reference").to_owned(),
        description: row.get("description").to_owned(),
        group_codes: row.get("group_codes").to_owned(),
        woman_national_ids: row.get("national_ids").to_owned(),
        evidence: None,
        idempotency_key: key.clone(),
        course_run_code: row.get("course_run").to_owned(),
    };
    let id = app
        .propose_payment_in_tx(tx, actor, &input, &key)
        .await
        .map_err(refused)?;
    if let Some(paper) = paper {
        let batch_id = batch.id(app, tx, actor).await.map_err(refused)?;
        tx.insert_paper_decision(&PaperDecisionRow {
            id: 0,
            batch_id,
            row_number: i64::try_from(row.line).unwrap_or(i64::MAX),
            payment_id: Some(id),
            tranche_id: None,
            approved_on: paper.approved_on,
            paid_on: paper.paid_on,
            approver_name: paper.approver,
        })
        .await
        .map_err(|error| refused(error.into()))?;
    }
    Ok(RowOutcome::Imported)
}
