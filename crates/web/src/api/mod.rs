//! The JSON API at `/api/v1`, for other systems and for the field app: women, their households
//! and assessments, groups and their memberships, meetings with attendance, visits, business months,
//! a group's fund and its meetings, training runs and their attendance, payments and grants
//! (read), the field app's sync and the catalogue of figures, with the web app's own
//! authorization, scope, masking and audit — every handler calls the same use-case its page
//! calls, so nothing about who may see what is written twice.
//!
//! The routes are declared once, each with its `#[utoipa::path]` annotation, through
//! [`OpenApiRouter`]: a route can only be added together with its description, so the OpenAPI
//! document ([`document`], served at `/api/v1/openapi.json` and read as a page at
//! `/api/v1/docs`) is generated from the same declarations as the router and cannot miss one.
//!
//! Callers are bearer tokens (`caller.rs`); errors are problem documents (`problem.rs`);
//! writes carry an `Idempotency-Key` and are done once (`input.rs`, `hamyar_app::once`);
//! updates take `If-Match` against the record's `ETag`.

mod business;
mod caller;
pub mod docs;
mod fallback;
mod figures;
mod fund;
mod group_life;
mod group_life_read;
mod groups;
mod household;
mod input;
mod members;
mod money;
mod outcomes;
mod paging;
mod problem;
mod sync;
mod training;
mod women;

use axum::Json;
use axum::Router;
use axum::http::Method;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{any, get};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

/// The document's fixed parts: title, version, the token scheme.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Hamyar API",
        version = "1",
        description = "The JSON API of Hamyar, the information system of women's mutual-help groups. \
            Authenticate with a personal API token (`Authorization: Bearer hmy_…`) created on your \
            account page; it reads and writes only within its place. Every write takes an \
            `Idempotency-Key` (8–120 of `A-Za-z0-9-_.:`): a repeat answers as the first. Updates \
            take `If-Match` with the record's `ETag`. Errors are `application/problem+json` with \
            Persian and English messages and the field at fault. Dates are Jalali (`1405/09/16`)."
    ),
    modifiers(&TokenScheme)
)]
struct ApiDoc;

struct TokenScheme;

impl Modify for TokenScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

/// Every operation of the API with its description. Add a route here and it is in the
/// document; there is no other way to add one.
fn operations() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(groups::list))
        .routes(routes!(groups::show, groups::replace))
        .routes(routes!(members::join))
        .routes(routes!(members::end))
        .routes(routes!(
            group_life_read::meetings,
            group_life::record_meeting
        ))
        .routes(routes!(group_life_read::visits, group_life::record_visit))
        .routes(routes!(business::months, business::record))
        .routes(routes!(fund::show))
        .routes(routes!(fund::record_meeting))
        .routes(routes!(sync::sync))
        .routes(routes!(women::list))
        .routes(routes!(women::show))
        .routes(routes!(household::show))
        .routes(routes!(outcomes::list, outcomes::record))
        .routes(routes!(training::runs))
        .routes(routes!(training::run))
        .routes(routes!(training::record_attendance))
        .routes(routes!(money::payments))
        .routes(routes!(money::payment))
        .routes(routes!(money::grants))
        .routes(routes!(money::grant))
        .routes(routes!(figures::catalogue))
}

/// The OpenAPI 3.1 document of the API.
pub fn document() -> utoipa::openapi::OpenApi {
    operations().into_openapi()
}

/// Every (method, path template) the API answers, read from its document; with the two
/// public routes that serve the document itself.
pub fn route_table() -> Vec<(Method, String)> {
    let mut routes = vec![(Method::GET, "/api/v1/openapi.json".to_owned())];
    for (path, item) in document().paths.paths {
        let methods = [
            (Method::GET, item.get.is_some()),
            (Method::PUT, item.put.is_some()),
            (Method::POST, item.post.is_some()),
            (Method::DELETE, item.delete.is_some()),
            (Method::PATCH, item.patch.is_some()),
        ];
        for (method, present) in methods {
            if present {
                routes.push((method, path.clone()));
            }
        }
    }
    routes
}

/// The API's router: the operations behind the token check, and the document in public.
pub fn router(state: AppState) -> Router<AppState> {
    let (operations, doc) = operations().split_for_parts();
    let json = std::sync::Arc::new(serde_json::to_value(&doc).unwrap_or_default());
    operations
        .route_layer(from_fn_with_state(state, caller::authenticate))
        .route("/api/v1/{*rest}", any(fallback::unknown_path))
        .route(
            "/api/v1/openapi.json",
            get(move || {
                let json = json.clone();
                async move { Json((*json).clone()) }
            }),
        )
        .layer(from_fn(fallback::method_refused))
}
