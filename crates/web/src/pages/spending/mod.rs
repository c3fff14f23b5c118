//! Spending pages (issue 5): the list of payments with status chips, the proposal form (a
//! multipart upload carrying its CSRF token in the query, with a line chooser showing what is
//! left on each line the user's scope reaches), and one payment's page with the approve,
//! reject, pay and cancel forms — shown only to whoever may use them, as the app decides —
//! and its evidence. Handlers stay thin: every rule lives in `hamyar_app::spending`; a refused
//! form is shown again with the Persian messages and nothing written. The pages need
//! `ViewMoneyRecords`. A payment that reaches beyond the reader's scope (a province line's
//! payment for several counties) shows her own county's groups and women by name and the
//! others counted, and leaves out its free text and the evidence she may not fetch, as the
//! app decides (`spending::disclosure`).

//!
//! One file per job: the list with its status chips (`list`), the proposal form (`proposal`),
//! one payment's page (`payment`), the decisions taken on it — approve, reject, pay, cancel
//! (`decisions`) — and its evidence, added and fetched (`evidence`). What they share — a
//! status's badge and label, an amount in the user's unit, a budget line's label and reading
//! a multipart form — lives here.

mod decisions;
mod evidence;
mod list;
mod payment;
mod proposal;

pub use decisions::{approve, cancel, pay, reject};
pub use evidence::{attach, evidence};
pub use list::list;
pub use payment::show;
pub use proposal::{create, new_form};

use axum::extract::Multipart;
use hamyar_app::access::PlaceId;
use hamyar_app::spending::EvidenceUpload;
use hamyar_domain::spending::{MAX_EVIDENCE_BYTES, PaymentStatus};
use hamyar_domain::{Rials, format_money, format_money_en};

use crate::context::LoggedIn;
use crate::error::{ErrorPage, WebError, WebResult};
use hamyar_i18n::Lang;

/// The largest proposal or evidence upload: the largest evidence file and room for the form.
pub const MAX_UPLOAD_BYTES: usize = MAX_EVIDENCE_BYTES + 1024 * 1024;

pub(super) fn badge(status: PaymentStatus) -> &'static str {
    match status {
        PaymentStatus::Proposed => "badge-info",
        PaymentStatus::Approved => "badge-warning",
        PaymentStatus::Paid => "badge-ok",
        PaymentStatus::Rejected => "badge-danger",
        PaymentStatus::Cancelled => "badge-muted",
    }
}

fn status_label(status: PaymentStatus, lang: Lang) -> &'static str {
    if lang.is_english() {
        status.label_en()
    } else {
        status.label_fa()
    }
}

/// An amount in the user's chosen unit, with the language's digits.
pub(crate) fn money(who: &LoggedIn, rials: i64) -> String {
    let unit = who.session.user.money_unit;
    if who.lang().is_english() {
        format_money_en(Rials::new(rials), unit)
    } else {
        format_money(Rials::new(rials), unit, true)
    }
}

/// "Training 1405 — Qazvin" for a line.
fn line_label(
    who: &LoggedIn,
    tree: &hamyar_app::places::PlaceTree,
    category: hamyar_domain::budget::BudgetCategory,
    year: i32,
    place_id: PlaceId,
) -> String {
    let english = who.lang().is_english();
    let place = tree.get(place_id).map_or("", |p| p.name(english));
    let category = if english {
        category.label_en()
    } else {
        category.label_fa()
    };
    who.lang().digits(&format!("{category} {year} — {place}"))
}

const TEXT_FIELDS: [&str; 11] = [
    "budget_line_id",
    "payee",
    "payee_kind",
    "amount",
    "spent_on",
    "reference",
    "description",
    "group_codes",
    "woman_national_ids",
    "idempotency_key",
    "course_run_code",
];

/// The text fields and the file of a multipart form.
async fn read_multipart(
    multipart: &mut Multipart,
) -> WebResult<(Vec<(&'static str, String)>, Option<EvidenceUpload>)> {
    let mut values = Vec::new();
    let mut file = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| WebError::Page(ErrorPage::TooLarge))?
    {
        let Some(name) = field.name().map(str::to_owned) else {
            continue;
        };
        if name == "evidence" {
            let file_name = field.file_name().unwrap_or("").to_owned();
            let bytes = field
                .bytes()
                .await
                .map_err(|_| WebError::Page(ErrorPage::TooLarge))?;
            if !bytes.is_empty() {
                file = Some(EvidenceUpload {
                    file_name,
                    content: bytes.to_vec(),
                });
            }
        } else if let Some(known) = TEXT_FIELDS.iter().find(|f| **f == name) {
            values.push((*known, field.text().await.unwrap_or_default()));
        }
    }
    Ok((values, file))
}
