//! The grant proposal form (`/money/grants/new`): the recipient (a group in scope, or a
//! woman by national ID), the grant line chooser with what is left on each line, and the
//! table of tranches with their planned dates and release conditions. The form arrives as
//! pairs (a tranche's ticked conditions share a name); a refused proposal is drawn again with
//! what was typed.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::Response;
use hamyar_app::grants::GrantInput;
use hamyar_app::groups::GroupListFilter;
use hamyar_app::{AppError, Permission};
use hamyar_domain::FiscalYear;
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::grants::{ConditionCode, GrantFormInput, MAX_TRANCHES, TrancheFormInput};
use hamyar_i18n::Lang;
use hamyar_reports::format;
use serde::Deserialize;

use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::codes::{self, Choice};
use crate::pages::form::FormView;
use crate::pages::pairs::Pairs;
use crate::pages::{done, page};
use crate::state::AppState;

pub struct ConditionBox {
    pub code: &'static str,
    pub label: &'static str,
    pub checked: bool,
}

pub struct TrancheRowForm {
    pub n: usize,
    pub amount: String,
    pub planned_on: String,
    pub visit_days: String,
    pub training_share: String,
    pub conditions: Vec<ConditionBox>,
    pub errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "grant_form.html")]
struct FormTemplate {
    ctx: PageCtx,
    form: FormView,
    lines: Vec<Choice>,
    groups: Vec<Choice>,
    tranches: Vec<TrancheRowForm>,
}

/// The grant lines of this fiscal year the actor reaches, with what is left on each.
async fn line_choices(state: &AppState, who: &LoggedIn) -> WebResult<Vec<Choice>> {
    let actor = who.actor();
    let lang = who.lang();
    let year = FiscalYear::of(state.app.today());
    let lines = state.app.budget_lines(&actor, year, None, None).await?;
    let tree = state.app.place_tree().await?;
    let unit = who.session.user.money_unit;
    Ok(lines
        .iter()
        .filter(|view| view.category == BudgetCategory::Grant)
        .map(|view| {
            let place = view.line.county_id.unwrap_or(view.line.province_id);
            Choice::new(
                view.line.id.to_string(),
                format!(
                    "{} {} — {} — {} {}",
                    codes::label(view.category, lang),
                    lang.digits(&view.line.fiscal_year.to_string()),
                    tree.label(place, lang.is_english()),
                    lang.t("grants-left"),
                    format::money(view.figures.left_rials(), unit, lang),
                ),
            )
        })
        .collect())
}

/// The most pages of groups the chooser reads (50 a page): a province's groups fit.
const GROUP_PAGES: i64 = 20;

/// Groups in the actor's place that may still receive a grant, by page of the group list.
async fn group_choices(state: &AppState, who: &LoggedIn) -> WebResult<Vec<Choice>> {
    let actor = who.actor();
    if !actor.can(Permission::ViewGroups) {
        return Ok(Vec::new());
    }
    let lang = who.lang();
    let mut choices = Vec::new();
    for number in 1..=GROUP_PAGES {
        let page = state
            .app
            .list_groups(
                &actor,
                &GroupListFilter {
                    page: number,
                    ..GroupListFilter::default()
                },
                lang.is_english(),
            )
            .await?;
        choices.extend(
            page.rows
                .iter()
                .filter(|row| !hamyar_domain::groups::lifecycle::has_ended(row.stage))
                .map(|row| {
                    Choice::new(
                        row.id.to_string(),
                        format!(
                            "{} ({}) — {}",
                            row.name,
                            lang.digits(&row.code),
                            row.county_name
                        ),
                    )
                }),
        );
        if !page.has_next {
            break;
        }
    }
    Ok(choices)
}

