//! A provider's page (`/training/providers/{id}`): who it is, its contracts — number, signed
//! on, period, the line that pays it, the amount, what the ledger paid for its runs under that
//! line within the period, what waits to be paid and what is left — and the form that records
//! a contract. The figures are the app's (`App::provider_contracts`, summed from payments);
//! the page only writes them in the reader's unit and digits. A refused form draws the page
//! again (422) with every message under its field and nothing written.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::ports::training::ProviderId;
use hamyar_app::training::{ContractInput, ContractView};
use hamyar_domain::training::{ContractDraft, ProviderKind};
use hamyar_i18n::Lang;
use hamyar_reports::format;
use serde::{Deserialize, Serialize};

use super::plan::line_choices;
use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::codes::{self, Choice};
use crate::pages::form::FormView;
use crate::pages::spending::money;
use crate::pages::{Notice, back_to, page};
use crate::state::AppState;

/// One contract as the page lists it.
pub struct ContractLine {
    pub number: String,
    pub signed_on: String,
    pub period: String,
    pub line: String,
    pub amount: String,
    pub paid: String,
    pub pending: String,
    pub remaining: String,
    /// `badge-ok`, or `badge-warning` when what waits would pass it, `badge-danger` when the
    /// ledger already passed it.
    pub badge: &'static str,
    pub note: String,
}

fn contract_line(view: &ContractView, who: &LoggedIn, lang: Lang) -> ContractLine {
    let contract = &view.contract;
    let balance = view.balance;
    let category = if lang.is_english() {
        view.category.label_en()
    } else {
        view.category.label_fa()
    };
    ContractLine {
        number: lang.digits(&contract.contract_no),
        signed_on: format::date(contract.signed_on, lang),
        period: format!(
            "{} – {}",
            format::date(contract.period_from, lang),
            format::date(contract.period_to, lang)
        ),
        line: format!(
            "{category} {}",
            lang.number(i64::from(view.line.fiscal_year))
        ),
        amount: money(who, balance.amount_rials),
        paid: money(who, balance.paid_rials),
        pending: money(who, balance.pending_rials),
        remaining: money(who, balance.remaining_rials),
        badge: if balance.overspent() {
            "badge-danger"
        } else if balance.pending_exceeds() {
            "badge-warning"
        } else {
            "badge-ok"
        },
        note: contract.note.clone(),
    }
}

#[derive(Template)]
#[template(path = "training_provider.html")]
struct ProviderTemplate {
    ctx: PageCtx,
    id: ProviderId,
    name: String,
    kind: String,
    phone: String,
    contracts: Vec<ContractLine>,
    lines: Vec<Choice>,
    form: FormView,
}

async fn provider_page(
    state: &AppState,
    who: &LoggedIn,
    id: ProviderId,
    form: FormView,
    notice: Option<&str>,
) -> WebResult<ProviderTemplate> {
    let actor = who.actor();
    let lang = who.lang();
    let page = state.app.provider_contracts(&actor, id).await?;
    let provider = &page.provider;
    Ok(ProviderTemplate {
        ctx: PageCtx::for_user(&state.app, who, "training-plans-provider_title")
            .with_notice(notice),
        id,
        name: provider.name.clone(),
        kind: codes::label_of::<ProviderKind>(&provider.kind, lang),
        phone: lang.digits(provider.phone.as_deref().unwrap_or("")),
        contracts: page
            .contracts
            .iter()
            .map(|c| contract_line(c, who, lang))
            .collect(),
        lines: line_choices(state, who).await?,
        form,
    })
}

/// `/training/providers/{id}`.
pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<ProviderId>,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    who.actor().require(Permission::ManageTraining)?;
    page(
        &provider_page(
            &state,
            &who,
            id,
            FormView::default(),
            notice.done.as_deref(),
        )
        .await?,
    )
}

/// The contract form as posted.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ContractForm {
    pub contract_no: String,
    pub signed_on: String,
    pub period_from: String,
    pub period_to: String,
    pub amount: String,
    pub budget_line_id: String,
    pub note: String,
}

/// `POST /training/providers/{id}/contracts`.
pub async fn add(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<ProviderId>,
    Form(form): Form<ContractForm>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::ManageTraining)?;
    let input = ContractInput {
        draft: ContractDraft {
            contract_no: form.contract_no.clone(),
            signed_on: form.signed_on.clone(),
            period_from: form.period_from.clone(),
            period_to: form.period_to.clone(),
            amount: form.amount.clone(),
            note: form.note.clone(),
        },
        budget_line_id: form.budget_line_id.clone(),
    };
    let result = state.app.add_contract(&actor, id, &input).await;
    FormView::of(&form)
        .answer(
            result,
            who.lang(),
            |_| {
                back_to(
                    &format!("/training/providers/{id}"),
                    "training-plans-contract_added",
                    "contracts",
                )
            },
            |form| provider_page(&state, &who, id, form, None),
        )
        .await
}
