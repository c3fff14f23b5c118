//! Programme settings the registry depends on: the eligibility rules (highest income decile,
//! whether other coverage excludes, accepted headship causes, minimum ages), each province's
//! own threshold for definitive singlehood (its section is `pages::singlehood`) and the monthly
//! pension per household-size tier for a fiscal year. Everyone who sees the registry may read
//! them; those the app lets manage them get the forms. Amounts are typed in rials and shown
//! in the reader's money unit.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::Response;
use hamyar_app::ports::registry::PensionRow;
use hamyar_app::{FieldError, Permission};
use hamyar_domain::Message;
use hamyar_domain::registry::{
    EligibilityRules, HeadshipCause, HeadshipGroup, pension_tier_label_en, pension_tier_label_fa,
};
use hamyar_domain::{FiscalYear, Rials};
use serde::{Deserialize, Serialize};

use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::codes::{self, Choice};
use crate::pages::form::FormView;
use crate::pages::singlehood::SinglehoodView;
use crate::pages::{back_to, page};
use crate::state::AppState;
use hamyar_i18n::Lang;
use hamyar_reports::format;

/// The pension form's amount fields, tier 1 to "5 or more".
const TIER_FIELDS: [&str; 5] = ["tier1", "tier2", "tier3", "tier4", "tier5"];

/// One accepted-cause checkbox.
pub struct CauseCheck {
    pub value: &'static str,
    pub label: &'static str,
    pub checked: bool,
}

pub struct CauseGroupView {
    pub label: &'static str,
    pub causes: Vec<CauseCheck>,
}

/// One pension tier as read.
pub struct TierView {
    pub field: &'static str,
    pub label: String,
    pub amount: Option<String>,
}

