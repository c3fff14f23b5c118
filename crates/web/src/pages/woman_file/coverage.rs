//! Her coverage: the timeline of statuses, the eligibility rules' outcomes with the one-line
//! verdict, her pension tier, and the form that records a new status.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use hamyar_app::ports::registry::EpisodeRow;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::registry::coverage::CoverageInput;
use hamyar_domain::Rials;
use hamyar_domain::registry::{
    EligibilityReport, Verdict, pension_tier_label_en, pension_tier_label_fa,
};
use hamyar_i18n::Lang;
use hamyar_reports::format;

use super::back;
use super::page::{FileForms, redraw};
use crate::context::LoggedIn;
use crate::error::WebResult;
use crate::pages::codes;
use crate::pages::form::FormView;
use crate::state::AppState;

pub struct EpisodeView {
    pub date: String,
    pub status: String,
    pub badge: &'static str,
    pub exit_reason: Option<String>,
    pub decided_by: String,
    pub reason: String,
    pub recorded_at: String,
}

pub struct OutcomeView {
    pub rule: &'static str,
    pub verdict: &'static str,
    pub badge: &'static str,
    pub message: String,
}

pub(super) fn episode_view(episode: &EpisodeRow, lang: Lang) -> EpisodeView {
    EpisodeView {
        date: format::date(episode.started_on, lang),
        status: codes::label(episode.status, lang).to_owned(),
        badge: codes::coverage_badge(episode.status),
        exit_reason: episode
            .exit_reason
            .map(|r| codes::label(r, lang).to_owned()),
        decided_by: episode.decided_by_name.clone(),
        reason: episode.reason.clone(),
        recorded_at: format::date_time(episode.recorded_at, lang),
    }
}

fn verdict_badge(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Passed => "badge-ok",
        Verdict::Failed => "badge-danger",
        Verdict::Unknown => "badge-warning",
    }
}

pub(super) fn outcomes(report: Option<&EligibilityReport>, lang: Lang) -> Vec<OutcomeView> {
    report
        .map(|report| {
            report
                .outcomes
                .iter()
                .map(|outcome| OutcomeView {
                    rule: codes::label(outcome.rule, lang),
                    verdict: codes::label(outcome.verdict, lang),
                    badge: verdict_badge(outcome.verdict),
                    message: lang.message(&outcome.message),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The one-line verdict above the rules: eligible, not eligible, or facts missing.
pub(super) fn eligibility_summary(
    report: Option<&EligibilityReport>,
) -> Option<(&'static str, &'static str)> {
    report.map(|report| {
        if report.has_failures() {
            ("eligibility-not_eligible", "alert-error")
        } else if report.has_unknowns() {
            ("eligibility-incomplete", "alert-warning")
        } else {
            ("eligibility-eligible", "alert-success")
        }
    })
}

pub(super) fn pension_view(
    pension: Option<(u8, Rials)>,
    who: &LoggedIn,
) -> Option<(String, String)> {
    let unit = who.session.user.money_unit;
    pension.map(|(tier, amount)| match who.lang() {
        Lang::Fa => (
            pension_tier_label_fa(tier),
            hamyar_domain::format_money(amount, unit, true),
        ),
        Lang::En => (
            pension_tier_label_en(tier),
            hamyar_domain::format_money_en(amount, unit),
        ),
    })
}

pub async fn record_coverage(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<WomanId>,
    Form(input): Form<CoverageInput>,
) -> WebResult<Response> {
    let result = state.app.record_coverage(&who.actor(), id, &input).await;
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |()| back(id, "women-coverage_recorded", "coverage"),
            |coverage| {
                let forms = FileForms {
                    coverage,
                    ..FileForms::default()
                };
                redraw(&state, &who, id, forms)
            },
        )
        .await
}
