//! A province's paper history of money in the browser (issue 17): the list of the batches
//! of paper decisions the reader may see (`/money/history`, those waiting first), one
//! batch's page with each row's payment or tranche as it stands now, the paper's days and
//! signatory, and — for a second person who may decide — the confirm form (a multipart
//! upload of the paper file's scan, required when the batch pays a payment) and the refuse
//! form with a reason; the importer is told that someone else must decide. The scan is
//! downloaded under an ASCII name and never cached. Handlers stay thin: who may see and
//! decide, and every rule of the confirmation, live in `hamyar_app::history_batches`; a
//! refused form draws the page again (422) with the app's Persian messages and nothing
//! written. Also the note an imported payment's or tranche's page shows ([`paper_note`]).

use askama::Template;
use axum::Form;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use hamyar_app::history_batches::{BatchConfirmation, BatchSubject, BatchView, PaperNote};
use hamyar_app::ports::history::{HistoryBatchId, HistoryBatchRow};
use hamyar_app::spending::EvidenceUpload;
use hamyar_app::{AppError, Permission};
use hamyar_domain::MoneyUnit;
use hamyar_i18n::{Arg, Lang};
use hamyar_reports::format;
use serde::{Deserialize, Serialize};

use crate::context::{LoggedIn, PageCtx};
use crate::error::{ErrorPage, WebError, WebResult};
use crate::pages::form::FormView;
use crate::pages::{Notice, codes, done, page};
use crate::state::AppState;

/// `history_batches.status` of a batch still waiting for its second person.
const WAITING: &str = "waiting";

/// A batch's status in the reader's language (a status we do not know, as stored).
fn status_label(status: &str, lang: Lang) -> String {
    lang.find(&format!("history-status-{status}"))
        .unwrap_or(status)
        .to_owned()
}

fn status_badge(status: &str) -> &'static str {
    match status {
        WAITING => "badge-warning",
        "confirmed" => "badge-ok",
        "refused" => "badge-muted",
        _ => "badge-info",
    }
}

/// "Payments" or "Grants": the import kind the batch came from.
fn kind_label(kind: &str, lang: Lang) -> String {
    lang.find(&format!("imports-kind-{kind}"))
        .unwrap_or(kind)
        .to_owned()
}

/// What an imported payment's or tranche's page says of its paper decision, and the link to
/// its batch: «از سابقه‌ی کاغذی: تأیید ۱۴۰۵/۰۲/۱۵ به امضای مریم احمدی؛ دسته‌ی ۳ — منتظر تأیید
/// نفر دوم».
pub struct PaperNoteView {
    pub text: String,
    pub batch: String,
    pub href: String,
}

pub fn paper_note(note: &PaperNote, lang: Lang) -> PaperNoteView {
    let separator = lang.pick("؛ ", "; ");
    let approved_on = format::date(note.approved_on, lang);
    let mut text = lang.tr(
        "history-paper_note",
        &[
            ("approved_on", Arg::Text(&approved_on)),
            ("approver", Arg::Text(&note.approver_name)),
        ],
    );
    if let Some(paid_on) = note.paid_on {
        let paid_on = format::date(paid_on, lang);
        text.push_str(separator);
        text.push_str(&lang.tr("history-paper_paid", &[("paid_on", Arg::Text(&paid_on))]));
    }
    text.push_str(separator);
    let batch = format!(
        "{} — {}",
        lang.tr(
            "history-paper_batch",
            &[("batch", Arg::Text(&lang.digits(&note.batch_id.to_string())))],
        ),
        status_label(&note.batch_status, lang)
    );
    PaperNoteView {
        text,
        batch,
        href: format!("/money/history/{}", note.batch_id),
    }
}

/// A batch as a row of the list.
pub struct BatchLine {
    pub href: String,
    pub number: String,
    pub kind: String,
    pub source: String,
    pub imported_by: String,
    pub imported_on: String,
    pub status: String,
    pub badge: &'static str,
    /// Who decided it and when, or empty while it waits.
    pub decided: String,
    /// How many paper decisions it holds, in the reader's digits.
    pub decisions: String,
}

