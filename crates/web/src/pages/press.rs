//! The press summary (`/reports/summary?province=&year=`): a province's figures for a fiscal
//! year as a small table and the paragraph the public-relations office publishes, in Persian
//! and in English, each with its attribution line in a block ready to copy
//! (`App::press_summary_in`; the copy button is `assets/js/app.js`'s, shown only where it
//! works). Amounts follow the reader's unit (`money_unit` of the account). Figures only, no
//! names: public relations, provincial and national experts (anyone with `ViewMoney`) see it.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use hamyar_app::Permission;
use hamyar_app::access::PlaceId;
use serde::Deserialize;

use crate::context::{LoggedIn, PageCtx};
use crate::error::{WebError, WebResult};
use crate::pages::budget::{province_choices, province_for, year_or_current};
use crate::pages::render;
use crate::state::AppState;
use hamyar_reports::documents::Printing;
use hamyar_reports::documents::press_pdf::PressRelease;
use hamyar_reports::format::money;

#[derive(Debug, Deserialize)]
pub struct SummaryQuery {
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub province: String,
}

#[derive(Template)]
#[template(path = "press.html")]
struct SummaryTemplate {
    ctx: PageCtx,
    year_number: i32,
    province_id: PlaceId,
    provinces: Vec<(String, String)>,
    counted_on: String,
    /// (phrase key, value as shown).
    figures: Vec<(&'static str, String)>,
    /// The Persian paragraph and its attribution, as copied.
    paragraph: String,
    /// The English paragraph and its attribution.
    paragraph_en: String,
}

pub async fn summary(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<SummaryQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::ViewMoney)?;
    let lang = who.lang();
    let unit = who.session.user.money_unit;
    let year = year_or_current(&state, &query.year);
    let tree = state.app.place_tree().await?;
    let province_id = province_for(&tree, &actor, &query.province)?;
    let summary = state
        .app
        .press_summary_in(&actor, province_id, year, unit)
        .await?;
    let figures = shown_figures(&summary, unit, lang);
    let template = SummaryTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "press-title"),
        year_number: year.year(),
        province_id,
        provinces: province_choices(&tree, &actor, lang),
        counted_on: lang.digits(&summary.counted_on.replace('-', "/")),
        figures,
        paragraph: format!("{}\n\n{}", summary.paragraph_fa, summary.attribution_fa),
        paragraph_en: format!("{}\n\n{}", summary.paragraph_en, summary.attribution_en),
    };
    render(StatusCode::OK, &template)
}

/// The summary's figures as shown (phrase key, value): on the page and on the press PDF.
fn shown_figures(
    summary: &hamyar_app::press::PressSummary,
    unit: hamyar_domain::MoneyUnit,
    lang: hamyar_i18n::Lang,
) -> Vec<(&'static str, String)> {
    let f = &summary.figures;
    let count = |n: u64| lang.digits(&n.to_string());
    vec![
        ("press-active_groups", count(f.active_groups)),
        ("press-active_members", count(f.active_members)),
        (
            "press-headline_spent",
            money(f.headline_spent_rials, unit, lang),
        ),
        (
            "press-grants_committed",
            money(f.grants_committed_rials, unit, lang),
        ),
        ("press-grants_paid", money(f.grants_paid_rials, unit, lang)),
        ("press-groups_granted", count(f.groups_granted)),
        ("press-women_granted", count(f.women_granted)),
        ("press-sales", money(f.sales_rials, unit, lang)),
        ("press-jobs", count(f.jobs)),
        ("press-graduated_groups", count(f.graduated_groups)),
        ("press-women_independent", count(f.women_independent)),
    ]
}

/// `/reports/summary/press.pdf?province=&year=`: the one-page press release on the province
/// office's letterhead — the same paragraph, attribution and figures as the page, in the
/// reader's language and money unit (`reports::documents::press_pdf` lays them out).
pub async fn press_pdf(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<SummaryQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::ViewMoney)?;
    let lang = who.lang();
    let unit = who.session.user.money_unit;
    let year = year_or_current(&state, &query.year);
    let tree = state.app.place_tree().await?;
    let province_id = province_for(&tree, &actor, &query.province)?;
    let summary = state
        .app
        .press_summary_in(&actor, province_id, year, unit)
        .await?;
    let province = tree.get(province_id).cloned();
    let english = lang == hamyar_i18n::Lang::En;
    let (paragraph, attribution) = if english {
        (summary.paragraph_en.clone(), summary.attribution_en.clone())
    } else {
        (summary.paragraph_fa.clone(), summary.attribution_fa.clone())
    };
    let headline = match &province {
        Some(place) => format!("{} — {}", lang.t("press-title"), place.name(english)),
        None => lang.t("press-title").to_owned(),
    };
    let release = PressRelease {
        province,
        headline,
        paragraph,
        attribution: Some(attribution),
        figures: shown_figures(&summary, unit, lang)
            .into_iter()
            .map(|(key, value)| (lang.t(key).to_owned(), value))
            .collect(),
    };
    let printing = Printing {
        letterheads: &state.settings.letterhead,
        lang,
        unit,
        today: state.app.today(),
    };
    let bytes = hamyar_reports::documents::press_pdf::press_pdf(&release, &printing)
        .await
        .map_err(|error| match error {
            hamyar_reports::documents::ReportError::App(app) => WebError::from(app),
            other => WebError::internal(&other.to_string()),
        })?;
    let name = format!(
        "press-{}-{}.pdf",
        summary.province_code.trim_start_matches("ir."),
        year.year()
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// `/reports/summary/download.xlsx?province=&year=`: the same summary as an XLSX sheet.
pub async fn download(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<SummaryQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::ViewMoney)?;
    let year = year_or_current(&state, &query.year);
    let tree = state.app.place_tree().await?;
    let province_id = province_for(&tree, &actor, &query.province)?;
    let summary = state
        .app
        .press_summary_in(&actor, province_id, year, who.session.user.money_unit)
        .await?;
    let bytes = hamyar_reports::press_export::press_summary_xlsx(&summary)
        .map_err(|error| WebError::internal(&format!("summary file: {error}")))?;
    let name = format!(
        "press-summary-{}-{}.xlsx",
        summary.province_code.trim_start_matches("ir."),
        year.year()
    );
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// `/reports/summary/report.pdf?province=&year=`: the provincial report — the summary and the
/// province's dashboard with its charts and tables — as a PDF (`report_pdf`).
pub async fn report_pdf(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<SummaryQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::ViewMoney)?;
    let year = year_or_current(&state, &query.year);
    let tree = state.app.place_tree().await?;
    let province_id = province_for(&tree, &actor, &query.province)?;
    let bytes = hamyar_reports::report_pdf::provincial_report_pdf_on(
        &state.app,
        &actor,
        province_id,
        year,
        who.session.user.money_unit,
        &state.settings.letterhead,
    )
    .await
    .map_err(|error| match error {
        hamyar_reports::report_pdf::ReportError::App(app) => WebError::from(app),
        other => WebError::internal(&other.to_string()),
    })?;
    let code = tree
        .get(province_id)
        .map_or_else(String::new, |p| p.code.trim_start_matches("ir.").to_owned());
    let name = format!("report-{code}-{}.pdf", year.year());
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
