//! Page handlers, one module per area. Each handler parses its input, calls one use-case on
//! `App` with the logged-in actor, and renders a template or redirects.

pub mod account;
pub mod audit;
pub mod bank_loans;
pub mod budget;
pub mod certificates;
pub mod codes;
pub mod dashboard;
pub mod documents;
pub mod duplicates;
pub mod errors;
pub mod exchange;
pub mod exports;
pub mod facilities;
pub mod field_app;
pub mod form;
pub mod fund;
pub mod grants;
pub mod group_chart;
pub mod group_life;
pub mod groups;
pub mod history_batches;
pub mod home;
pub mod login;
pub mod money_recipients;
pub mod money_reports;
pub mod outcomes;
pub mod outcomes_report;
pub mod pairs;
pub mod places;
pub mod plan;
pub mod press;
pub mod programme;
pub mod setup;
pub mod singlehood;
pub mod spending;
pub mod training;
pub mod users;
pub mod woman_file;
pub mod woman_form;
pub mod women;

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::error::WebError;

/// Renders a template with a status code.
pub fn render<T: Template>(status: StatusCode, template: &T) -> Result<Response, WebError> {
    let html = template
        .render()
        .map_err(|e| WebError::internal(&format!("template failed: {e}")))?;
    Ok((status, Html(html)).into_response())
}

/// Renders a template as a 200 page.
pub fn page<T: Template>(template: &T) -> Result<Response, WebError> {
    render(StatusCode::OK, template)
}

/// Redirect after a successful POST, with a confirmation message key.
pub fn done(path: &str, notice_key: &str) -> Response {
    let separator = if path.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{path}{separator}done={notice_key}")).into_response()
}

/// Redirect after a successful POST to a section (`#section`) of a page that has several
/// forms, with a confirmation message key.
pub fn back_to(path: &str, notice_key: &str, section: &str) -> Response {
    let separator = if path.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{path}{separator}done={notice_key}#{section}")).into_response()
}

/// A number typed in any digits (Persian, Arabic or Latin), or `None` when there is none.
pub fn number<T: std::str::FromStr>(text: &str) -> Option<T> {
    hamyar_domain::to_latin_digits(text.trim()).parse().ok()
}

/// Query parameter carrying the confirmation message key.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Notice {
    pub done: Option<String>,
}
