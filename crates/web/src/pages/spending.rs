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

use askama::Template;
use axum::Form;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use hamyar_app::spending::{
    EvidenceUpload, PaymentInput, PaymentQuery, PaymentSummary, PaymentView,
};
use hamyar_app::{AppError, Permission};
use hamyar_domain::Message;
use hamyar_domain::spending::{MAX_EVIDENCE_BYTES, PayeeKind, PaymentStatus};
use hamyar_domain::{FiscalYear, Rials, format_money, format_money_en};
use serde::Deserialize;

use crate::context::{LoggedIn, PageCtx};
use crate::error::{ErrorPage, WebError, WebResult};
use crate::pages::form::FormView;
use crate::pages::{Notice, done, page, render};
use crate::state::AppState;
use hamyar_i18n::Lang;
use hamyar_reports::format;

/// The largest proposal or evidence upload: the largest evidence file and room for the form.
pub const MAX_UPLOAD_BYTES: usize = MAX_EVIDENCE_BYTES + 1024 * 1024;

/// An option of a `<select>`.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// A status chip of the list.
pub struct Chip {
    pub href: String,
    pub label: &'static str,
    pub badge: &'static str,
    pub active: bool,
}

/// One row of the list as shown.
pub struct PaymentLine {
    pub id: i64,
    pub status: &'static str,
    pub badge: &'static str,
    pub line: String,
    pub payee: String,
    pub amount: String,
    pub spent_on: String,
    pub proposed_by: String,
}

fn badge(status: PaymentStatus) -> &'static str {
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
fn money(who: &LoggedIn, rials: i64) -> String {
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
    place_id: i64,
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

// ---------------------------------------------------------------------------------------
// The list

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    pub status: Option<String>,
    pub line: Option<i64>,
    pub group: Option<i64>,
    pub woman: Option<i64>,
}

#[derive(Template)]
#[template(path = "payments.html")]
struct ListTemplate {
    ctx: PageCtx,
    chips: Vec<Chip>,
    rows: Vec<PaymentLine>,
    can_propose: bool,
}

pub async fn list(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<ListQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    let lang = who.lang();
    let status = query.status.as_deref().and_then(PaymentStatus::parse);
    let payments = state
        .app
        .payments(
            &actor,
            &PaymentQuery {
                budget_line_id: query.line,
                status,
                group_id: query.group,
                woman_id: query.woman,
                ..PaymentQuery::default()
            },
        )
        .await?;
    let tree = state.app.place_tree().await?;
    let mut chips = vec![Chip {
        href: "/money/payments".into(),
        label: lang.t("payments-all"),
        badge: "badge-muted",
        active: status.is_none(),
    }];
    chips.extend(PaymentStatus::ALL.iter().map(|s| Chip {
        href: format!("/money/payments?status={}", s.code()),
        label: status_label(*s, lang),
        badge: badge(*s),
        active: status == Some(*s),
    }));
    let rows = payments.iter().map(|p| row_view(&who, &tree, p)).collect();
    page(&ListTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "payments-title"),
        chips,
        rows,
        can_propose: actor.can(Permission::ProposeSpending),
    })
}

fn row_view(
    who: &LoggedIn,
    tree: &hamyar_app::places::PlaceTree,
    p: &PaymentSummary,
) -> PaymentLine {
    let lang = who.lang();
    PaymentLine {
        id: p.row.id,
        status: status_label(p.status, lang),
        badge: badge(p.status),
        line: line_label(
            who,
            tree,
            p.category,
            p.fiscal_year,
            p.row.county_id.unwrap_or(p.row.province_id),
        ),
        payee: p.row.payee.clone(),
        amount: money(who, p.row.amount_rials),
        spent_on: format::iso_date(&p.row.spent_on, lang),
        proposed_by: p.row.proposed_by_name.clone(),
    }
}

// ---------------------------------------------------------------------------------------
// The proposal form

#[derive(Template)]
#[template(path = "payment_form.html")]
struct FormTemplate {
    ctx: PageCtx,
    action: String,
    form: FormView,
    lines: Vec<Choice>,
    kinds: Vec<Choice>,
    key: String,
}