fn batch_line(batch: &HistoryBatchRow, lang: Lang) -> BatchLine {
    let decided = match (&batch.decided_by_name, batch.decided_at) {
        (Some(name), Some(at)) => format!("{name} · {}", format::date_time(at, lang)),
        (Some(name), None) => name.clone(),
        _ => String::new(),
    };
    BatchLine {
        href: format!("/money/history/{}", batch.id),
        number: lang.digits(&batch.id.to_string()),
        kind: kind_label(&batch.kind, lang),
        source: batch.source.clone(),
        imported_by: batch.imported_by_name.clone(),
        imported_on: format::date_time(batch.imported_at, lang),
        status: status_label(&batch.status, lang),
        badge: status_badge(&batch.status),
        decided,
        decisions: lang.digits(&batch.decisions.to_string()),
    }
}

#[derive(Template)]
#[template(path = "history_batches.html")]
struct ListTemplate {
    ctx: PageCtx,
    batches: Vec<BatchLine>,
}

/// `/money/history`: the batches the reader may see, those waiting first (newest first
/// within each part, as the app lists them).
pub async fn list(State(state): State<AppState>, who: LoggedIn) -> WebResult<Response> {
    let lang = who.lang();
    let mut batches = state.app.history_batches(&who.actor(), false).await?;
    // A stable sort keeps the app's order inside the waiting and the decided parts.
    batches.sort_by_key(|batch| batch.status != WAITING);
    page(&ListTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "history-list_title"),
        batches: batches
            .iter()
            .map(|batch| batch_line(batch, lang))
            .collect(),
    })
}

/// One paper decision of a batch, as the page shows it.
pub struct RowLine {
    pub row_number: String,
    pub label: String,
    pub href: String,
    pub amount: String,
    pub approved_on: String,
    pub paid_on: String,
    pub approver: String,
    pub status: &'static str,
}

fn row_line(
    row: &hamyar_app::history_batches::BatchRowView,
    unit: MoneyUnit,
    lang: Lang,
) -> RowLine {
    let (label, href, status) = match &row.subject {
        BatchSubject::Payment {
            id, payee, status, ..
        } => (
            payee.clone(),
            format!("/money/payments/{id}"),
            codes::label(*status, lang),
        ),
        BatchSubject::Tranche {
            grant_id,
            tranche_id,
            seq,
            purpose,
            status,
            ..
        } => (
            format!(
                "{purpose} · {}",
                lang.tr("history-tranche", &[("seq", Arg::Number(*seq))])
            ),
            format!("/money/grants/{grant_id}#tranche-{tranche_id}"),
            codes::label(*status, lang),
        ),
    };
    let decision = &row.decision;
    RowLine {
        row_number: lang.number(decision.row_number),
        label,
        href,
        amount: format::money(row.subject.amount_rials(), unit, lang),
        approved_on: format::date(decision.approved_on, lang),
        paid_on: decision
            .paid_on
            .map(|day| format::date(day, lang))
            .unwrap_or_default(),
        approver: decision.approver_name.clone(),
        status,
    }
}

#[derive(Template)]
#[template(path = "history_batch.html")]
struct BatchTemplate {
    ctx: PageCtx,
    id: HistoryBatchId,
    line: BatchLine,
    rows: Vec<RowLine>,
    total: String,
    needs_scan: bool,
    can_decide: bool,
    own_import: bool,
    refusal_reason: String,
    /// The scan's name and where to fetch it, once the batch has one.
    evidence: Option<(String, String)>,
    /// The refused form's messages, as the app wrote them.
    errors: Vec<String>,
    form: FormView,
}

async fn batch_template(
    state: &AppState,
    who: &LoggedIn,
    id: HistoryBatchId,
    form: FormView,
    notice: Option<&str>,
) -> WebResult<BatchTemplate> {
    let lang = who.lang();
    let unit = who.session.user.money_unit;
    let view: BatchView = state.app.history_batch(&who.actor(), id).await?;
    let batch = &view.batch;
    Ok(BatchTemplate {
        ctx: PageCtx::for_user(&state.app, who, "history-batch_title").with_notice(notice),
        id,
        line: batch_line(batch, lang),
        rows: view
            .rows
            .iter()
            .map(|row| row_line(row, unit, lang))
            .collect(),
        total: format::money(view.total_rials, unit, lang),
        needs_scan: view.needs_scan,
        can_decide: view.can_decide,
        own_import: view.own_import && batch.status == WAITING,
        refusal_reason: batch.refusal_reason.clone().unwrap_or_default(),
        evidence: batch
            .evidence_file_name
            .as_ref()
            .map(|name| (name.clone(), format!("/money/history/{id}/evidence"))),
        errors: form.messages(),
        form,
    })
}

