//! A woman's outcomes page: since when she is followed (and when her coverage ended), the
//! forms her schedule owes with a button to each missing instrument's form, and her forms with
//! their scores, each linking to the form as recorded. Opening it is audited by the app.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::ports::registry::WomanId;
use hamyar_domain::outcomes::scoring::score_value;
use hamyar_i18n::{Arg, Lang};
use hamyar_reports::format;

use super::{occasion_label, words};
use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use axum::http::StatusCode;

use crate::pages::form::FormView;
use crate::pages::{Notice, page, render};
use crate::state::AppState;

/// An occasion owed, with a button per missing instrument.
pub struct OwedLine {
    pub occasion: String,
    pub due: String,
    pub late: bool,
    /// (instrument's title, the new form's address).
    pub forms: Vec<(String, String)>,
}

/// A recorded form.
pub struct FormLine {
    pub href: String,
    pub taken_on: String,
    pub instrument: String,
    pub occasion: String,
    pub complete: bool,
    /// «نمره کل: ۲۳» for each score with a value.
    pub scores: Vec<String>,
}

#[derive(Template)]
#[template(path = "outcomes_woman.html")]
struct WomanTemplate {
    ctx: PageCtx,
    id: WomanId,
    name: String,
    followed: Option<String>,
    owed: Vec<OwedLine>,
    forms: Vec<FormLine>,
    /// (instrument's title, the new form's address) for any instrument.
    any_form: Vec<(String, String)>,
    /// Each score's change from her baseline to her latest later form, per instrument.
    changes: Vec<String>,
    /// The criteria's verdicts, her proposals and the proposal form.
    graduation: super::exits::GraduationSection,
    /// The proposal form as typed, with its messages, when it was refused.
    form: FormView,
    errors: Vec<String>,
}

/// «نمره کل عزت نفس: ۱۸ ← ۲۳ (+۵)» for each score that both her baseline and her latest later
/// form of an instrument have (forms come oldest first).
fn changes(
    forms: &[hamyar_app::outcomes::assessments::FormView],
    lang: Lang,
    money: impl Fn(i64) -> String,
) -> Vec<String> {
    use hamyar_domain::outcomes::schedule::Occasion;
    let mut lines = Vec::new();
    let mut codes: Vec<&str> = forms
        .iter()
        .map(|f| f.row.instrument_code.as_str())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    for code in codes {
        let of_code = || forms.iter().filter(move |f| f.row.instrument_code == code);
        let Some(baseline) = of_code().find(|f| f.occasion == Some(Occasion::Baseline)) else {
            continue;
        };
        let Some(latest) = of_code()
            .filter(|f| f.occasion != Some(Occasion::Baseline))
            .max_by_key(|f| (f.row.taken_on, f.row.id))
        else {
            continue;
        };
        for rule in &latest.instrument.definition.scores {
            let value = |form: &hamyar_app::outcomes::assessments::FormView| {
                form.row
                    .scores
                    .iter()
                    .find(|(score, _)| *score == rule.code)
                    .and_then(|(_, value)| *value)
            };
            let (Some(before), Some(after)) = (value(baseline), value(latest)) else {
                continue;
            };
            let show = |v: i64| {
                if rule_is_money(&latest.instrument.definition, rule) {
                    money(v)
                } else {
                    lang.number(v)
                }
            };
            let delta = after.saturating_sub(before);
            let sign = if delta > 0 { "+" } else { "" };
            lines.push(format!(
                "{}: {} → {} ({sign}{})",
                words(&rule.name, lang),
                show(before),
                show(after),
                show(delta)
            ));
        }
    }
    lines
}

/// The scores of a form in words: each score with a value, by its name.
pub fn score_words(
    instrument: &hamyar_domain::outcomes::instrument::Instrument,
    scores: &[(String, Option<i64>)],
    lang: Lang,
    money: impl Fn(i64) -> String,
) -> Vec<String> {
    let as_scores: Vec<_> = scores
        .iter()
        .map(|(code, value)| hamyar_domain::outcomes::scoring::Score {
            code: code.clone(),
            value: *value,
        })
        .collect();
    instrument
        .scores
        .iter()
        .map(|rule| {
            let value = match score_value(&as_scores, &rule.code) {
                Some(value) if rule_is_money(instrument, rule) => money(value),
                Some(value) => lang.number(value),
                None => lang.t("outcomes-no_score").to_owned(),
            };
            format!("{}: {value}", words(&rule.name, lang))
        })
        .collect()
}