/// A tranche's row of the form as typed (its condition boxes share a name).
fn tranche(pairs: &Pairs, n: usize) -> TrancheFormInput {
    TrancheFormInput {
        amount: pairs.one(&format!("tranche_{n}_amount")),
        planned_on: pairs.one(&format!("tranche_{n}_planned_on")),
        conditions: pairs.all(&format!("tranche_{n}_conditions")),
        visit_days: pairs.one(&format!("tranche_{n}_visit_days")),
        training_share: pairs.one(&format!("tranche_{n}_training_share")),
    }
}

/// The proposal as typed.
fn grant_input(pairs: &Pairs) -> GrantInput {
    GrantInput {
        line_id: pairs.one("line_id"),
        group_id: pairs.one("group_id"),
        national_id: pairs.one("national_id"),
        form: GrantFormInput {
            purpose: pairs.one("grant_purpose"),
            total: pairs.one("total"),
            tranches: (1..=MAX_TRANCHES).map(|n| tranche(pairs, n)).collect(),
        },
    }
}

fn tranche_rows(input: &GrantInput, form: &FormView, lang: Lang) -> Vec<TrancheRowForm> {
    (1..=MAX_TRANCHES)
        .map(|n| {
            let typed = input.form.tranches.get(n - 1).cloned().unwrap_or_default();
            let errors = ["amount", "planned_on", "conditions"]
                .iter()
                .flat_map(|part| form.errs(&format!("tranche_{n}_{part}")))
                .map(str::to_owned)
                .collect();
            TrancheRowForm {
                n,
                conditions: ConditionCode::ALL
                    .iter()
                    .map(|code| ConditionBox {
                        code: code.code(),
                        label: codes::label(*code, lang),
                        checked: typed.conditions.iter().any(|c| c == code.code()),
                    })
                    .collect(),
                amount: typed.amount,
                planned_on: typed.planned_on,
                visit_days: typed.visit_days,
                training_share: typed.training_share,
                errors,
            }
        })
        .collect()
}

async fn form_page(
    state: &AppState,
    who: &LoggedIn,
    input: &GrantInput,
    form: FormView,
) -> WebResult<FormTemplate> {
    Ok(FormTemplate {
        ctx: PageCtx::for_user(&state.app, who, "grants-new_title"),
        lines: line_choices(state, who).await?,
        groups: group_choices(state, who).await?,
        tranches: tranche_rows(input, &form, who.lang()),
        form,
    })
}

fn typed_values(input: &GrantInput) -> FormView {
    FormView::with_values([
        ("line_id", input.line_id.as_str()),
        ("group_id", input.group_id.as_str()),
        ("national_id", input.national_id.as_str()),
        ("grant_purpose", input.form.purpose.as_str()),
        ("total", input.form.total.as_str()),
    ])
}

#[derive(Debug, Default, Deserialize)]
pub struct NewQuery {
    #[serde(default)]
    group: String,
}

pub async fn new_form(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<NewQuery>,
) -> WebResult<Response> {
    who.actor().require(Permission::ProposeSpending)?;
    let input = GrantInput {
        group_id: query.group,
        ..GrantInput::default()
    };
    page(&form_page(&state, &who, &input, typed_values(&input)).await?)
}

/// The domain names the purpose `purpose`; the form calls it `grant_purpose` so that its
/// label is not the visit form's «هدف بازدید».
fn rename_purpose(error: AppError) -> AppError {
    match error {
        AppError::Invalid(mut fields) => {
            for field in &mut fields {
                if field.field == "purpose" {
                    field.field = "grant_purpose";
                }
            }
            AppError::Invalid(fields)
        }
        other => other,
    }
}

pub async fn create(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    let input = grant_input(&Pairs(pairs));
    let result = state
        .app
        .propose_grant(&who.actor(), &input)
        .await
        .map_err(rename_purpose);
    typed_values(&input)
        .answer(
            result,
            who.lang(),
            |id| done(&format!("/money/grants/{id}"), "grants-proposed"),
            |form| form_page(&state, &who, &input, form),
        )
        .await
}