/// `/money/history/{id}`: one batch.
pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<HistoryBatchId>,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    page(
        &batch_template(
            &state,
            &who,
            id,
            FormView::default(),
            notice.done.as_deref(),
        )
        .await?,
    )
}

/// After a decision: back to the batch with a confirmation, or its page drawn again (422)
/// with the app's messages.
async fn after_decision(
    state: &AppState,
    who: &LoggedIn,
    id: HistoryBatchId,
    result: Result<(), AppError>,
    notice: &str,
    typed: FormView,
) -> WebResult<Response> {
    typed
        .unlabelled()
        .answer(
            result,
            who.lang(),
            |_| done(&format!("/money/history/{id}"), notice),
            |form| batch_template(state, who, id, form, None),
        )
        .await
}

/// The confirm form: the scan (if one was chosen) and the acknowledgement of double support.
async fn read_confirmation(multipart: &mut Multipart) -> WebResult<BatchConfirmation> {
    let too_large = |_| WebError::Page(ErrorPage::TooLarge);
    let mut confirmation = BatchConfirmation::default();
    while let Some(field) = multipart.next_field().await.map_err(too_large)? {
        match field.name() {
            Some("evidence") => {
                let file_name = field.file_name().unwrap_or("").to_owned();
                let bytes = field.bytes().await.map_err(too_large)?;
                if !bytes.is_empty() {
                    confirmation.evidence = Some(EvidenceUpload {
                        file_name,
                        content: bytes.to_vec(),
                    });
                }
            }
            Some("acknowledge_double_support") => {
                confirmation.acknowledge_double_support =
                    !field.text().await.unwrap_or_default().is_empty();
            }
            _ => {}
        }
    }
    Ok(confirmation)
}

/// `POST /money/history/{id}/confirm`.
pub async fn confirm(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<HistoryBatchId>,
    mut multipart: Multipart,
) -> WebResult<Response> {
    // Refuse before reading the upload: a role that may not decide gets 403, not a
    // complaint about the file.
    who.actor().require(Permission::ApproveSpending)?;
    let confirmation = read_confirmation(&mut multipart).await?;
    let result = state
        .app
        .confirm_history_batch(&who.actor(), id, &confirmation)
        .await;
    after_decision(
        &state,
        &who,
        id,
        result,
        "history-confirmed",
        FormView::default(),
    )
    .await
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct RefuseForm {
    #[serde(default)]
    pub reason: String,
}

/// `POST /money/history/{id}/refuse`.
pub async fn refuse(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<HistoryBatchId>,
    Form(input): Form<RefuseForm>,
) -> WebResult<Response> {
    // Who may decide, and whether the batch is hers to see, before the reason is judged:
    // a refusal is 403 or 404 whatever the form says.
    let actor = who.actor();
    actor.require(Permission::ApproveSpending)?;
    state.app.history_batch(&actor, id).await?;
    let result = state
        .app
        .refuse_history_batch(&who.actor(), id, &input.reason)
        .await;
    after_decision(
        &state,
        &who,
        id,
        result,
        "history-refused",
        FormView::of(&input),
    )
    .await
}

/// `GET /money/history/{id}/evidence`: the batch's scan (the app audits the view).
pub async fn evidence(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<HistoryBatchId>,
) -> WebResult<Response> {
    let file = state.app.history_batch_evidence(&who.actor(), id).await?;
    let extension = match file.content_type.as_str() {
        "application/pdf" => "pdf",
        "image/png" => "png",
        _ => "jpg",
    };
    // An ASCII name: the stored one (often Persian) is on the page and in the audit trail.
    let disposition = format!("attachment; filename=\"history-batch-{id}-evidence.{extension}\"");
    Ok((
        [
            (header::CONTENT_TYPE, file.content_type),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        file.content,
    )
        .into_response())
}
