//! The route table and the middleware stack, in one place so the whole surface of the web
//! app can be read at a glance.

use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::pages::{
    account, audit, budget, dashboard, duplicates, errors, exchange, grants, group_life, groups,
    home, login, money_recipients, money_reports, places, press, programme, setup, singlehood,
    spending, users, woman_file, women,
};
use crate::state::AppState;
use crate::{assets, middleware, ops};

pub fn router(state: AppState) -> Router {
    let body_limit = state.settings.max_body_bytes;
    // An upload's multipart framing (its token, mode and headers) adds a little to the file.
    let upload_limit = state.imports.settings().max_upload_bytes as usize + 64 * 1024;
    let request_timeout = Duration::from_secs(state.settings.request_timeout_secs);
    let pages = Router::new()
        .route("/", get(home::show))
        .route("/setup/{token}", get(setup::show).post(setup::submit))
        .route("/login", get(login::show).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/lang", post(login::switch_language))
        .route("/account", get(account::show))
        .route("/account/password", post(account::change_password))
        .route("/account/preferences", post(account::save_preferences))
        .route("/users", get(users::list).post(users::create))
        .route("/users/new", get(users::new_form))
        .route("/users/{id}", get(users::show))
        .route("/users/{id}/disable", post(users::disable))
        .route("/users/{id}/enable", post(users::enable))
        .route("/users/{id}/password", post(users::reset_password))
        .route("/places", get(places::list))
        .route("/places/counties", post(places::add_county))
        .route("/places/{id}", get(places::show))
        .route("/places/{id}/rename", post(places::rename))
        .route("/audit", get(audit::browse))
        .route("/groups", get(groups::list).post(groups::create))
        .route("/groups/new", get(groups::new_form))
        .route(
            "/groups/settings",
            get(groups::settings).post(groups::save_settings),
        )
        .route("/groups/settings/units", post(groups::add_unit))
        .route(
            "/groups/settings/double-support",
            post(groups::save_double_support),
        )
        .route("/groups/settings/fields", post(groups::put_field))
        .route("/groups/{id}", get(groups::show))
        .route(
            "/groups/{id}/edit",
            get(groups::edit_form).post(groups::update),
        )
        .route("/groups/{id}/stage", post(groups::move_stage))
        .route("/groups/{id}/members", post(groups::add_member))
        .route(
            "/groups/{id}/members/{membership_id}/leave",
            post(groups::leave),
        )
        .route("/groups/{id}/staff", post(groups::assign_staff))
        .route("/groups/{id}/life", get(group_life::show))
        .route("/groups/{id}/business", post(group_life::record_business))
        .route("/groups/{id}/meetings", post(group_life::record_meeting))
        .route("/groups/{id}/visits", post(group_life::record_visit))
        .route(
            "/groups/{id}/visits/{visit_id}/follow-up",
            post(group_life::complete_follow_up),
        )
        .route(
            "/groups/{id}/requests/{request_id}/resolve",
            post(group_life::resolve_request),
        )
        .route("/groups/{id}/permits", post(group_life::record_permit))
        .route("/visits/due", get(group_life::visits_due))
        .route(
            "/visits/due/settings",
            post(group_life::save_no_visit_months),
        )
        .route("/women", get(women::list).post(women::create))
        .route("/women/new", get(women::new_form))
        .route("/women/member-row", get(women::member_row))
        .route("/women/{id}", get(woman_file::show))
        .route(
            "/women/{id}/edit",
            get(women::edit_form).post(women::update),
        )
        .route("/women/{id}/members", post(woman_file::add_member))
        .route(
            "/women/{id}/members/{member_id}/remove",
            post(woman_file::remove_member),
        )
        .route("/women/{id}/coverage", post(woman_file::record_coverage))
        .route("/women/{id}/inquiries", post(woman_file::add_inquiry))
        .route("/women/{id}/documents", post(woman_file::set_document))
        .route("/women/{id}/facilities", post(woman_file::declare_facility))
        .route("/duplicates", get(duplicates::queue))
        .route("/duplicates/{id}/merge", post(duplicates::merge))
        .route("/duplicates/{id}/dismiss", post(duplicates::dismiss))
        .route("/money/grants", get(grants::list).post(grants::create))
        .route("/money/grants/new", get(grants::new_form))
        .route("/money/grants/{id}", get(grants::show))
        .route(
            "/money/grants/{id}/tranches/{tranche}/approve",
            post(grants::approve),
        )
        .route(
            "/money/grants/{id}/tranches/{tranche}/reject",
            post(grants::reject),
        )
        .route(
            "/money/grants/{id}/tranches/{tranche}/pay",
            post(grants::pay),
        )
        .route(
            "/money/grants/{id}/tranches/{tranche}/cancel",
            post(grants::cancel),
        )
        .route("/programme", get(programme::show))
        .route("/programme/eligibility", post(programme::save_rules))
        .route("/programme/pension", post(programme::save_pension))
        .route("/programme/singlehood", post(singlehood::save))
        .route(
            "/women/import",
            get(exchange::form)
                .post(exchange::upload)
                .layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route("/women/import/template/{format}", get(exchange::template))
        .route("/women/import/jobs/{id}", get(exchange::show_job))
        .route("/women/import/jobs/{id}/status", get(exchange::job_status))
        .route("/women/import/jobs/{id}/apply", post(exchange::apply_job))
        .route(
            "/women/import/jobs/{id}/report/{format}",
            get(exchange::job_report),
        )
        .route("/women/export", get(exchange::export))
        .route("/money/budget", get(budget::show))
        .route("/money/budget/year", post(budget::set_year))
        .route("/money/budget/divide", post(budget::divide))
        .route("/money/budget/amend", post(budget::amend))
        .route("/money/reports/budget", get(money_reports::budget_report))
        .route("/dashboard", get(dashboard::show))
        .route("/reports/summary", get(press::summary))
        .route("/reports/summary/download.xlsx", get(press::download))
        .route("/reports/summary/report.pdf", get(press::report_pdf))
        .route(
            "/money/reports/recipients",
            get(money_recipients::recipients),
        )
        .route(
            "/money/reports/budget/download/{format}",
            get(money_reports::download),
        )
        .route(
            "/money/reports/lines/{id}/{figure}",
            get(money_reports::line_transactions),
        )
        .route(
            "/money/payments",
            get(spending::list)
                .post(spending::create)
                .layer(DefaultBodyLimit::max(spending::MAX_UPLOAD_BYTES)),
        )
        .route("/money/payments/new", get(spending::new_form))
        .route("/money/payments/{id}", get(spending::show))
        .route("/money/payments/{id}/approve", post(spending::approve))
        .route("/money/payments/{id}/reject", post(spending::reject))
        .route("/money/payments/{id}/pay", post(spending::pay))
        .route("/money/payments/{id}/cancel", post(spending::cancel))
        .route(
            "/money/payments/{id}/evidence",
            post(spending::attach).layer(DefaultBodyLimit::max(spending::MAX_UPLOAD_BYTES)),
        )
        .route(
            "/money/payments/{id}/evidence/{evidence_id}",
            get(spending::evidence),
        )
        .fallback(errors::not_found)
        .layer(from_fn_with_state(
            state.clone(),
            middleware::request_context,
        ))
        .layer(from_fn_with_state(state.clone(), middleware::error_pages));
    Router::new()
        .route("/healthz", get(ops::healthz))
        .route("/metrics", get(ops::metrics))
        .route("/assets/{*path}", get(assets::serve))
        .merge(pages)
        .layer(from_fn(middleware::record_metrics))
        .layer(from_fn_with_state(
            state.clone(),
            middleware::security_headers,
        ))
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            request_timeout,
        ))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
                // Only the method and the route template: paths and queries may carry identifiers.
                let route = request
                    .extensions()
                    .get::<axum::extract::MatchedPath>()
                    .map(|p| p.as_str().to_owned())
                    .unwrap_or_default();
                tracing::info_span!("request", method = %request.method(), route)
            }),
        )
        .with_state(state)
}
