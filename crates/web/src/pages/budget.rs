//! The budget page (`/money/budget`): a province's lines for a fiscal year — the province's
//! own and its counties' — with budget, committed, paid and what is left, and for people who
//! manage budgets three forms: the year's budget (one new total per category, for the
//! province or a county), dividing a province line to a county, and an amendment (a negative
//! amount cuts). Each form carries a hidden idempotency key made when the form is drawn, so a
//! double submit posts once; a refused form is drawn again with the Persian message under
//! its field (422) and nothing written. Amounts are shown in the user's money unit.
//!
//! A card shows whether the fiscal year is closed for the province, with a button to close it
//! (provincial experts) or a form to reopen it with a reason (national experts); the other
//! forms' date fields take the day the money moved, and a closed year refuses them there.
//!
//! The helpers at the bottom (which year and province a page is about, money in the user's
//! unit) are shared with the money reports (`money_reports.rs`).

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::Response;
use hamyar_app::access::PlaceId;
use hamyar_app::budget::{AllocationInput, BudgetLineView, DivisionInput, YearBudgetInput};
use hamyar_app::places::PlaceTree;
use hamyar_app::ports::budget::BudgetLineId;
use hamyar_app::{Actor, Permission};
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::money::MoneyUnit;
use hamyar_domain::{FiscalYear, JalaliDate, Message};
use hamyar_reports::format;
use serde::{Deserialize, Serialize};

use crate::context::{LoggedIn, PageCtx};
use crate::error::{WebError, WebResult};
use crate::pages::form::FormView;
use crate::pages::{done, page};
use crate::state::AppState;
use hamyar_i18n::Lang;

/// Which fiscal year and province a money page is about, as asked in its query.
#[derive(Debug, Default, Deserialize)]
pub struct MoneyQuery {
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub province: String,
    #[serde(default)]
    pub as_of: String,
    pub done: Option<String>,
}

/// A year asked for (any digits), or the current fiscal year.
pub(crate) fn year_or_current(state: &AppState, text: &str) -> FiscalYear {
    let digits = hamyar_domain::digits::to_latin_digits(text);
    digits
        .trim()
        .parse::<i32>()
        .ok()
        .and_then(|year| FiscalYear::new(year).ok())
        .unwrap_or_else(|| FiscalYear::of(state.app.today()))
}

/// The province asked for if the actor's scope reaches it, else the actor's own province,
/// else the first province (a country-wide user who asked for none).
pub(crate) fn province_for(tree: &PlaceTree, actor: &Actor, text: &str) -> WebResult<PlaceId> {
    let asked = super::number::<PlaceId>(text);
    let id = match (actor.scope.province(), asked) {
        (Some(own), _) => own,
        (None, Some(id)) => id,
        (None, None) => tree
            .provinces()
            .next()
            .map(|p| p.id)
            .ok_or(WebError::from(hamyar_app::AppError::NotFound))?,
    };
    Ok(id)
}

/// The provinces the actor may pick: (id, name).
pub(crate) fn province_choices(
    tree: &PlaceTree,
    actor: &Actor,
    lang: Lang,
) -> Vec<(String, String)> {
    tree.provinces()
        .filter(|p| actor.scope.province().is_none_or(|own| own == p.id))
        .map(|p| (p.id.to_string(), p.name(lang.is_english()).to_owned()))
        .collect()
}

/// A fresh idempotency key for a form being drawn.
fn form_key() -> String {
    let token = hamyar_app::sessions::random_token();
    format!("web.{}", &token[..token.len().min(32)])
}

/// One line as the table shows it.
pub struct LineRowView {
    pub id: BudgetLineId,
    pub place: String,
    pub category: String,
    pub budget: String,
    pub committed: String,
    pub paid: String,
    pub left: String,
}

/// Which form was refused, with what was typed and the messages.
enum Refused {
    Year(FormView),
    Divide(FormView),
    Amend(FormView),
    Closing(FormView),
}

/// The fiscal year's state as the page's card shows it.
pub struct YearStateView {
    pub closed: bool,
    /// «name · date», or empty.
    pub closed_by: String,
    pub reopened_by: String,
    pub reopen_reason: String,
    pub can_close: bool,
    pub can_reopen: bool,
}

fn year_state_view(state: &hamyar_app::budget::FiscalYearState, lang: Lang) -> YearStateView {
    let who_when = |name: &Option<String>, at: Option<jiff::Timestamp>| match (name, at) {
        (Some(name), Some(at)) => {
            format!("{name} · {}", hamyar_reports::format::date_time(at, lang))
        }
        _ => String::new(),
    };
    YearStateView {
        closed: state.closed,
        closed_by: who_when(&state.closed_by_name, state.closed_at),
        reopened_by: who_when(&state.reopened_by_name, state.reopened_at),
        reopen_reason: state.reopen_reason.clone().unwrap_or_default(),
        can_close: state.can_close,
        can_reopen: state.can_reopen,
    }
}

