//! The share-out of a group's fund (`/groups/{id}/fund/share-out`): what sharing out the open
//! cycle would pay each woman now — her shares, her savings, her payout and her part of the
//! surplus — with what is divided (the box and the bank less the social fund) and, when loans
//! are still owed, why it cannot be made yet; and the form that makes it on a day
//! (`POST`), after which the cycle is closed and the next one starts clean.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::ports::groups::GroupId;
use hamyar_i18n::Arg;
use hamyar_reports::format;
use serde::Deserialize;

use super::page::Fact;
use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::form::FormView;
use crate::pages::{back_to, page};
use crate::state::AppState;

/// One woman's part.
pub struct PartView {
    pub name: String,
    pub shares: String,
    pub savings: String,
    pub payout: String,
    pub profit: String,
}

#[derive(Template)]
#[template(path = "fund_share_out.html")]
struct ShareOutTemplate {
    ctx: PageCtx,
    id: GroupId,
    name: String,
    /// `None` when no cycle is open.
    cycle: Option<String>,
    facts: Vec<Fact>,
    parts: Vec<PartView>,
    /// Why it cannot be made now (message texts).
    refusals: Vec<String>,
    keep: bool,
    form: FormView,
}

/// The share-out's form.
#[derive(Debug, Default, Deserialize, serde::Serialize)]
#[serde(default)]
pub struct ShareOutForm {
    pub on: String,
}

async fn plan_page(
    state: &AppState,
    who: &LoggedIn,
    id: GroupId,
    form: FormView,
) -> WebResult<ShareOutTemplate> {
    let actor = who.actor();
    let lang = who.lang();
    let unit = who.session.user.money_unit;
    // The fund's screen names the group and says whether the reader may keep it.
    let screen = state.app.fund_screen(&actor, id).await?;
    let plan = state.app.share_out_plan(&actor, id).await?;
    let mut refusals = Vec::new();
    let (cycle, facts, parts) = match &plan {
        None => (None, Vec::new(), Vec::new()),
        Some(plan) => {
            if plan.loans_outstanding != 0 {
                refusals.push(lang.tr(
                    "fund-page-share_out_loans",
                    &[(
                        "amount",
                        Arg::Text(&format::money(plan.loans_outstanding, unit, lang)),
                    )],
                ));
            }
            if plan.total_shares <= 0 {
                refusals.push(lang.t("fund-page-share_out_no_shares").to_owned());
            }
            let facts = [
                ("fund-page-cash", plan.cash),
                ("fund-page-bank", plan.bank),
                ("fund-page-social_fund", plan.social),
                ("fund-page-surplus", plan.surplus),
                ("fund-page-distributable", plan.distributable),
            ]
            .into_iter()
            .map(|(label, rials)| Fact {
                label,
                value: format::money(rials, unit, lang),
            })
            .chain([Fact {
                label: "fund-page-total_shares",
                value: lang.number(plan.total_shares),
            }])
            .collect();
            let parts = plan
                .lines
                .iter()
                .map(|(part, name)| PartView {
                    name: name.clone(),
                    shares: lang.number(part.shares),
                    savings: format::money(part.savings, unit, lang),
                    payout: format::money(part.payout, unit, lang),
                    profit: format::money(part.profit(), unit, lang),
                })
                .collect();
            let cycle = lang.tr(
                "fund-page-cycle_title",
                &[
                    ("number", Arg::Number(plan.cycle.number)),
                    ("from", Arg::Text(&format::date(plan.cycle.starts_on, lang))),
                    ("to", Arg::Text(&format::date(plan.cycle.ends_on, lang))),
                ],
            );
            (Some(cycle), facts, parts)
        }
    };
    let form = if form.value("on").is_empty() {
        form.with("on", format::date(screen.today, lang))
    } else {
        form
    };
    Ok(ShareOutTemplate {
        ctx: PageCtx::for_user(&state.app, who, "fund-page-share_out_title"),
        id,
        name: screen.group.record.name.clone(),
        keep: plan.is_some() && refusals.is_empty() && super::may_keep(&actor, &screen.group),
        cycle,
        facts,
        parts,
        refusals,
        form,
    })
}

/// `GET /groups/{id}/fund/share-out`.
pub async fn plan(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
) -> WebResult<Response> {
    who.actor().require(Permission::ViewFund)?;
    page(&plan_page(&state, &who, id, FormView::default()).await?)
}

/// `POST /groups/{id}/fund/share-out`: shares out the open cycle on the day given.
pub async fn share_out(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
    Form(input): Form<ShareOutForm>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::KeepFund)?;
    let result = state.app.share_out_fund(&actor, id, &input.on).await;
    FormView::of(&input)
        .unlabelled()
        .answer(
            result,
            who.lang(),
            |_| {
                back_to(
                    &format!("/groups/{id}/fund"),
                    "fund-page-shared_out",
                    "cycle",
                )
            },
            |form| plan_page(&state, &who, id, form),
        )
        .await
}
