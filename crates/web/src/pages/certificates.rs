//! Hamyar's training certificate (issue 18): the PDF staff print for a woman who completed a
//! run, and the public page where anyone holding one checks it.
//!
//! `/training/enrolments/{id}/certificate.pdf` needs a login; `App::certificate` allows,
//! scopes and audits it (`training.certificate`), and `hamyar_reports` lays it out on the
//! letterhead of the run's province. `/verify` needs no login: a form with one field, and
//! `/verify?code=…` answers with the woman's name, the course, the county and the day only,
//! or says the code is not registered. The check goes through
//! `App::verify_certificate_from` with the client's address (as the login throttle sees it),
//! so a code that is not found costs the address part of its hourly budget and a spent budget
//! is answered 429 with `Retry-After`, like a throttled login. The page uses the login
//! page's chrome (`bare.html`), which fits a 390 px phone.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header::{self, HeaderValue};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use hamyar_app::AppError;
use hamyar_app::ids::EnrolmentId;
use hamyar_app::training::CertificateCheck;
use hamyar_i18n::{Arg, Lang};
use hamyar_reports::documents::training_certificate::training_certificate;
use hamyar_reports::documents::{Printing, ReportError, file_part, render};
use serde::Deserialize;

use crate::context::{LoggedIn, PageCtx, RequestContext};
use crate::error::{ErrorPage, WebError, WebResult};
use crate::pages::form::FormView;
use crate::pages::render as render_page;
use crate::state::AppState;

/// Where the public check is. Hamyar's configuration has no public base URL, so the
/// certificate prints the path; an office adds its own address in front when it tells people.
pub const VERIFY_PATH: &str = "/verify";

/// `/training/enrolments/{id}/certificate.pdf`: her certificate, shown in the browser.
pub async fn certificate_pdf(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<EnrolmentId>,
) -> WebResult<Response> {
    let facts = state.app.certificate(&who.actor(), id).await?;
    let tree = state.app.place_tree().await?;
    let province = tree
        .get(facts.province_id)
        .cloned()
        .ok_or(WebError::Page(ErrorPage::NotFound))?;
    let printing = Printing {
        letterheads: &state.settings.letterhead,
        lang: who.lang(),
        unit: who.session.user.money_unit,
        today: state.app.today(),
    };
    let document = training_certificate(&facts, &province, VERIFY_PATH, &printing);
    let bytes = render(document).await.map_err(|error| match error {
        ReportError::App(app) => WebError::from(app),
        other => WebError::internal(&other.to_string()),
    })?;
    let name = format!(
        "training-certificate-{}.pdf",
        file_part(&facts.certificate_code)
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

#[derive(Template)]
#[template(path = "certificate_verify.html")]
struct VerifyTemplate {
    ctx: PageCtx,
    form: FormView,
    found: Option<CertificateCheck>,
    /// The course and the county in the reader's language, and the day in her digits.
    course: String,
    county: Option<String>,
    completed_on: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct VerifyQuery {
    #[serde(default)]
    code: Option<String>,
}

/// `/verify` (the form) and `/verify?code=…` (the answer), without login.
pub async fn verify(
    State(state): State<AppState>,
    ctx: RequestContext,
    Query(query): Query<VerifyQuery>,
) -> WebResult<Response> {
    let code = query.code.unwrap_or_default();
    let mut form = FormView::with_values([("code", code.trim())]);
    let page_ctx = PageCtx::bare(&state.app, &ctx, "training-certificates-verify-title");
    if code.trim().is_empty() {
        return answer(page_ctx, form, None, StatusCode::OK, None);
    }
    let (status, found, retry_after) = match state
        .app
        .verify_certificate_from(&code, ctx.client_address)
        .await
    {
        Ok(Some(check)) => (StatusCode::OK, Some(check), None),
        Ok(None) => {
            form.general = Some(
                ctx.lang
                    .t("training-certificates-verify-unknown")
                    .to_owned(),
            );
            (StatusCode::OK, None, None)
        }
        Err(AppError::RateLimited { retry_after_secs }) => {
            form.general = Some(refusal(ctx.lang, retry_after_secs));
            (StatusCode::TOO_MANY_REQUESTS, None, Some(retry_after_secs))
        }
        Err(error @ AppError::Invalid(_)) => {
            // Too long to be a code: shown next to the field, and not kept in it.
            form = FormView::default();
            form.absorb(error, ctx.lang)?;
            (StatusCode::UNPROCESSABLE_ENTITY, None, None)
        }
        Err(other) => return Err(other.into()),
    };
    answer(page_ctx, form, found, status, retry_after)
}

fn answer(
    ctx: PageCtx,
    form: FormView,
    found: Option<CertificateCheck>,
    status: StatusCode,
    retry_after_secs: Option<u64>,
) -> WebResult<Response> {
    let english = ctx.lang.is_english();
    let pick = |fa: &str, en: &str| {
        if english && !en.trim().is_empty() {
            en.to_owned()
        } else {
            fa.to_owned()
        }
    };
    let (course, county, completed_on) = match &found {
        Some(check) => (
            pick(&check.course_name, &check.course_name_en),
            check
                .county_name
                .as_deref()
                .map(|fa| pick(fa, check.county_name_en.as_deref().unwrap_or_default())),
            hamyar_reports::format::date(check.completed_on, ctx.lang),
        ),
        None => (String::new(), None, String::new()),
    };
    let mut response = render_page(
        status,
        &VerifyTemplate {
            ctx,
            form,
            found,
            course,
            county,
            completed_on,
        },
    )?;
    // The answer names a person: not kept by shared caches, and not sent on as a referrer.
    let headers: &mut HeaderMap = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if let Some(secs) = retry_after_secs
        && let Ok(value) = HeaderValue::from_str(&secs.to_string())
    {
        headers.insert(header::RETRY_AFTER, value);
    }
    Ok(response)
}

/// "Too many unsuccessful checks; try again in N minutes", in the reader's digits.
fn refusal(lang: Lang, retry_after_secs: u64) -> String {
    let minutes = i64::try_from(retry_after_secs.div_ceil(60).max(1)).unwrap_or(i64::MAX);
    lang.tr(
        "training-certificates-verify-rate_limited",
        &[("minutes", Arg::Number(minutes))],
    )
}
