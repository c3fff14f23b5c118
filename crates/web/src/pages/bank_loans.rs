//! Bank self-employment loans in the browser: a place's referrals (`/bank-loans`, with each
//! one's state, what was paid and the arrears, filtered by state), the referral form reached
//! from a woman's file (`/women/{id}/bank-loans/new`: the double-support warning is shown
//! before anything is written, and the same form sent again with `confirm` refers her), a
//! referral's page (`/bank-loans/{id}`: the letter, the guarantors, the schedule and the
//! instalments paid, and a form for each next step — the bank's decision, the payout, an
//! instalment, early settlement, default, withdrawal), and the section of her file that lists
//! her referrals. Every rule is the app's; a refused form draws the page again (422) with the
//! app's messages and nothing written. Days are typed in Jalali with any digits.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use hamyar_app::bank_loans::{self as loans, BankLoanView, ReferralOutcome, Repayment};
use hamyar_app::ports::bank_loans::{BankLoanId, BankLoanRow};
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::{AppError, Permission};
use hamyar_domain::bank_loans::events::StepInput;
use hamyar_domain::bank_loans::referral::FEE_BASIS_POINTS_DEFAULT;
use hamyar_domain::bank_loans::{AgentBank, GuarantorInput, LoanStatus, ReferralInput};
use hamyar_i18n::{Arg, Lang};
use hamyar_reports::format;
use serde::{Deserialize, Serialize};

use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::codes::{self, Choice};
use crate::pages::facilities::{WarningView, warning_views};
use crate::pages::form::FormView;
use crate::pages::spending::money;
use crate::pages::{Notice, back_to, done, page};
use crate::state::AppState;

fn status_badge(status: LoanStatus) -> &'static str {
    match status {
        LoanStatus::Referred | LoanStatus::Approved => "badge-info",
        LoanStatus::Disbursed | LoanStatus::Repaying => "badge-warning",
        LoanStatus::Settled => "badge-ok",
        LoanStatus::Refused | LoanStatus::Withdrawn => "badge-muted",
        LoanStatus::Defaulted => "badge-danger",
    }
}

fn bank_label(loan: &BankLoanRow, lang: Lang) -> String {
    let label = codes::label_of::<AgentBank>(loan.bank.code(), lang);
    match (loan.bank, loan.bank_name.trim()) {
        (_, "") => label,
        (AgentBank::Other, name) => name.to_owned(),
        (_, name) => format!("{label} ({name})"),
    }
}

/// What she is behind by, in words; empty when nothing.
fn arrears_text(who: &LoggedIn, repayment: &Repayment) -> String {
    let arrears = repayment.arrears;
    if arrears.instalments == 0 {
        return String::new();
    }
    who.lang().tr(
        "bank-loans-arrears_of",
        &[
            ("count", Arg::Number(i64::from(arrears.instalments))),
            ("amount", Arg::Text(&money(who, arrears.rials.value()))),
        ],
    )
}

/// One referral as a list shows it.
pub struct LoanLine {
    pub href: String,
    pub woman_href: String,
    pub woman: String,
    pub bank: String,
    pub amount: String,
    pub referred_on: String,
    pub status: String,
    pub badge: &'static str,
    pub paid: String,
    pub owed: String,
    pub arrears: String,
}

fn loan_line(who: &LoggedIn, loan: &BankLoanRow, woman: String, repayment: &Repayment) -> LoanLine {
    let lang = who.lang();
    let disbursed = loan.status.is_disbursed();
    LoanLine {
        href: format!("/bank-loans/{}", loan.id),
        woman_href: format!("/women/{}#bank-loans", loan.woman_id),
        woman,
        bank: bank_label(loan, lang),
        amount: money(
            who,
            loan.disbursed_amount_rials.unwrap_or(loan.amount_rials),
        ),
        referred_on: format::date(loan.referred_on, lang),
        status: codes::label_of::<LoanStatus>(loan.status.code(), lang),
        badge: status_badge(loan.status),
        paid: if disbursed {
            money(who, repayment.paid.value())
        } else {
            "—".into()
        },
        owed: if disbursed {
            money(who, repayment.owed.value())
        } else {
            "—".into()
        },
        arrears: arrears_text(who, repayment),
    }
}