#[derive(Template)]
#[template(path = "programme.html")]
pub(crate) struct ProgrammeTemplate {
    ctx: PageCtx,
    can_manage: bool,
    rules_form: FormView,
    rules_summary: Vec<(&'static str, String)>,
    require_no_other_coverage: bool,
    cause_groups: Vec<CauseGroupView>,
    deciles: Vec<Choice>,
    year: String,
    year_label: String,
    tiers: Vec<TierView>,
    pension_updated: Option<String>,
    pension_form: FormView,
    singlehood: SinglehoodView,
}

#[derive(Debug, Default, Deserialize)]
pub struct ProgrammeParams {
    #[serde(default)]
    year: String,
    #[serde(default)]
    done: Option<String>,
}

fn parse_year(text: &str) -> Option<FiscalYear> {
    hamyar_domain::to_latin_digits(text.trim())
        .parse::<i32>()
        .ok()
        .and_then(|year| FiscalYear::new(year).ok())
}

fn cause_groups(accepted: &[HeadshipCause], lang: Lang) -> Vec<CauseGroupView> {
    HeadshipGroup::ALL
        .iter()
        .map(|group| CauseGroupView {
            label: codes::label(*group, lang),
            causes: HeadshipCause::ALL
                .iter()
                .filter(|cause| cause.group() == *group)
                .map(|cause| CauseCheck {
                    value: cause.code(),
                    label: codes::label(*cause, lang),
                    checked: accepted.contains(cause),
                })
                .collect(),
        })
        .collect()
}

/// The rules as the form shows them (the decile select carries plain digits as its values).
fn rules_values(rules: &EligibilityRules, lang: Lang) -> FormView {
    let decile = rules.max_income_decile.to_string();
    let ages = [
        ("min_age_years", rules.min_age_years),
        ("singlehood_min_age_years", rules.singlehood_min_age_years),
        (
            "self_headed_girl_min_age_years",
            rules.self_headed_girl_min_age_years,
        ),
    ]
    .map(|(field, years)| (field, lang.digits(&years.to_string())));
    FormView::with_values(
        [("max_income_decile", decile.as_str())]
            .into_iter()
            .chain(ages.iter().map(|(field, text)| (*field, text.as_str()))),
    )
}

fn rules_summary(rules: &EligibilityRules, lang: Lang) -> Vec<(&'static str, String)> {
    let yes_no = |value: bool| {
        lang.t(if value { "women-yes" } else { "women-no" })
            .to_owned()
    };
    let every_cause = HeadshipCause::ALL
        .iter()
        .all(|cause| rules.accepted_causes.contains(cause));
    let causes = if every_cause {
        lang.t("programme-all_causes").to_owned()
    } else {
        rules
            .accepted_causes
            .iter()
            .map(|cause| codes::label(*cause, lang))
            .collect::<Vec<_>>()
            .join(if lang.is_english() { ", " } else { "، " })
    };
    vec![
        (
            lang.t("field-max_income_decile"),
            lang.number(i64::from(rules.max_income_decile)),
        ),
        (
            lang.t("field-require_no_other_coverage"),
            yes_no(rules.require_no_other_coverage),
        ),
        (lang.t("field-accepted_causes"), causes),
        (
            lang.t("field-min_age_years"),
            lang.number(i64::from(rules.min_age_years)),
        ),
        (
            lang.t("field-singlehood_min_age_years"),
            lang.number(i64::from(rules.singlehood_min_age_years)),
        ),
        (
            lang.t("field-self_headed_girl_min_age_years"),
            lang.number(i64::from(rules.self_headed_girl_min_age_years)),
        ),
    ]
}

fn tier_views(row: Option<&PensionRow>, who: &LoggedIn) -> Vec<TierView> {
    let lang = who.lang();
    let unit = who.session.user.money_unit;
    TIER_FIELDS
        .iter()
        .enumerate()
        .map(|(index, field)| {
            let tier = u8::try_from(index + 1).unwrap_or(5);
            TierView {
                field,
                label: match lang {
                    Lang::Fa => pension_tier_label_fa(tier),
                    Lang::En => pension_tier_label_en(tier),
                },
                amount: row.map(|row| {
                    let amount = Rials::new(row.tier_rials[index]);
                    match lang {
                        Lang::Fa => hamyar_domain::format_money(amount, unit, true),
                        Lang::En => hamyar_domain::format_money_en(amount, unit),
                    }
                }),
            }
        })
        .collect()
}

/// What the page shows, with the forms as given (values and messages).
pub(crate) struct PageState {
    pub rules: EligibilityRules,
    pub rules_form: Option<FormView>,
    pub year: FiscalYear,
    pub pension_form: Option<FormView>,
    pub singlehood_form: Option<FormView>,
}

pub(crate) async fn programme_page(
    state: &AppState,
    who: &LoggedIn,
    shown: PageState,
    notice: Option<&str>,
) -> WebResult<ProgrammeTemplate> {
    let actor = who.actor();
    let lang = who.lang();
    let stored = state.app.eligibility_rules(&actor).await?;
    let row = state.app.pension_table(&actor, shown.year.year()).await?;
    let singlehood = state.app.singlehood_ages(&actor).await?;
    let pension_form = shown.pension_form.unwrap_or_else(|| {
        let mut values = vec![("fiscal_year", lang.digits(&shown.year.year().to_string()))];
        if let Some(row) = &row {
            for (field, amount) in TIER_FIELDS.iter().zip(row.tier_rials) {
                values.push((field, lang.number(amount)));
            }
        }
        FormView::with_values(values.iter().map(|(k, v)| (*k, v.as_str())))
    });
    Ok(ProgrammeTemplate {
        ctx: PageCtx::for_user(&state.app, who, "programme-title").with_notice(notice),
        can_manage: actor.can(Permission::ManageProgrammeSettings),
        rules_form: shown
            .rules_form
            .unwrap_or_else(|| rules_values(&shown.rules, lang)),
        rules_summary: rules_summary(&stored, lang),
        require_no_other_coverage: shown.rules.require_no_other_coverage,
        cause_groups: cause_groups(&shown.rules.accepted_causes, lang),
        deciles: (1..=10)
            .map(|d: i64| Choice::new(d.to_string(), lang.number(d)))
            .collect(),
        year: lang.digits(&shown.year.year().to_string()),
        year_label: match lang {
            Lang::Fa => shown.year.label_fa(),
            Lang::En => shown.year.label_en(),
        },
        tiers: tier_views(row.as_ref(), who),
        pension_updated: row.as_ref().map(|row| {
            format!(
                "{} {} · {}",
                lang.t("programme-updated_by"),
                row.updated_by,
                format::date_time(row.updated_at, lang)
            )
        }),
        pension_form,
        singlehood: SinglehoodView::new(&singlehood, &actor, lang, shown.singlehood_form),
    })
}

pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(params): Query<ProgrammeParams>,
) -> WebResult<Response> {
    let rules = state.app.eligibility_rules(&who.actor()).await?;
    let year = parse_year(&params.year).unwrap_or_else(|| FiscalYear::of(state.app.today()));
    let shown = PageState {
        rules,
        rules_form: None,
        year,
        pension_form: None,
        singlehood_form: None,
    };
    page(&programme_page(&state, &who, shown, params.done.as_deref()).await?)
}

