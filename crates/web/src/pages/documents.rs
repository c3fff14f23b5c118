//! The documents an office prints, as PDF (issue 17): each route prints from the page it is
//! linked on and calls that page's use-case with the logged-in actor, so it is allowed,
//! scoped and audited exactly as the page is — a group's certificate, agreement, letter and
//! blank visit form through `App::group_page`/`App::group_life` (a `group.view` or
//! `group.life_view`), a payment order through `App::payment`, a woman's dossier and letter
//! through `App::open_woman` (a `woman.view`), the monthly report through the catalogue's
//! figure sheets. The document itself is made by `hamyar_reports::documents` and laid out
//! off the async workers, a bounded number at a time (`documents::render`), on the
//! letterhead the configuration sets (`WebSettings::letterhead`).

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use hamyar_app::Permission;
use hamyar_app::access::PlaceId;
use hamyar_app::ids::{GroupId, PaymentId, WomanId};
use hamyar_app::places::{Place, PlaceTree};
use hamyar_reports::documents::Document as ReportDocument;
use hamyar_reports::documents::group_papers::{self, Recipient};
use hamyar_reports::documents::monthly::{self, Month};
use hamyar_reports::documents::{
    Printing, ReportError, dossier, file_part, payment_order, render, visit_form,
};
use serde::Deserialize;

use crate::context::LoggedIn;
use crate::error::{ErrorPage, WebError, WebResult};
use crate::pages::budget::province_for;
use crate::state::AppState;

fn printing<'a>(state: &'a AppState, who: &LoggedIn) -> Printing<'a> {
    Printing {
        letterheads: &state.settings.letterhead,
        lang: who.lang(),
        unit: who.session.user.money_unit,
        today: state.app.today(),
    }
}

fn report_error(error: ReportError) -> WebError {
    match error {
        ReportError::App(app) => WebError::from(app),
        other => WebError::internal(&other.to_string()),
    }
}

/// The province of a place of the tree (itself, or a county's province).
fn province_of(tree: &PlaceTree, place: PlaceId) -> WebResult<Place> {
    let place = tree.get(place).ok_or(WebError::Page(ErrorPage::NotFound))?;
    let province = match place.parent_id.and_then(|parent| tree.get(parent)) {
        Some(parent) if place.kind == hamyar_app::access::ScopeKind::County => parent,
        _ => place,
    };
    Ok(province.clone())
}