// ---------------------------------------------------------------------------------------
// The list

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub status: String,
    pub page: String,
    pub done: Option<String>,
}

#[derive(Template)]
#[template(path = "bank_loans.html")]
struct ListTemplate {
    ctx: PageCtx,
    lines: Vec<LoanLine>,
    statuses: Vec<Choice>,
    status: String,
    total: String,
    previous: Option<String>,
    next: Option<String>,
}

/// `/bank-loans`.
pub async fn list(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<ListQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    let lang = who.lang();
    let status = LoanStatus::parse(&query.status);
    let statuses: Vec<LoanStatus> = status.into_iter().collect();
    let page_number = crate::pages::number::<i64>(&query.page).unwrap_or(1).max(1);
    let found = state.app.bank_loans(&actor, &statuses, page_number).await?;
    let link = |page: i64| {
        let code = status.map_or("", LoanStatus::code);
        format!("/bank-loans?status={code}&page={page}")
    };
    let shown = found.page.saturating_mul(loans::PAGE_SIZE);
    page(&ListTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "bank-loans-title")
            .with_notice(query.done.as_deref()),
        lines: found
            .lines
            .iter()
            .map(|line| {
                let name = format!("{} {}", line.row.first_name, line.row.last_name);
                loan_line(&who, &line.row.loan, name, &line.repayment)
            })
            .collect(),
        statuses: codes::choices::<LoanStatus>(lang),
        status: status.map_or(String::new(), |s| s.code().to_owned()),
        total: lang.number(found.total),
        previous: (found.page > 1).then(|| link(found.page - 1)),
        next: (shown < found.total).then(|| link(found.page + 1)),
    })
}

// ---------------------------------------------------------------------------------------
// Her file's section

/// Her referrals for her file, and the new-referral form's address for a reader who may refer
/// (both empty for a reader who may not read referrals).
pub struct WomanLoans {
    pub visible: bool,
    pub lines: Vec<LoanLine>,
    pub new_href: Option<String>,
}

/// The section of her file.
pub async fn woman_loans(state: &AppState, who: &LoggedIn, id: WomanId) -> WebResult<WomanLoans> {
    let actor = who.actor();
    if !loans::may_read(&actor) {
        return Ok(WomanLoans {
            visible: false,
            lines: Vec::new(),
            new_href: None,
        });
    }
    let found = state.app.bank_loans_of_woman(&actor, id).await?;
    let name = format!("{} {}", found.first_name, found.last_name);
    Ok(WomanLoans {
        visible: true,
        lines: found
            .loans
            .iter()
            .map(|(loan, repayment)| loan_line(who, loan, name.clone(), repayment))
            .collect(),
        new_href: loans::may_refer(&actor).then(|| format!("/women/{id}/bank-loans/new")),
    })
}

// ---------------------------------------------------------------------------------------
// The referral form

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ReferralForm {
    pub bank: String,
    pub bank_name: String,
    pub amount: String,
    pub fee_basis_points: String,
    pub term_months: String,
    pub referred_on: String,
    pub note: String,
    pub guarantor_1_woman: String,
    pub guarantor_1_name: String,
    pub guarantor_1_national_id: String,
    pub guarantor_2_woman: String,
    pub guarantor_2_name: String,
    pub guarantor_2_national_id: String,
    pub guarantor_3_woman: String,
    pub guarantor_3_name: String,
    pub guarantor_3_national_id: String,
    /// `1` when the expert confirms the referral despite the double-support warning.
    pub confirm: String,
}

