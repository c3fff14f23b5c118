//! The programme page's section on each province's own age threshold for definitive
//! singlehood (45, 50 or 55 years): the national threshold every other province follows, the
//! provinces that set their own, and — for those the app lets manage programme settings — a
//! form to choose a province's threshold or send it back to the national one. The form offers
//! only the allowed values; anything else that arrives is refused by the app with its Persian
//! message under the field and the page drawn again (422).

use axum::Form;
use axum::extract::State;
use axum::response::Response;
use hamyar_app::registry::singlehood::SinglehoodAges;
use hamyar_app::{Actor, Scope};
use hamyar_domain::FiscalYear;
use hamyar_domain::registry::SINGLEHOOD_AGE_CHOICES;
use serde::{Deserialize, Serialize};

use crate::context::LoggedIn;
use crate::error::WebResult;
use crate::pages::back_to;
use crate::pages::codes::Choice;
use crate::pages::form::FormView;
use crate::pages::programme::{PageState, programme_page};
use crate::state::AppState;
use hamyar_i18n::Lang;

/// One province with a threshold of its own.
pub struct OwnThreshold {
    pub province: String,
    pub years: String,
}

/// What the section shows.
pub struct SinglehoodView {
    /// «۴۵ سال».
    pub national: String,
    pub own: Vec<OwnThreshold>,
    /// The provinces the user may set, for the form.
    pub provinces: Vec<Choice>,
    /// The allowed thresholds, for the form.
    pub choices: Vec<Choice>,
    /// The blank choice: back to the national threshold.
    pub national_choice: String,
    pub form: FormView,
}

fn years(lang: Lang, years: u8) -> String {
    format!(
        "{} {}",
        lang.number(i64::from(years)),
        lang.t("programme-years")
    )
}

impl SinglehoodView {
    pub fn new(ages: &SinglehoodAges, actor: &Actor, lang: Lang, form: Option<FormView>) -> Self {
        let name = |fa: &str, en: &str| {
            if lang.is_english() && !en.is_empty() {
                en.to_owned()
            } else {
                fa.to_owned()
            }
        };
        Self {
            national: years(lang, ages.national_years),
            own: ages
                .provinces
                .iter()
                .filter_map(|p| {
                    p.own.map(|age| OwnThreshold {
                        province: name(&p.name_fa, &p.name_en),
                        years: years(lang, age.years()),
                    })
                })
                .collect(),
            provinces: ages
                .provinces
                .iter()
                .filter(|p| actor.scope.contains(Scope::Province(p.province_id)))
                .map(|p| Choice::new(p.province_id.to_string(), name(&p.name_fa, &p.name_en)))
                .collect(),
            choices: SINGLEHOOD_AGE_CHOICES
                .iter()
                .map(|&choice| Choice::new(choice.to_string(), years(lang, choice)))
                .collect(),
            national_choice: format!(
                "{} ({})",
                lang.t("programme-singlehood_national_choice"),
                years(lang, ages.national_years)
            ),
            form: form.unwrap_or_default(),
        }
    }
}

/// A province's singlehood age: the use-case takes the two values.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SinglehoodForm {
    province: String,
    singlehood_age: String,
}

pub async fn save(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(input): Form<SinglehoodForm>,
) -> WebResult<Response> {
    let actor = who.actor();
    let result = state
        .app
        .set_singlehood_age(&actor, &input.province, &input.singlehood_age)
        .await;
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |()| back_to("/programme", "programme-singlehood_saved", "singlehood"),
            |form| async move {
                let shown = PageState {
                    rules: state.app.eligibility_rules(&actor).await?,
                    rules_form: None,
                    year: FiscalYear::of(state.app.today()),
                    pension_form: None,
                    singlehood_form: Some(form),
                };
                programme_page(&state, &who, shown, None).await
            },
        )
        .await
}