async fn form_template(
    state: &AppState,
    who: &LoggedIn,
    form: FormView,
) -> WebResult<FormTemplate> {
    let actor = who.actor();
    let lang = who.lang();
    let year = FiscalYear::of(state.app.today());
    let tree = state.app.place_tree().await?;
    let chosen = form.value("budget_line_id").to_owned();
    let lines = state
        .app
        .budget_lines(&actor, year, None, None)
        .await?
        .into_iter()
        .map(|view| {
            let place = view.line.county_id.unwrap_or(view.line.province_id);
            let label = format!(
                "{} ({} {})",
                line_label(who, &tree, view.category, view.line.fiscal_year, place),
                lang.t("payments-left"),
                money(who, view.figures.left_rials())
            );
            Choice {
                selected: chosen == view.line.id.to_string(),
                value: view.line.id.to_string(),
                label,
            }
        })
        .collect();
    let kind = form.value("payee_kind").to_owned();
    let kinds = PayeeKind::ALL
        .iter()
        .map(|k| Choice {
            value: k.code().to_owned(),
            label: if lang.is_english() {
                k.label_en()
            } else {
                k.label_fa()
            }
            .to_owned(),
            selected: kind == k.code(),
        })
        .collect();
    let key = match form.value("idempotency_key") {
        "" => hamyar_app::sessions::random_token(),
        key => key.to_owned(),
    };
    Ok(FormTemplate {
        ctx: PageCtx::for_user(&state.app, who, "payments-new"),
        action: "/money/payments".to_owned(),
        form,
        lines,
        kinds,
        key,
    })
}

pub async fn new_form(State(state): State<AppState>, who: LoggedIn) -> WebResult<Response> {
    who.actor().require(Permission::ProposeSpending)?;
    page(&form_template(&state, &who, FormView::default()).await?)
}