impl ReferralForm {
    fn input(&self) -> ReferralInput {
        let guarantor = |woman_id: &str, name: &str, national_id: &str| GuarantorInput {
            woman_id: woman_id.to_owned(),
            name: name.to_owned(),
            national_id: national_id.to_owned(),
        };
        ReferralInput {
            bank: self.bank.clone(),
            bank_name: self.bank_name.clone(),
            amount: self.amount.clone(),
            fee_basis_points: self.fee_basis_points.clone(),
            term_months: self.term_months.clone(),
            referred_on: self.referred_on.clone(),
            note: self.note.clone(),
            guarantors: vec![
                guarantor(
                    &self.guarantor_1_woman,
                    &self.guarantor_1_name,
                    &self.guarantor_1_national_id,
                ),
                guarantor(
                    &self.guarantor_2_woman,
                    &self.guarantor_2_name,
                    &self.guarantor_2_national_id,
                ),
                guarantor(
                    &self.guarantor_3_woman,
                    &self.guarantor_3_name,
                    &self.guarantor_3_national_id,
                ),
            ],
        }
    }
}

/// A guarantor slot of the form: its number and field names.
pub struct Slot {
    /// «ضامن ۱ — شماره‌ی پرونده در سامانه».
    pub label: String,
    pub woman: &'static str,
    pub name: &'static str,
    pub national_id: &'static str,
}

#[derive(Template)]
#[template(path = "bank_loan_new.html")]
struct NewTemplate {
    ctx: PageCtx,
    action: String,
    back: String,
    /// «زن» for a woman, «گروه» for a group referred as its members.
    subject_label: String,
    name: String,
    errors: Vec<String>,
    form: FormView,
    banks: Vec<Choice>,
    slots: Vec<Slot>,
    support_warnings: Vec<WarningView>,
}

/// Whom a referral form is for: a woman, or a group referred as its members.
#[derive(Clone, Copy)]
enum Referred {
    Woman(WomanId),
    Group(GroupId),
}

async fn new_page(
    state: &AppState,
    who: &LoggedIn,
    referred: Referred,
    form: FormView,
    support_warnings: Vec<WarningView>,
) -> WebResult<NewTemplate> {
    let lang = who.lang();
    let (action, back, subject_label, name) = match referred {
        Referred::Woman(id) => {
            // Her referrals are read to check that she is the reader's (404 otherwise).
            let found = state.app.bank_loans_of_woman(&who.actor(), id).await?;
            (
                format!("/women/{id}/bank-loans"),
                format!("/women/{id}#bank-loans"),
                lang.t("bank-loans-woman"),
                format!("{} {}", found.first_name, found.last_name),
            )
        }
        Referred::Group(id) => {
            // The group's form is read to check that it is the reader's (404 otherwise).
            let (group, _) = state.app.group_input(&who.actor(), id).await?;
            (
                format!("/groups/{id}/bank-loans"),
                format!("/groups/{id}"),
                lang.t("bank-loans-group_as_members"),
                group.name,
            )
        }
    };
    Ok(NewTemplate {
        ctx: PageCtx::for_user(&state.app, who, "bank-loans-new_title"),
        action,
        back,
        subject_label: subject_label.to_owned(),
        name,
        errors: form.messages(),
        form,
        banks: codes::choices::<AgentBank>(lang),
        slots: hamyar_domain::bank_loans::referral::GUARANTOR_FIELDS
            .iter()
            .enumerate()
            .map(|(index, (woman, name, national_id))| Slot {
                label: format!(
                    "{} {} — {}",
                    lang.t("bank-loans-guarantor"),
                    lang.number(i64::try_from(index + 1).unwrap_or(0)),
                    lang.t("bank-loans-guarantor_woman")
                ),
                woman,
                name,
                national_id,
            })
            .collect(),
        support_warnings,
    })
}

/// `/women/{id}/bank-loans/new`.
pub async fn new_form(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<WomanId>,
) -> WebResult<Response> {
    blank_form(&state, &who, Referred::Woman(id)).await
}

/// `/groups/{id}/bank-loans/new`: the group referred as its members, one referral each.
pub async fn group_new_form(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
) -> WebResult<Response> {
    blank_form(&state, &who, Referred::Group(id)).await
}

