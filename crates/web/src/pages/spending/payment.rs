//! One payment's page (`/money/payments/{id}`): its line, payee, amount and steps taken, the
//! ledger transactions it made, its links to groups and women (those beyond the reader's
//! scope counted, as the app discloses), its evidence, and the decision forms shown to
//! whoever may use them — drawn again with a refused decision's messages.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use hamyar_app::ports::ledger::LedgerTransactionId;
use hamyar_app::ports::spending::PaymentId;
use hamyar_app::spending::PaymentView;
use hamyar_domain::spending::PaymentStatus;

use super::{badge, line_label, money, status_label};
use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::form::FormView;
use crate::pages::history_batches::{PaperNoteView, paper_note};
use crate::pages::{Notice, page};
use crate::state::AppState;
use hamyar_i18n::Lang;
use hamyar_reports::format;

/// A link to a group or a woman, as shown.
pub struct LinkView {
    pub href: String,
    pub label: String,
}

/// An evidence file, as listed.
pub struct EvidenceView {
    pub href: String,
    pub file_name: String,
    pub size: String,
    pub uploaded: String,
}

#[derive(Template)]
#[template(path = "payment.html")]
pub(super) struct PaymentTemplate {
    ctx: PageCtx,
    id: PaymentId,
    status: &'static str,
    badge: &'static str,
    line: String,
    line_left: String,
    payee: String,
    payee_kind: &'static str,
    amount: String,
    spent_on: String,
    reference: String,
    description: String,
    /// (label, who, when) of each step taken.
    steps: Vec<(&'static str, String, String)>,
    rejection_reason: String,
    cancel_reason: String,
    /// (label, transaction id as shown).
    transactions: Vec<(&'static str, String)>,
    links: Vec<LinkView>,
    /// The groups and women outside the reader's scope, counted («۱ زن در شهرستان‌های دیگر»).
    elsewhere: Vec<String>,
    evidence: Vec<EvidenceView>,
    /// Evidence files left out, counted, or empty.
    evidence_withheld: String,
    view: PaymentView,
    errors: Vec<String>,
    /// A refused date, shown under its field with what was typed.
    dates: DateFields,
    upload_action: String,
    /// What the province's paper history says of it, for an imported payment.
    paper: Option<PaperNoteView>,
    /// The course run it paid for: its page and code.
    course_run: Option<(String, String)>,
}

/// The approval's and the payment's date fields as a refused form left them.
#[derive(Debug, Default)]
struct DateFields {
    approved_on: String,
    approved_on_error: String,
    paid_on: String,
    paid_on_error: String,
}

impl DateFields {
    /// What was typed in each date field, and the messages meant for it.
    fn of(form: &FormView) -> Self {
        Self {
            approved_on: form.value("approved_on").to_owned(),
            approved_on_error: form.errs("approved_on").join(" "),
            paid_on: form.value("paid_on").to_owned(),
            paid_on_error: form.errs("paid_on").join(" "),
        }
    }
}

fn steps(who: &LoggedIn, view: &PaymentView) -> Vec<(&'static str, String, String)> {
    let lang = who.lang();
    let row = &view.summary.row;
    let mut steps = vec![(
        lang.t("payments-proposed_by"),
        row.proposed_by_name.clone(),
        format::date_time(row.proposed_at, lang),
    )];
    if let (Some(name), Some(at)) = (&row.decided_by_name, row.decided_at) {
        let label = if view.summary.status == PaymentStatus::Rejected {
            "payments-rejected_by"
        } else {
            "payments-approved_by"
        };
        // An approval shows the day it took effect (which may be before it was recorded).
        let when = match (
            &row.approved_on,
            view.summary.status == PaymentStatus::Rejected,
        ) {
            (Some(on), false) => format::date(*on, lang),
            _ => format::date_time(at, lang),
        };
        steps.push((lang.t(label), name.clone(), when));
    }
    if let (Some(name), Some(on)) = (&row.paid_by_name, &row.paid_on) {
        steps.push((
            lang.t("payments-paid_by"),
            name.clone(),
            format::date(*on, lang),
        ));
    }
    if let (Some(name), Some(at)) = (&row.cancelled_by_name, row.cancelled_at) {
        steps.push((
            lang.t("payments-cancelled_by"),
            name.clone(),
            format::date_time(at, lang),
        ));
    }
    steps
}

fn transactions(lang: Lang, view: &PaymentView) -> Vec<(&'static str, String)> {
    let row = &view.summary.row;
    let shown = |id: LedgerTransactionId| lang.digits(&format!("#{id}"));
    let mut list = Vec::new();
    if let Some(id) = row.commit_transaction_id {
        list.push((lang.t("payments-tx_commit"), shown(id)));
    }
    if let Some(id) = row.pay_transaction_id {
        list.push((lang.t("payments-tx_pay"), shown(id)));
    }
    if let Some(id) = view.pay_reversed_by {
        list.push((lang.t("payments-tx_reverse_pay"), shown(id)));
    }
    if let Some(id) = view.commit_reversed_by {
        list.push((lang.t("payments-tx_reverse_commit"), shown(id)));
    }
    list
}

/// "۳ زن در شهرستان‌های دیگر" in Persian, "Women in other counties: 3" in English.
fn counted(lang: Lang, count: usize, key: &str) -> String {
    let count = lang.number(i64::try_from(count).unwrap_or(i64::MAX));
    if lang.is_english() {
        format!("{}: {count}", lang.t(key))
    } else {
        format!("{count} {}", lang.t(key))
    }
}

fn elsewhere(lang: Lang, view: &PaymentView) -> Vec<String> {
    let mut lines = Vec::new();
    if view.links_elsewhere.groups > 0 {
        lines.push(counted(
            lang,
            view.links_elsewhere.groups,
            "payments-groups_elsewhere",
        ));
    }
    if view.links_elsewhere.women > 0 {
        lines.push(counted(
            lang,
            view.links_elsewhere.women,
            "payments-women_elsewhere",
        ));
    }
    lines
}

pub(super) async fn payment_template(
    state: &AppState,
    who: &LoggedIn,
    id: PaymentId,
    form: FormView,
    notice: Option<&str>,
) -> WebResult<PaymentTemplate> {
    let lang = who.lang();
    let view = state.app.payment(&who.actor(), id).await?;
    let tree = state.app.place_tree().await?;
    let row = &view.summary.row;
    let links = view
        .links
        .iter()
        .map(|link| match link.link {
            hamyar_app::ports::spending::PaymentLink::Group(group) => LinkView {
                href: format!("/groups/{group}"),
                label: lang.digits(&link.label),
            },
            hamyar_app::ports::spending::PaymentLink::Woman(woman) => LinkView {
                href: format!("/women/{woman}"),
                label: if link.label.is_empty() {
                    lang.t("payments-woman_hidden").to_owned()
                } else {
                    link.label.clone()
                },
            },
        })
        .collect();
    let evidence = view
        .evidence
        .iter()
        .map(|file| EvidenceView {
            href: format!("/money/payments/{id}/evidence/{}", file.id),
            file_name: file.file_name.clone(),
            size: lang.digits(&format!("{:.1}", file.size_bytes as f64 / 1024.0)),
            uploaded: format!(
                "{} · {}",
                file.uploaded_by_name,
                format::date_time(file.uploaded_at, lang)
            ),
        })
        .collect();
    Ok(PaymentTemplate {
        ctx: PageCtx::for_user(&state.app, who, "payments-one").with_notice(notice),
        id,
        status: status_label(view.summary.status, lang),
        badge: badge(view.summary.status),
        line: line_label(
            who,
            &tree,
            view.line.category,
            view.line.line.fiscal_year,
            view.line
                .line
                .county_id
                .unwrap_or(view.line.line.province_id),
        ),
        line_left: money(who, view.line.figures.left_rials()),
        payee: row.payee.clone(),
        payee_kind: view.summary.payee_kind.map_or("", |k| {
            if lang.is_english() {
                k.label_en()
            } else {
                k.label_fa()
            }
        }),
        amount: money(who, row.amount_rials),
        spent_on: format::date(row.spent_on, lang),
        reference: lang.digits(&row.reference),
        description: row.description.clone(),
        steps: steps(who, &view),
        rejection_reason: row.rejection_reason.clone().unwrap_or_default(),
        cancel_reason: row.cancel_reason.clone().unwrap_or_default(),
        transactions: transactions(lang, &view),
        links,
        elsewhere: elsewhere(lang, &view),
        evidence,
        evidence_withheld: if view.evidence_withheld == 0 {
            String::new()
        } else {
            counted(lang, view.evidence_withheld, "payments-files_withheld")
        },
        upload_action: format!("/money/payments/{id}/evidence"),
        paper: view.paper.as_ref().map(|note| paper_note(note, lang)),
        course_run: view
            .course_run
            .as_ref()
            .map(|(id, code)| (format!("/training/runs/{id}"), code.clone())),
        view,
        errors: form.messages(),
        dates: DateFields::of(&form),
    })
}

pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<PaymentId>,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    page(
        &payment_template(
            &state,
            &who,
            id,
            FormView::default(),
            notice.done.as_deref(),
        )
        .await?,
    )
}