#[derive(Template)]
#[template(path = "budget.html")]
struct BudgetTemplate {
    ctx: PageCtx,
    year: String,
    year_number: i32,
    province_id: PlaceId,
    provinces: Vec<(String, String)>,
    counties: Vec<(String, String)>,
    lines: Vec<LineRowView>,
    province_lines: Vec<(String, String)>,
    all_lines: Vec<(String, String)>,
    categories: Vec<(String, String)>,
    can_manage: bool,
    year_form: FormView,
    divide_form: FormView,
    amend_form: FormView,
    year_state: YearStateView,
    closing_form: FormView,
}

fn place_name(tree: &PlaceTree, view: &BudgetLineView, lang: Lang) -> String {
    match view.line.county_id {
        None => lang.t("budget-province_office").to_owned(),
        Some(id) => tree
            .get(id)
            .map(|p| p.name(lang.is_english()).to_owned())
            .unwrap_or_default(),
    }
}

fn line_rows(
    tree: &PlaceTree,
    views: &[BudgetLineView],
    unit: MoneyUnit,
    lang: Lang,
) -> Vec<LineRowView> {
    views
        .iter()
        .map(|view| LineRowView {
            id: view.line.id,
            place: place_name(tree, view, lang),
            category: category_label(view.category, lang).to_owned(),
            budget: format::money(view.figures.budget_rials, unit, lang),
            committed: format::money(view.figures.committed_rials, unit, lang),
            paid: format::money(view.figures.paid_rials(), unit, lang),
            left: format::money(view.figures.left_rials(), unit, lang),
        })
        .collect()
}

async fn budget_page(
    state: &AppState,
    who: &LoggedIn,
    query: &MoneyQuery,
    refused: Option<Refused>,
) -> WebResult<BudgetTemplate> {
    let actor = who.actor();
    let lang = who.lang();
    let unit = who.session.user.money_unit;
    let year = year_or_current(state, &query.year);
    let tree = state.app.place_tree().await?;
    let province_id = province_for(&tree, &actor, &query.province)?;
    let views = state
        .app
        .budget_lines(&actor, year, Some(province_id), None)
        .await?;
    let label = |view: &BudgetLineView| {
        format!(
            "{} — {}",
            place_name(&tree, view, lang),
            category_label(view.category, lang)
        )
    };
    let lines = line_rows(&tree, &views, unit, lang);
    let counties = tree
        .counties_of(province_id)
        .filter(|c| actor.scope.county().is_none_or(|own| own == c.id))
        .map(|c| (c.id.to_string(), c.name(lang.is_english()).to_owned()))
        .collect();
    let province_lines = views
        .iter()
        .filter(|view| view.line.county_id.is_none())
        .map(|view| (view.line.id.to_string(), label(view)))
        .collect();
    let all_lines = views
        .iter()
        .map(|view| (view.line.id.to_string(), label(view)))
        .collect();
    let fresh = || FormView::with_values([("key", form_key().as_str())]);
    let (mut year_form, mut divide_form, mut amend_form) = (fresh(), fresh(), fresh());
    let mut closing_form = FormView::default();
    match refused {
        Some(Refused::Year(form)) => year_form = form,
        Some(Refused::Divide(form)) => divide_form = form,
        Some(Refused::Amend(form)) => amend_form = form,
        Some(Refused::Closing(form)) => closing_form = form,
        None => {}
    }
    let year_state = state
        .app
        .fiscal_year_state(&actor, province_id, year)
        .await?;
    let ctx = PageCtx::for_user(&state.app, who, "budget-title").with_notice(query.done.as_deref());
    Ok(BudgetTemplate {
        ctx,
        year: lang.digits(&year.year().to_string()),
        year_number: year.year(),
        province_id,
        provinces: province_choices(&tree, &actor, lang),
        counties,
        lines,
        province_lines,
        all_lines,
        categories: BudgetCategory::ALL
            .iter()
            .map(|c| (c.code().to_owned(), category_label(*c, lang).to_owned()))
            .collect(),
        can_manage: actor.can(Permission::ManageBudget),
        year_form,
        divide_form,
        amend_form,
        year_state: year_state_view(&year_state, lang),
        closing_form,
    })
}

pub(crate) fn category_label(category: BudgetCategory, lang: Lang) -> &'static str {
    if lang.is_english() {
        category.label_en()
    } else {
        category.label_fa()
    }
}

pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<MoneyQuery>,
) -> WebResult<Response> {
    who.actor().require(Permission::ViewMoney)?;
    page(&budget_page(&state, &who, &query, None).await?)
}

/// The fields of the page's forms (each uses its own). Kept as one web struct: the inputs
/// take ids and a per-category list where the forms send text and one field per category,
/// the page's year and province ride along, and each form carries an idempotency key.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct BudgetForm {
    year: String,
    province: String,
    county: String,
    line: String,
    amount: String,
    effective_on: String,
    description: String,
    key: String,
    training: String,
    job_preparation: String,
    grant: String,
    strengthening: String,
    other: String,
    reason: String,
}