async fn blank_form(state: &AppState, who: &LoggedIn, referred: Referred) -> WebResult<Response> {
    who.actor().require(Permission::ProposeSpending)?;
    let lang = who.lang();
    let today = format::date(state.app.today(), lang);
    let fee = lang.digits(&FEE_BASIS_POINTS_DEFAULT.to_string());
    let form = FormView::with_values([
        ("referred_on", today.as_str()),
        ("fee_basis_points", fee.as_str()),
    ]);
    page(&new_page(state, who, referred, form, Vec::new()).await?)
}

/// `POST /women/{id}/bank-loans`: refers her, or shows the double-support warning and asks
/// to confirm.
pub async fn refer(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<WomanId>,
    Form(form): Form<ReferralForm>,
) -> WebResult<Response> {
    send_referral(&state, &who, Referred::Woman(id), &form).await
}

/// `POST /groups/{id}/bank-loans`: refers each member of the group, or warns for those who
/// already had support and asks to confirm.
pub async fn refer_group(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
    Form(form): Form<ReferralForm>,
) -> WebResult<Response> {
    send_referral(&state, &who, Referred::Group(id), &form).await
}

async fn send_referral(
    state: &AppState,
    who: &LoggedIn,
    referred: Referred,
    form: &ReferralForm,
) -> WebResult<Response> {
    let actor = who.actor();
    let confirmed = form.confirm.trim() == "1";
    let result = match referred {
        Referred::Woman(id) => {
            state
                .app
                .refer_to_bank(&actor, id, &form.input(), confirmed)
                .await
        }
        Referred::Group(id) => {
            state
                .app
                .refer_group_to_bank(&actor, id, &form.input(), confirmed)
                .await
        }
    };
    let typed = FormView::of(form).with("confirm", "").unlabelled();
    match result {
        Ok(ReferralOutcome::Warned(warnings)) => {
            let views = warning_views(&warnings, who.session.user.money_unit, who.lang());
            let typed = typed.with("confirm", "1");
            page(&new_page(state, who, referred, typed, views).await?)
        }
        result => {
            typed
                .answer(
                    result,
                    who.lang(),
                    |outcome| match outcome {
                        ReferralOutcome::Referred(ids) if ids.len() == 1 => {
                            done(&format!("/bank-loans/{}", ids[0]), "bank-loans-referred")
                        }
                        _ => done("/bank-loans", "bank-loans-referred"),
                    },
                    |typed| new_page(state, who, referred, typed, Vec::new()),
                )
                .await
        }
    }
}

// ---------------------------------------------------------------------------------------
// A referral's page

/// A guarantor in words.
pub struct GuarantorLine {
    pub name: String,
    pub national_id: String,
    pub woman_href: Option<String>,
}

/// A line of the schedule.
pub struct DueLine {
    pub number: String,
    pub due_on: String,
    pub amount: String,
    pub late: bool,
}

/// An instalment paid.
pub struct PaidLine {
    pub paid_on: String,
    pub amount: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "bank_loan.html")]
struct LoanTemplate {
    ctx: PageCtx,
    id: BankLoanId,
    line: LoanLine,
    facts: Vec<(String, String)>,
    guarantors: Vec<GuarantorLine>,
    schedule: Vec<DueLine>,
    paid: Vec<PaidLine>,
    can_change: bool,
    status: LoanStatus,
    refused: String,
    errors: Vec<String>,
    form: FormView,
    today: String,
}

/// Basis points as a percentage: 400 is "4", 425 is "4.25".
fn percent(basis_points: i64) -> String {
    match basis_points % 100 {
        0 => (basis_points / 100).to_string(),
        cents => format!("{}.{:02}", basis_points / 100, cents),
    }
}

