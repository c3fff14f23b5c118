//! `/api/v1/docs`: the API's document as a page people read — each operation with its
//! method, path, what it does, its parameters and its answers — drawn from the same
//! generated document as `/api/v1/openapi.json`, so the page cannot say something the
//! document does not. Public, like the document: it describes the API, not anyone's data.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::{RefOr, Required};

use crate::context::{PageCtx, RequestContext};
use crate::error::WebResult;
use crate::pages::render;
use crate::state::AppState;

/// One parameter of an operation as the page lists it.
pub struct ParamLine {
    pub name: String,
    pub place: &'static str,
    pub required: bool,
    pub description: String,
}

/// One operation as the page shows it.
pub struct OperationView {
    pub method: &'static str,
    pub path: String,
    pub summary: String,
    pub description: String,
    pub params: Vec<ParamLine>,
    pub body: Option<String>,
    /// Status code and what it means.
    pub answers: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "api_docs.html")]
struct DocsTemplate {
    ctx: PageCtx,
    intro: String,
    operations: Vec<OperationView>,
}

fn place_of(place: &ParameterIn) -> &'static str {
    match place {
        ParameterIn::Path => "path",
        ParameterIn::Query | ParameterIn::QueryString => "query",
        ParameterIn::Header => "header",
        ParameterIn::Cookie => "cookie",
    }
}

/// The name of the schema a body refers to (`NewMeeting`).
fn body_name(operation: &Operation) -> Option<String> {
    let RefOr::T(body) = operation.request_body.as_ref()? else {
        return None;
    };
    let RefOr::T(media) = body.content.values().next()? else {
        return None;
    };
    match media.schema.as_ref()? {
        RefOr::Ref(reference) => reference.ref_location.rsplit('/').next().map(str::to_owned),
        RefOr::T(_) => Some("object".to_owned()),
    }
}

fn view(method: &'static str, path: &str, operation: &Operation) -> OperationView {
    let params = operation
        .parameters
        .iter()
        .flatten()
        .filter_map(|p| match p {
            RefOr::T(p) => Some(ParamLine {
                name: p.name.clone(),
                place: place_of(&p.parameter_in),
                required: matches!(p.required, Required::True),
                description: p.description.clone().unwrap_or_default(),
            }),
            RefOr::Ref(_) => None,
        })
        .collect();
    let answers = operation
        .responses
        .responses
        .iter()
        .map(|(status, answer)| {
            let text = match answer {
                RefOr::T(answer) => answer.description.clone(),
                RefOr::Ref(reference) => reference.ref_location.clone(),
            };
            (status.clone(), text)
        })
        .collect();
    OperationView {
        method,
        path: path.to_owned(),
        summary: operation.summary.clone().unwrap_or_default(),
        description: operation.description.clone().unwrap_or_default(),
        params,
        body: body_name(operation),
        answers,
    }
}

/// Every operation of the document, in path order, GET before the writes.
pub fn operation_views() -> Vec<OperationView> {
    let document = super::document();
    let mut views = Vec::new();
    for (path, item) in &document.paths.paths {
        let methods = [
            ("GET", &item.get),
            ("PUT", &item.put),
            ("POST", &item.post),
            ("PATCH", &item.patch),
            ("DELETE", &item.delete),
        ];
        for (method, operation) in methods {
            if let Some(operation) = operation {
                views.push(view(method, path, operation));
            }
        }
    }
    views
}

pub async fn page(State(state): State<AppState>, ctx: RequestContext) -> WebResult<Response> {
    let page_ctx = PageCtx::bare(&state.app, &ctx, "api-docs-title");
    let intro = ctx.lang.t("api-docs-intro").to_owned();
    render(
        StatusCode::OK,
        &DocsTemplate {
            ctx: page_ctx,
            intro,
            operations: operation_views(),
        },
    )
}