impl BudgetForm {
    fn amount_of(&self, category: BudgetCategory) -> &str {
        match category {
            BudgetCategory::Training => &self.training,
            BudgetCategory::JobPreparation => &self.job_preparation,
            BudgetCategory::Grant => &self.grant,
            BudgetCategory::Strengthening => &self.strengthening,
            BudgetCategory::Other => &self.other,
        }
    }

    fn back(&self) -> String {
        format!(
            "/money/budget?year={}&province={}",
            self.year.trim(),
            self.province.trim()
        )
    }

    fn query(&self) -> MoneyQuery {
        MoneyQuery {
            year: self.year.clone(),
            province: self.province.clone(),
            ..MoneyQuery::default()
        }
    }
}

fn parse_id<T: std::str::FromStr + Default>(text: &str) -> T {
    text.trim().parse().unwrap_or_default()
}

fn or_default(text: &str, default: &str) -> String {
    if text.trim().is_empty() {
        default.to_owned()
    } else {
        text.to_owned()
    }
}

/// Answers one of the page's forms: back to the page with a confirmation, or the page again
/// with that form's values and messages.
async fn answer<T>(
    state: &AppState,
    who: &LoggedIn,
    input: &BudgetForm,
    result: Result<T, hamyar_app::AppError>,
    notice_key: &str,
    which: fn(FormView) -> Refused,
) -> WebResult<Response> {
    FormView::of(input)
        .answer(
            result,
            who.lang(),
            |_| done(&input.back(), notice_key),
            |form| async move { budget_page(state, who, &input.query(), Some(which(form))).await },
        )
        .await
}

pub async fn set_year(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(input): Form<BudgetForm>,
) -> WebResult<Response> {
    let actor = who.actor();
    let tree = state.app.place_tree().await?;
    let year = year_or_current(&state, &input.year);
    let budget = YearBudgetInput {
        fiscal_year: year.year(),
        province_id: province_for(&tree, &actor, &input.province)?,
        county_id: Some(parse_id::<PlaceId>(&input.county)).filter(|id| id.get() != 0),
        amounts: BudgetCategory::ALL
            .iter()
            .map(|c| (*c, input.amount_of(*c).to_owned()))
            .collect(),
        effective_on: input.effective_on.clone(),
        description: input.description.clone(),
        idempotency_key: input.key.clone(),
    };
    let result = state.app.set_year_budget(&actor, &budget).await;
    answer(&state, &who, &input, result, "budget-saved", Refused::Year).await
}

pub async fn divide(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(input): Form<BudgetForm>,
) -> WebResult<Response> {
    let division = DivisionInput {
        province_line_id: parse_id(&input.line),
        county_id: parse_id(&input.county),
        amount: input.amount.clone(),
        effective_on: input.effective_on.clone(),
        description: or_default(&input.description, "تقسیم بودجه به شهرستان"),
        idempotency_key: input.key.clone(),
    };
    let result = state.app.divide_budget(&who.actor(), &division).await;
    answer(
        &state,
        &who,
        &input,
        result,
        "budget-divided",
        Refused::Divide,
    )
    .await
}

pub async fn amend(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(input): Form<BudgetForm>,
) -> WebResult<Response> {
    let allocation = AllocationInput {
        line_id: parse_id(&input.line),
        amount: input.amount.clone(),
        effective_on: input.effective_on.clone(),
        description: or_default(&input.description, "اصلاحیهٔ بودجه"),
        idempotency_key: input.key.clone(),
    };
    let result = state.app.allocate_budget(&who.actor(), &allocation).await;
    answer(
        &state,
        &who,
        &input,
        result,
        "budget-amended",
        Refused::Amend,
    )
    .await
}

/// Closes the page's fiscal year for its province (`CloseFiscalYear`).
pub async fn close_year(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(input): Form<BudgetForm>,
) -> WebResult<Response> {
    let actor = who.actor();
    let tree = state.app.place_tree().await?;
    let province = province_for(&tree, &actor, &input.province)?;
    let year = year_or_current(&state, &input.year);
    let result = state.app.close_fiscal_year(&actor, province, year).await;
    answer(
        &state,
        &who,
        &input,
        result,
        "budget-year_was_closed",
        Refused::Closing,
    )
    .await
}

/// Reopens the page's fiscal year with a reason (`ReopenFiscalYear`: national experts).
pub async fn reopen_year(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(input): Form<BudgetForm>,
) -> WebResult<Response> {
    let actor = who.actor();
    let tree = state.app.place_tree().await?;
    let province = province_for(&tree, &actor, &input.province)?;
    let year = year_or_current(&state, &input.year);
    let result = state
        .app
        .reopen_fiscal_year(&actor, province, year, &input.reason)
        .await;
    answer(
        &state,
        &who,
        &input,
        result,
        "budget-year_was_reopened",
        Refused::Closing,
    )
    .await
}

/// Parses an optional Jalali day typed in any digits.
pub(crate) fn parse_as_of(text: &str) -> Result<Option<JalaliDate>, Message> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    JalaliDate::parse(text)
        .map(Some)
        .map_err(|error| error.message())
}