fn facts(who: &LoggedIn, view: &BankLoanView) -> Vec<(String, String)> {
    let lang = who.lang();
    let loan = &view.loan;
    let mut facts = vec![
        (
            lang.t("bank-loans-amount_asked").to_owned(),
            money(who, loan.amount_rials),
        ),
        (
            lang.t("bank-loans-fee").to_owned(),
            lang.tr(
                "bank-loans-fee_disclosed",
                &[
                    (
                        "percent",
                        Arg::Text(&lang.digits(&percent(loan.fee_basis_points))),
                    ),
                    ("amount", Arg::Text(&money(who, view.repayment.fee.value()))),
                ],
            ),
        ),
        (
            lang.t("bank-loans-term").to_owned(),
            lang.tr(
                "bank-loans-months",
                &[("count", Arg::Number(loan.term_months))],
            ),
        ),
        (
            lang.t("bank-loans-referred_on").to_owned(),
            format::date(loan.referred_on, lang),
        ),
    ];
    if loan.warned_facilities > 0 {
        facts.push((
            lang.t("bank-loans-warned").to_owned(),
            lang.tr(
                "bank-loans-warned_count",
                &[("count", Arg::Number(loan.warned_facilities))],
            ),
        ));
    }
    if !loan.note.is_empty() {
        facts.push((lang.t("bank-loans-note").to_owned(), loan.note.clone()));
    }
    if let Some(day) = loan.decided_on {
        let mut decided = format::date(day, lang);
        if let Some(amount) = loan.approved_amount_rials {
            decided = format!("{decided} · {}", money(who, amount));
        }
        if !loan.decision_note.is_empty() {
            decided = format!("{decided} · {}", loan.decision_note);
        }
        facts.push((lang.t("bank-loans-decided_on").to_owned(), decided));
    }
    if let (Some(day), Some(amount)) = (loan.disbursed_on, loan.disbursed_amount_rials) {
        facts.push((
            lang.t("bank-loans-disbursed_on").to_owned(),
            format!("{} · {}", format::date(day, lang), money(who, amount)),
        ));
        facts.push((
            lang.t("bank-loans-total").to_owned(),
            money(who, view.repayment.total.value()),
        ));
    }
    if let Some(day) = loan.closed_on {
        let mut closed = format::date(day, lang);
        if !loan.closing_note.is_empty() {
            closed = format!("{closed} · {}", loan.closing_note);
        }
        facts.push((lang.t("bank-loans-closed_on").to_owned(), closed));
    }
    facts
}

async fn loan_page(
    state: &AppState,
    who: &LoggedIn,
    id: BankLoanId,
    refused: (&str, FormView),
    notice: Option<&str>,
) -> WebResult<LoanTemplate> {
    let actor = who.actor();
    let lang = who.lang();
    let (refused, form) = refused;
    let view = state.app.bank_loan(&actor, id, refused.is_empty()).await?;
    let name = format!("{} {}", view.first_name, view.last_name);
    let today = state.app.today();
    let covered = view.repayment.paid.value();
    let mut running = 0_i64;
    Ok(LoanTemplate {
        ctx: PageCtx::for_user(&state.app, who, "bank-loans-loan_title").with_notice(notice),
        id,
        line: loan_line(who, &view.loan, name, &view.repayment),
        facts: facts(who, &view),
        guarantors: view
            .guarantors
            .iter()
            .map(|g| GuarantorLine {
                name: g.name.clone(),
                national_id: lang.digits(&g.national_id),
                woman_href: g.woman_id.map(|w| format!("/women/{w}")),
            })
            .collect(),
        schedule: view
            .repayment
            .schedule
            .iter()
            .map(|due| {
                running += due.amount.value();
                DueLine {
                    number: lang.number(i64::from(due.number)),
                    due_on: format::date(due.due_on, lang),
                    amount: money(who, due.amount.value()),
                    late: due.due_on <= today && running > covered,
                }
            })
            .collect(),
        paid: view
            .instalments
            .iter()
            .map(|i| PaidLine {
                paid_on: format::date(i.paid_on, lang),
                amount: money(who, i.amount_rials),
                note: i.note.clone(),
            })
            .collect(),
        can_change: loans::may_refer(&actor) && !view.loan.status.is_final(),
        status: view.loan.status,
        refused: refused.to_owned(),
        errors: form.messages(),
        form,
        today: format::date(today, lang),
    })
}