/// Whether a score adds amounts of money (all its items are in rials).
fn rule_is_money(
    instrument: &hamyar_domain::outcomes::instrument::Instrument,
    rule: &hamyar_domain::outcomes::instrument::ScoreRule,
) -> bool {
    rule.items.iter().all(|code| {
        matches!(
            instrument.item(code).map(|item| &item.answer),
            Some(hamyar_domain::outcomes::instrument::AnswerKind::Rials)
        )
    })
}

/// `/women/{id}/outcomes`.
pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<WomanId>,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    who.actor().require(Permission::Assess)?;
    let template = woman_page(&state, &who, id, None, notice.done.as_deref()).await?;
    page(&template)
}

/// The page drawn again under a refused proposal (422), not another view.
pub async fn redraw(
    state: &AppState,
    who: &LoggedIn,
    id: WomanId,
    form: FormView,
) -> WebResult<Response> {
    let template = woman_page(state, who, id, Some(form), None).await?;
    render(StatusCode::UNPROCESSABLE_ENTITY, &template)
}

async fn woman_page(
    state: &AppState,
    who: &LoggedIn,
    id: WomanId,
    form: Option<FormView>,
    notice: Option<&str>,
) -> WebResult<WomanTemplate> {
    let actor = who.actor();
    let lang = who.lang();
    let outcomes = state.app.woman_outcomes(&actor, id, form.is_none()).await?;
    let title_of = |code: &str| {
        outcomes
            .instruments
            .iter()
            .find(|v| v.row.code == code)
            .map_or_else(
                || code.to_owned(),
                |v| words(&v.definition.title, lang).to_owned(),
            )
    };
    let today = state.app.today();
    let owed = outcomes
        .owed
        .iter()
        .map(|owed| OwedLine {
            occasion: occasion_label(owed.occasion, lang),
            due: lang.tr(
                "outcomes-due_on",
                &[("day", Arg::Text(&format::date(owed.due_on, lang)))],
            ),
            late: owed.due_on < today,
            forms: owed
                .missing
                .iter()
                .map(|code| {
                    (
                        title_of(code),
                        format!(
                            "/women/{id}/outcomes/new?instrument={code}&occasion={}",
                            owed.occasion.key()
                        ),
                    )
                })
                .collect(),
        })
        .collect();
    let forms = outcomes
        .forms
        .iter()
        .rev()
        .map(|form| FormLine {
            href: format!("/outcomes/forms/{}", form.row.id),
            taken_on: format::date(form.row.taken_on, lang),
            instrument: format!(
                "{} ({})",
                words(&form.instrument.definition.title, lang),
                lang.tr(
                    "outcomes-version",
                    &[("version", Arg::Number(form.row.instrument_version))]
                )
            ),
            occasion: form
                .occasion
                .map_or_else(|| form.row.occasion.clone(), |o| occasion_label(o, lang)),
            complete: form.row.complete,
            scores: score_words(
                &form.instrument.definition,
                &form.row.scores,
                lang,
                |rials| crate::pages::spending::money(who, rials),
            ),
        })
        .collect();
    let followed = outcomes.followed.as_ref().map(|row| {
        let mut text = lang.tr(
            "outcomes-followed_since",
            &[("day", Arg::Text(&format::date(row.started_on, lang)))],
        );
        if let Some(exit) = row.exited_on {
            text.push_str(" · ");
            text.push_str(&lang.tr(
                "outcomes-exited_on",
                &[("day", Arg::Text(&format::date(exit, lang)))],
            ));
        }
        text
    });
    let any_form = outcomes
        .instruments
        .iter()
        .map(|v| {
            (
                words(&v.definition.title, lang).to_owned(),
                format!(
                    "/women/{id}/outcomes/new?instrument={}&occasion={}",
                    v.row.code,
                    outcomes.likely.key()
                ),
            )
        })
        .collect();
    let changes = changes(&outcomes.forms, lang, |rials| {
        crate::pages::spending::money(who, rials)
    });
    let graduation = super::exits::woman_section(state, who, id).await?;
    let form = form.unwrap_or_default();
    Ok(WomanTemplate {
        ctx: PageCtx::for_user(&state.app, who, "outcomes-woman_title").with_notice(notice),
        id,
        name: format!(
            "{} {}",
            outcomes.woman.record.first_name, outcomes.woman.record.last_name
        ),
        followed,
        owed,
        forms,
        any_form,
        changes,
        graduation,
        errors: form.messages(),
        form,
    })
}