const TEXT_FIELDS: [&str; 10] = [
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

pub async fn create(
    State(state): State<AppState>,
    who: LoggedIn,
    mut multipart: Multipart,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::ProposeSpending)?;
    let (values, evidence) = read_multipart(&mut multipart).await?;
    let value = |name: &str| {
        values
            .iter()
            .find(|(field, _)| *field == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut form = FormView::with_values(values.iter().map(|(k, v)| (*k, v.as_str())));
    let Ok(line_id) = value("budget_line_id").trim().parse::<i64>() else {
        form.add_errors(&[choose_line()], who.lang());
        return refuse_form(&state, &who, form).await;
    };
    let input = PaymentInput {
        budget_line_id: line_id,
        payee: value("payee"),
        payee_kind: value("payee_kind"),
        amount: value("amount"),
        spent_on: value("spent_on"),
        reference: value("reference"),
        description: value("description"),
        group_codes: value("group_codes"),
        woman_national_ids: value("woman_national_ids"),
        evidence,
        idempotency_key: value("idempotency_key"),
    };
    match state.app.propose_payment(&actor, &input).await {
        Ok(id) => Ok(done(&format!("/money/payments/{id}"), "payments-proposed")),
        Err(AppError::NotFound) => {
            form.add_errors(&[choose_line()], who.lang());
            refuse_form(&state, &who, form).await
        }
        Err(error) => {
            form.absorb(error, who.lang())?;
            refuse_form(&state, &who, form).await
        }
    }
}

fn choose_line() -> hamyar_app::FieldError {
    hamyar_app::FieldError::new(
        "budget_line_id",
        Message::pair("ردیف بودجه را انتخاب کنید", "choose a budget line"),
    )
}

async fn refuse_form(state: &AppState, who: &LoggedIn, form: FormView) -> WebResult<Response> {
    render(
        StatusCode::UNPROCESSABLE_ENTITY,
        &form_template(state, who, form).await?,
    )
}

// ---------------------------------------------------------------------------------------
// One payment

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
struct PaymentTemplate {
    ctx: PageCtx,
    id: i64,
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
    /// What was typed, and the messages meant for each date field.
    fn from_refusal(typed: &DecisionForm, problems: &[(&'static str, String)]) -> Self {
        let message = |field: &str| {
            problems
                .iter()
                .filter(|(name, _)| *name == field)
                .map(|(_, text)| text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        Self {
            approved_on: typed.approved_on.clone(),
            approved_on_error: message("approved_on"),
            paid_on: typed.paid_on.clone(),
            paid_on_error: message("paid_on"),
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
            (Some(on), false) => format::iso_date(on, lang),
            _ => format::date_time(at, lang),
        };
        steps.push((lang.t(label), name.clone(), when));
    }
    if let (Some(name), Some(on)) = (&row.paid_by_name, &row.paid_on) {
        steps.push((
            lang.t("payments-paid_by"),
            name.clone(),
            format::iso_date(on, lang),
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
    let shown = |id: i64| lang.digits(&format!("#{id}"));
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

async fn payment_template(
    state: &AppState,
    who: &LoggedIn,
    id: i64,
    errors: Vec<String>,
    dates: DateFields,
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
        spent_on: format::iso_date(&row.spent_on, lang),
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
        view,
        errors,
        dates,
    })
}

pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    page(
        &payment_template(
            &state,
            &who,
            id,
            Vec::new(),
            DateFields::default(),
            notice.done.as_deref(),
        )
        .await?,
    )
}

/// The messages of a refused decision with the field each is about, in the page's language;
/// other errors go to the error page.
fn messages(error: AppError, lang: Lang) -> WebResult<Vec<(&'static str, String)>> {
    match error {
        AppError::Invalid(errors) => Ok(errors
            .iter()
            .map(|e| (e.field, lang.message(&e.message)))
            .collect()),
        AppError::Conflict { field, message } => Ok(vec![(field, lang.message(&message))]),
        other => Err(other.into()),
    }
}

async fn after_decision<T>(
    state: &AppState,
    who: &LoggedIn,
    id: i64,
    result: Result<T, AppError>,
    notice: &str,
    typed: &DecisionForm,
) -> WebResult<Response> {
    match result {
        Ok(_) => Ok(done(&format!("/money/payments/{id}"), notice)),
        Err(error) => {
            let problems = messages(error, who.lang())?;
            let dates = DateFields::from_refusal(typed, &problems);
            let errors = problems.into_iter().map(|(_, text)| text).collect();
            render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &payment_template(state, who, id, errors, dates, None).await?,
            )
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub approved_on: String,
    #[serde(default)]
    pub paid_on: String,
}

pub async fn approve(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
    Form(input): Form<DecisionForm>,
) -> WebResult<Response> {
    let result = state
        .app
        .approve_payment(&who.actor(), id, &input.approved_on)
        .await;
    after_decision(&state, &who, id, result, "payments-approved", &input).await
}

pub async fn reject(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
    Form(input): Form<DecisionForm>,
) -> WebResult<Response> {
    let result = state
        .app
        .reject_payment(&who.actor(), id, &input.reason)
        .await;
    after_decision(&state, &who, id, result, "payments-rejected", &input).await
}

pub async fn pay(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
    Form(input): Form<DecisionForm>,
) -> WebResult<Response> {
    let result = state
        .app
        .pay_payment(&who.actor(), id, &input.paid_on)
        .await;
    after_decision(&state, &who, id, result, "payments-paid", &input).await
}

pub async fn cancel(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
    Form(input): Form<DecisionForm>,
) -> WebResult<Response> {
    let result = state
        .app
        .cancel_payment(&who.actor(), id, &input.reason)
        .await;
    after_decision(&state, &who, id, result, "payments-cancelled", &input).await
}

pub async fn attach(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
    mut multipart: Multipart,
) -> WebResult<Response> {
    let actor = who.actor();
    // Refuse before reading the upload: a role that may not add evidence gets 403, not a
    // complaint about the file.
    if !actor.can(Permission::ProposeSpending) && !actor.can(Permission::ApproveSpending) {
        return Err(AppError::Forbidden.into());
    }
    let (_, file) = read_multipart(&mut multipart).await?;
    let result = match file {
        Some(upload) => {
            state
                .app
                .attach_payment_evidence(&who.actor(), id, &upload)
                .await
        }
        None => Err(AppError::invalid(
            "evidence",
            Message::pair("فایلی انتخاب نشده است", "no file was chosen"),
        )),
    };
    after_decision(
        &state,
        &who,
        id,
        result,
        "payments-evidence_added",
        &DecisionForm::default(),
    )
    .await
}

pub async fn evidence(
    State(state): State<AppState>,
    who: LoggedIn,
    Path((id, evidence_id)): Path<(i64, i64)>,
) -> WebResult<Response> {
    let (meta, content) = state
        .app
        .payment_evidence(&who.actor(), id, evidence_id)
        .await?;
    let extension = match meta.content_type.as_str() {
        "application/pdf" => "pdf",
        "image/png" => "png",
        _ => "jpg",
    };
    // An ASCII name: the stored one (often Persian) is on the page and in the audit trail.
    let disposition =
        format!("attachment; filename=\"payment-{id}-evidence-{evidence_id}.{extension}\"");
    Ok((
        [
            (header::CONTENT_TYPE, meta.content_type),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        content,
    )
        .into_response())
}