/// `/bank-loans/{id}`.
pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<BankLoanId>,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    page(
        &loan_page(
            &state,
            &who,
            id,
            ("", FormView::default()),
            notice.done.as_deref(),
        )
        .await?,
    )
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct StepForm {
    pub decision: String,
    pub on: String,
    pub amount: String,
    pub note: String,
}

impl StepForm {
    fn input(&self) -> StepInput {
        StepInput {
            decision: self.decision.clone(),
            on: self.on.clone(),
            amount: self.amount.clone(),
            note: self.note.clone(),
        }
    }
}

/// Which step a form posts.
#[derive(Clone, Copy)]
enum Step {
    Decision,
    Disbursement,
    Instalment,
    Settle,
    Default,
    Withdraw,
}

impl Step {
    const fn name(self) -> &'static str {
        match self {
            Step::Decision => "decision",
            Step::Disbursement => "disbursement",
            Step::Instalment => "instalment",
            Step::Settle => "settle",
            Step::Default => "default",
            Step::Withdraw => "withdraw",
        }
    }

    const fn notice(self) -> &'static str {
        match self {
            Step::Decision => "bank-loans-decided",
            Step::Disbursement => "bank-loans-disbursed",
            Step::Instalment => "bank-loans-instalment_recorded",
            Step::Settle => "bank-loans-settled",
            Step::Default => "bank-loans-defaulted",
            Step::Withdraw => "bank-loans-withdrawn",
        }
    }
}

async fn post_step(
    state: AppState,
    who: LoggedIn,
    id: BankLoanId,
    form: StepForm,
    step: Step,
) -> WebResult<Response> {
    let actor = who.actor();
    let input = form.input();
    let app = &state.app;
    let result: Result<(), AppError> = match step {
        Step::Decision => app.record_bank_decision(&actor, id, &input).await,
        Step::Disbursement => app.record_bank_disbursement(&actor, id, &input).await,
        Step::Instalment => app
            .record_bank_instalment(&actor, id, &input)
            .await
            .map(|_| ()),
        Step::Settle => app.settle_bank_loan(&actor, id, &input).await,
        Step::Default => app.record_bank_default(&actor, id, &input).await,
        Step::Withdraw => app.withdraw_bank_loan(&actor, id, &input).await,
    };
    FormView::of(&form)
        .unlabelled()
        .answer(
            result,
            who.lang(),
            |()| back_to(&format!("/bank-loans/{id}"), step.notice(), "steps"),
            |typed| loan_page(&state, &who, id, (step.name(), typed), None),
        )
        .await
}

/// `POST /bank-loans/{id}/decision`.
pub async fn decide(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<BankLoanId>,
    Form(form): Form<StepForm>,
) -> WebResult<Response> {
    post_step(state, who, id, form, Step::Decision).await
}

/// `POST /bank-loans/{id}/disbursement`.
pub async fn disburse(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<BankLoanId>,
    Form(form): Form<StepForm>,
) -> WebResult<Response> {
    post_step(state, who, id, form, Step::Disbursement).await
}

/// `POST /bank-loans/{id}/instalments`.
pub async fn instalment(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<BankLoanId>,
    Form(form): Form<StepForm>,
) -> WebResult<Response> {
    post_step(state, who, id, form, Step::Instalment).await
}

/// `POST /bank-loans/{id}/settle`.
pub async fn settle(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<BankLoanId>,
    Form(form): Form<StepForm>,
) -> WebResult<Response> {
    post_step(state, who, id, form, Step::Settle).await
}

/// `POST /bank-loans/{id}/default`.
pub async fn default(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<BankLoanId>,
    Form(form): Form<StepForm>,
) -> WebResult<Response> {
    post_step(state, who, id, form, Step::Default).await
}

/// `POST /bank-loans/{id}/withdraw`.
pub async fn withdraw(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<BankLoanId>,
    Form(form): Form<StepForm>,
) -> WebResult<Response> {
    post_step(state, who, id, form, Step::Withdraw).await
}