/// A whole number between 0 and 255 as typed, or the field's message.
fn small_number(field: &'static str, text: &str, errors: &mut Vec<FieldError>) -> u8 {
    match hamyar_domain::to_latin_digits(text.trim()).parse::<u8>() {
        Ok(value) => value,
        Err(_) => {
            errors.push(FieldError::new(
                field,
                Message::new("programme-write_whole_number"),
            ));
            0
        }
    }
}

/// Reads the rules form: repeated `accepted_causes` boxes, a checkbox and small numbers.
fn read_rules(pairs: &[(String, String)]) -> (EligibilityRules, Vec<FieldError>) {
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    let mut errors = Vec::new();
    let rules = EligibilityRules {
        max_income_decile: small_number(
            "max_income_decile",
            value("max_income_decile"),
            &mut errors,
        ),
        require_no_other_coverage: !value("require_no_other_coverage").is_empty(),
        accepted_causes: pairs
            .iter()
            .filter(|(key, _)| key == "accepted_causes")
            .filter_map(|(_, code)| HeadshipCause::parse(code))
            .collect(),
        min_age_years: small_number("min_age_years", value("min_age_years"), &mut errors),
        singlehood_min_age_years: small_number(
            "singlehood_min_age_years",
            value("singlehood_min_age_years"),
            &mut errors,
        ),
        self_headed_girl_min_age_years: small_number(
            "self_headed_girl_min_age_years",
            value("self_headed_girl_min_age_years"),
            &mut errors,
        ),
    };
    (rules, errors)
}

pub async fn save_rules(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    let (rules, typing_errors) = read_rules(&pairs);
    let saved = if typing_errors.is_empty() {
        state.app.set_eligibility_rules(&who.actor(), &rules).await
    } else {
        who.actor().require(Permission::ManageProgrammeSettings)?;
        Err(hamyar_app::AppError::Invalid(typing_errors))
    };
    // The rules' numbers as typed (the ticked boxes are shown from the rules read).
    let typed = FormView::with_values(
        pairs
            .iter()
            .filter(|(key, _)| key != "accepted_causes")
            .map(|(key, value)| (key.as_str(), value.as_str())),
    );
    typed
        .answer(
            saved,
            who.lang(),
            |()| back_to("/programme", "programme-rules_saved", "rules"),
            |form| {
                let shown = PageState {
                    rules,
                    rules_form: Some(form),
                    year: FiscalYear::of(state.app.today()),
                    pension_form: None,
                    singlehood_form: None,
                };
                programme_page(&state, &who, shown, None)
            },
        )
        .await
}

/// A year's pension table: the use-case takes the year and the five amounts as a list.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct PensionForm {
    fiscal_year: String,
    tier1: String,
    tier2: String,
    tier3: String,
    tier4: String,
    tier5: String,
}

pub async fn save_pension(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(input): Form<PensionForm>,
) -> WebResult<Response> {
    let amounts = [
        input.tier1.clone(),
        input.tier2.clone(),
        input.tier3.clone(),
        input.tier4.clone(),
        input.tier5.clone(),
    ];
    let result = state
        .app
        .set_pension_table(&who.actor(), &input.fiscal_year, &amounts)
        .await;
    let year = hamyar_domain::to_latin_digits(input.fiscal_year.trim());
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |()| {
                back_to(
                    &format!("/programme?year={year}"),
                    "programme-pension_saved",
                    "pension",
                )
            },
            |form| async move {
                let shown = PageState {
                    rules: state.app.eligibility_rules(&who.actor()).await?,
                    rules_form: None,
                    year: parse_year(&input.fiscal_year)
                        .unwrap_or_else(|| FiscalYear::of(state.app.today())),
                    pension_form: Some(form),
                    singlehood_form: None,
                };
                programme_page(&state, &who, shown, None).await
            },
        )
        .await
}