/// A file's bytes as a response: shown in the browser (`inline`) or saved.
fn file(bytes: Vec<u8>, content_type: &str, name: &str, inline: bool) -> Response {
    let disposition = if inline { "inline" } else { "attachment" };
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("{disposition}; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

async fn pdf(document: ReportDocument, name: &str) -> WebResult<Response> {
    let bytes = render(document).await.map_err(report_error)?;
    Ok(file(bytes, "application/pdf", name, true))
}

/// Which of a group's papers.
#[derive(Debug, Clone, Copy)]
enum GroupPaper {
    Certificate,
    Agreement,
    Letter(Recipient),
}

/// The addressee named in the path; another name is a page that is not there.
fn recipient(to: &str) -> WebResult<Recipient> {
    Recipient::parse(to).ok_or(WebError::Page(ErrorPage::NotFound))
}

async fn group_paper(
    state: &AppState,
    who: &LoggedIn,
    id: GroupId,
    paper: GroupPaper,
) -> WebResult<Response> {
    let actor = who.actor();
    let page = state
        .app
        .group_page(&actor, id, who.lang().is_english(), true)
        .await?;
    let tree = state.app.place_tree().await?;
    let province = province_of(&tree, page.group.record.province_id)?;
    let printing = printing(state, who);
    let code = file_part(&page.group.record.code);
    let (document, name) = match paper {
        GroupPaper::Certificate => (
            group_papers::certificate(&page, &province, &printing),
            format!("certificate-{code}.pdf"),
        ),
        GroupPaper::Agreement => (
            group_papers::agreement(&page, &province, &printing),
            format!("agreement-{code}.pdf"),
        ),
        GroupPaper::Letter(to) => (
            group_papers::group_letter(&page, &province, to, &printing),
            format!("letter-{}-{code}.pdf", to.code()),
        ),
    };
    pdf(document, &name).await
}

/// `/groups/{id}/print/certificate.pdf`
pub async fn group_certificate(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
) -> WebResult<Response> {
    group_paper(&state, &who, id, GroupPaper::Certificate).await
}

/// `/groups/{id}/print/agreement.pdf`
pub async fn group_agreement(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
) -> WebResult<Response> {
    group_paper(&state, &who, id, GroupPaper::Agreement).await
}

/// `/groups/{id}/print/letter/{to}` (`bank`, `tvto` or `health`)
pub async fn group_letter(
    State(state): State<AppState>,
    who: LoggedIn,
    Path((id, to)): Path<(GroupId, String)>,
) -> WebResult<Response> {
    let to = recipient(&to)?;
    group_paper(&state, &who, id, GroupPaper::Letter(to)).await
}

/// `/groups/{id}/print/visit-form.pdf`: a blank form for the group's next visit.
pub async fn blank_visit_form(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
) -> WebResult<Response> {
    let life = state.app.group_life(&who.actor(), id, true).await?;
    let tree = state.app.place_tree().await?;
    let province = province_of(&tree, life.group.province_id)?;
    let county = tree.label(life.group.county_id, who.lang().is_english());
    let document = visit_form::blank_visit_form(&life, &province, &county, &printing(&state, &who));
    pdf(
        document,
        &format!("visit-form-{}.pdf", file_part(&life.group.code)),
    )
    .await
}

/// `/groups/{id}/visits/{visit_id}/print.pdf`: one recorded visit's form.
pub async fn filled_visit_form(
    State(state): State<AppState>,
    who: LoggedIn,
    Path((id, visit_id)): Path<(GroupId, i64)>,
) -> WebResult<Response> {
    let life = state.app.group_life(&who.actor(), id, true).await?;
    let visit = life
        .visits
        .iter()
        .find(|visit| visit.id == visit_id)
        .ok_or(WebError::Page(ErrorPage::NotFound))?;
    let tree = state.app.place_tree().await?;
    let province = province_of(&tree, life.group.province_id)?;
    let county = tree.label(life.group.county_id, who.lang().is_english());
    let document =
        visit_form::filled_visit_form(&life, visit, &province, &county, &printing(&state, &who));
    pdf(document, &format!("visit-{visit_id}.pdf")).await
}

/// `/money/payments/{id}/print.pdf`: the payment order.
pub async fn payment(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<PaymentId>,
) -> WebResult<Response> {
    let view = state.app.payment(&who.actor(), id).await?;
    let tree = state.app.place_tree().await?;
    let line = &view.line.line;
    let province = province_of(&tree, line.province_id)?;
    let line_place = tree.label(
        line.county_id.unwrap_or(line.province_id),
        who.lang().is_english(),
    );
    let document =
        payment_order::payment_order(&view, &province, &line_place, &printing(&state, &who));
    pdf(document, &format!("payment-{}.pdf", id.get())).await
}

/// `/women/{id}/print/dossier.pdf`: her file, audited as a `woman.view`.
pub async fn woman_dossier(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<WomanId>,
) -> WebResult<Response> {
    let file = state.app.open_woman(&who.actor(), id).await?;
    let tree = state.app.place_tree().await?;
    let record = &file.woman.record;
    let province = province_of(&tree, record.province_id)?;
    let county = tree.label(record.county_id, who.lang().is_english());
    let document = dossier::dossier(&file, &province, &county, &printing(&state, &who));
    pdf(document, &format!("dossier-{}.pdf", id.get())).await
}

/// `/women/{id}/print/letter/{to}` (`bank`, `tvto` or `health`): her introduction letter,
/// from her file (audited as a `woman.view`).
pub async fn woman_letter(
    State(state): State<AppState>,
    who: LoggedIn,
    Path((id, to)): Path<(WomanId, String)>,
) -> WebResult<Response> {
    let to = recipient(&to)?;
    let file = state.app.open_woman(&who.actor(), id).await?;
    let tree = state.app.place_tree().await?;
    let record = &file.woman.record;
    let province = province_of(&tree, record.province_id)?;
    let county = tree.label(record.county_id, who.lang().is_english());
    let document =
        group_papers::woman_letter(&file, &province, &county, to, &printing(&state, &who));
    pdf(document, &format!("letter-{}-{}.pdf", to.code(), id.get())).await
}

#[derive(Debug, Default, Deserialize)]
pub struct MonthlyQuery {
    #[serde(default)]
    pub province: String,
    #[serde(default)]
    pub month: String,
}

/// `/reports/monthly/{format}?province=&month=1405-08`: the monthly performance report as
/// `pdf`, `xlsx` or `csv` (the XLSX sheet's rows), printed from the press summary page (its
/// permission). Without a month, the month of today (counted up to today).
pub async fn monthly(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(format): Path<String>,
    Query(query): Query<MonthlyQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::ViewMoney)?;
    if !matches!(format.as_str(), "pdf" | "xlsx" | "csv") {
        return Err(WebError::Page(ErrorPage::NotFound));
    }
    let month = if query.month.trim().is_empty() {
        Month::of(state.app.today())
    } else {
        Month::parse(&query.month).ok_or(WebError::Page(ErrorPage::BadRequest))?
    };
    let tree = state.app.place_tree().await?;
    let province_id = province_for(&tree, &actor, &query.province)?;
    let report = monthly::monthly_report(&state.app, &actor, province_id, month)
        .await
        .map_err(report_error)?;
    let name = monthly::monthly_file_name(&report, &format);
    let sheet = |format| {
        monthly::monthly_table(&report)
            .to_bytes(format)
            .map_err(|error| WebError::internal(&format!("monthly report file: {error}")))
    };
    match format.as_str() {
        "pdf" => {
            let document = monthly::monthly_document(&report, &printing(&state, &who));
            pdf(document, &name).await
        }
        "xlsx" => Ok(file(
            sheet(hamyar_exchange::FileFormat::Xlsx)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &name,
            false,
        )),
        _ => Ok(file(
            sheet(hamyar_exchange::FileFormat::Csv)?,
            "text/csv; charset=utf-8",
            &name,
            false,
        )),
    }
}
