//! One loan of a group's fund (`/fund/loans/{id}`): the borrower and her guarantors, the
//! principal, the service fee disclosed in rials and as a percent of the principal, the term,
//! how it was allocated (by turn or by a recorded draw), every version of its schedule with
//! the reason it was made, her repayments, what is still owed and how late she is; and, for
//! those who keep the fund while the loan is open, the forms that reschedule what is owed
//! (`POST …/reschedule`) and write it off by the group's decision (`POST …/write-off`).

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::fund::loans::{RescheduleInput, WriteOffInput};
use hamyar_app::ports::fund::FundLoanId;
use hamyar_app::ports::groups::GroupId;
use hamyar_i18n::Arg;
use hamyar_reports::format;

use super::page::{Fact, allocation_key, late_words, loan_state};
use super::{may_keep, percent};
use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::form::FormView;
use crate::pages::{Notice, back_to, page};
use crate::state::AppState;

/// One version of the schedule.
pub struct ScheduleView {
    pub title: String,
    pub reason: String,
    /// Each instalment: number, day, amount.
    pub lines: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "fund_loan.html")]
struct LoanTemplate {
    ctx: PageCtx,
    id: FundLoanId,
    group_id: GroupId,
    group: String,
    borrower: String,
    state: &'static str,
    badge: &'static str,
    facts: Vec<Fact>,
    guarantors: Vec<String>,
    schedules: Vec<ScheduleView>,
    repayments: Vec<(String, String)>,
    closing: Option<String>,
    /// The forms are offered while the loan is open to whoever keeps the fund.
    forms: bool,
    reschedule: FormView,
    write_off: FormView,
}

async fn loan_page(
    state: &AppState,
    who: &LoggedIn,
    id: FundLoanId,
    reschedule: FormView,
    write_off: FormView,
    notice: Option<&str>,
) -> WebResult<LoanTemplate> {
    let actor = who.actor();
    let lang = who.lang();
    let unit = who.session.user.money_unit;
    let view = state.app.fund_loan(&actor, id).await?;
    let loan = &view.loan;
    let (state_key, badge) = loan_state(&loan.state);
    let fee_basis_points = if loan.principal_rials > 0 {
        i64::try_from(i128::from(loan.fee_rials) * 10_000 / i128::from(loan.principal_rials))
            .unwrap_or(0)
    } else {
        0
    };
    let facts = vec![
        Fact {
            label: "fund-page-disbursed_on",
            value: format::date(loan.disbursed_on, lang),
        },
        Fact {
            label: "fund-page-principal",
            value: format::money(loan.principal_rials, unit, lang),
        },
        Fact {
            label: "fund-page-fee",
            value: lang.tr(
                "fund-page-fee_disclosed",
                &[
                    (
                        "amount",
                        Arg::Text(&format::money(loan.fee_rials, unit, lang)),
                    ),
                    ("percent", Arg::Text(&percent(fee_basis_points, lang))),
                ],
            ),
        },
        Fact {
            label: "fund-page-owed_total",
            value: format::money(loan.principal_rials + loan.fee_rials, unit, lang),
        },
        Fact {
            label: "fund-page-term",
            value: lang.tr(
                "fund-page-months",
                &[("months", Arg::Number(loan.term_months))],
            ),
        },
        Fact {
            label: "fund-page-allocation",
            value: lang.t(allocation_key(loan.allocation)).to_owned(),
        },
        Fact {
            label: "fund-page-repaid",
            value: format::money(view.repaid, unit, lang),
        },
        Fact {
            label: "fund-page-written_off_amount",
            value: format::money(view.written_off, unit, lang),
        },
        Fact {
            label: "fund-page-outstanding",
            value: format::money(view.outstanding, unit, lang),
        },
        Fact {
            label: "fund-page-lateness",
            value: late_words(view.days_late, lang),
        },
    ];
    let schedules = view
        .schedules
        .iter()
        .rev()
        .map(|s| ScheduleView {
            title: lang.tr(
                "fund-page-schedule_title",
                &[
                    ("version", Arg::Number(s.version)),
                    ("day", Arg::Text(&format::date(s.effective_on, lang))),
                ],
            ),
            reason: s.reason.clone(),
            lines: s
                .instalments
                .iter()
                .map(|i| {
                    (
                        lang.number(i64::from(i.number)),
                        format::date(i.due_on, lang),
                        format::money(i.amount.value(), unit, lang),
                    )
                })
                .collect(),
        })
        .collect();
    let closing = loan.closed_on.map(|day| {
        let mut text = lang.tr(
            "fund-page-closed_on",
            &[("day", Arg::Text(&format::date(day, lang)))],
        );
        if let Some(reason) = &loan.write_off_reason {
            text.push_str(" — ");
            text.push_str(reason);
        }
        text
    });
    let today = format::date(state.app.today(), lang);
    Ok(LoanTemplate {
        ctx: PageCtx::for_user(&state.app, who, "fund-page-loan_title").with_notice(notice),
        id,
        group_id: view.group.id,
        group: view.group.record.name.clone(),
        borrower: view.borrower.clone(),
        state: lang.t(state_key),
        badge,
        facts,
        guarantors: view.guarantors.clone(),
        schedules,
        repayments: view
            .repayments
            .iter()
            .map(|(day, amount)| (format::date(*day, lang), format::money(*amount, unit, lang)))
            .collect(),
        closing,
        forms: loan.state == "active" && may_keep(&actor, &view.group),
        reschedule: with_day(reschedule, &today),
        write_off: with_day(write_off, &today),
    })
}

fn with_day(form: FormView, today: &str) -> FormView {
    if form.value("on").is_empty() {
        form.with("on", today)
    } else {
        form
    }
}

/// `GET /fund/loans/{id}`.
pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<FundLoanId>,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    who.actor().require(Permission::ViewFund)?;
    page(
        &loan_page(
            &state,
            &who,
            id,
            FormView::default(),
            FormView::default(),
            notice.done.as_deref(),
        )
        .await?,
    )
}

/// `POST /fund/loans/{id}/reschedule`.
pub async fn reschedule(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<FundLoanId>,
    Form(input): Form<RescheduleInput>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::KeepFund)?;
    let result = state.app.reschedule_fund_loan(&actor, id, &input).await;
    FormView::with_values([
        ("on", input.on.as_str()),
        ("months", input.months.as_str()),
        ("reason", input.reason.as_str()),
    ])
    .unlabelled()
    .answer(
        result,
        who.lang(),
        |_| {
            back_to(
                &format!("/fund/loans/{id}"),
                "fund-page-rescheduled",
                "schedules",
            )
        },
        |form| loan_page(&state, &who, id, form, FormView::default(), None),
    )
    .await
}

/// `POST /fund/loans/{id}/write-off`.
pub async fn write_off(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<FundLoanId>,
    Form(input): Form<WriteOffInput>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::KeepFund)?;
    let result = state.app.write_off_fund_loan(&actor, id, &input).await;
    FormView::with_values([("on", input.on.as_str()), ("reason", input.reason.as_str())])
        .unlabelled()
        .answer(
            result,
            who.lang(),
            |_| {
                back_to(
                    &format!("/fund/loans/{id}"),
                    "fund-page-written_off",
                    "loan",
                )
            },
            |form| loan_page(&state, &who, id, FormView::default(), form, None),
        )
        .await
}
