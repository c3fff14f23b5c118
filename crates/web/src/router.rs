//! The route table and the middleware stack, in one place so the whole surface of the web
//! app can be read at a glance.
//!
//! The routes are written once, as a table ([`RouteTable`]) that records each path template
//! with its methods as it registers their handlers. The router is built from that table and
//! [`route_table`] lists it, so the list the authorization matrix test walks
//! (`web/tests/authorization_matrix.rs`) is the router itself, not a copy that could drift.

use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::http::{Method, StatusCode};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::MethodRouter;
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::compression::CompressionLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::pages::bank_loans;
use crate::pages::certificates;
use crate::pages::field_app;
use crate::pages::fund;
use crate::pages::outcomes_report;
use crate::pages::{
    account, audit, budget, dashboard, documents, duplicates, errors, exchange, exports, grants,
    group_life, groups, history_batches, home, login, money_recipients, money_reports, outcomes,
    places, plan, press, programme, setup, singlehood, spending, training, users, woman_file,
    women,
};
use crate::state::AppState;
use crate::{assets, middleware, ops};

/// The largest body the JSON API reads (a meeting of a few dozen members is a few KiB).
const API_BODY_BYTES: usize = 256 * 1024;

/// One path template with the methods it answers and their handlers.
struct TableEntry {
    path: &'static str,
    methods: Vec<Method>,
    handlers: MethodRouter<AppState>,
}

/// Routes as they are declared: each `get`/`post` adds a handler to its path (a path named
/// twice gets both methods) and remembers the method, so the table can both build a router
/// and say what it holds.
#[derive(Default)]
pub struct RouteTable {
    entries: Vec<TableEntry>,
}

impl RouteTable {
    fn add(
        mut self,
        path: &'static str,
        method: Method,
        with: impl FnOnce(MethodRouter<AppState>) -> MethodRouter<AppState>,
    ) -> Self {
        match self.entries.iter_mut().find(|entry| entry.path == path) {
            Some(entry) => {
                let handlers = std::mem::take(&mut entry.handlers);
                entry.handlers = with(handlers);
                entry.methods.push(method);
            }
            None => self.entries.push(TableEntry {
                path,
                methods: vec![method],
                handlers: with(MethodRouter::new()),
            }),
        }
        self
    }

    fn get<H, T>(self, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(path, Method::GET, |handlers| handlers.get(handler))
    }

    fn post<H, T>(self, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(path, Method::POST, |handlers| handlers.post(handler))
    }

    /// Allows bodies up to `bytes` on every method the last path declared has so far.
    fn limit(mut self, bytes: usize) -> Self {
        if let Some(entry) = self.entries.last_mut() {
            let handlers = std::mem::take(&mut entry.handlers);
            entry.handlers = handlers.layer(DefaultBodyLimit::max(bytes));
        }
        self
    }

    /// (method, path template) of every handler, in declaration order.
    pub fn routes(&self) -> Vec<(Method, &'static str)> {
        self.entries
            .iter()
            .flat_map(|entry| {
                entry
                    .methods
                    .iter()
                    .map(move |method| (method.clone(), entry.path))
            })
            .collect()
    }

    fn into_router(self) -> Router<AppState> {
        self.entries
            .into_iter()
            .fold(Router::new(), |router, entry| {
                router.route(entry.path, entry.handlers)
            })
    }
}

/// Operations and assets: outside the page middleware (no session, no CSRF).
fn ops_routes() -> RouteTable {
    RouteTable::default()
        .get("/healthz", ops::healthz)
        .get("/metrics", ops::metrics)
        .get("/assets/{*path}", assets::serve)
}

/// The pages, behind the request context and error pages; `upload_bytes` bounds the body of
/// a spreadsheet upload.
fn page_routes(upload_bytes: usize) -> RouteTable {
    RouteTable::default()
        .get("/", home::show)
        .get("/setup/{token}", setup::show)
        .post("/setup/{token}", setup::submit)
        .get("/login", login::show)
        .post("/login", login::submit)
        // Public: anyone holding a training certificate checks its code (throttled).
        .get("/verify", certificates::verify)
        // Public: the JSON API's document as a page (the document itself is in `api`).
        .get("/api/v1/docs", crate::api::docs::page)
        .post("/logout", login::logout)
        .post("/lang", login::switch_language)
        .get("/account", account::show)
        .post("/account/password", account::change_password)
        .post("/account/preferences", account::save_preferences)
        .post("/account/tokens", account::create_token)
        .post("/account/tokens/{id}/revoke", account::revoke_token)
        // The offline field app (issue 21): its page, the phone's token, and what makes it
        // installable (public: a browser fetches them without a session).
        .get("/field", field_app::show)
        .post("/field/device", field_app::create_device)
        .post("/field/device/{id}/revoke", field_app::revoke_device)
        .get("/field/manifest.webmanifest", field_app::shell::manifest)
        .get("/field/sw.js", field_app::shell::service_worker)
        .get("/users", users::list)
        .post("/users", users::create)
        .get("/users/new", users::new_form)
        .get("/users/{id}", users::show)
        .post("/users/{id}/disable", users::disable)
        .post("/users/{id}/enable", users::enable)
        .post("/users/{id}/password", users::reset_password)
        .get("/places", places::list)
        .post("/places/counties", places::add_county)
        .get("/places/{id}", places::show)
        .post("/places/{id}/rename", places::rename)
        .get("/audit", audit::browse)
        .get("/groups", groups::list)
        .get("/groups/export", exports::groups)
        .post("/groups", groups::create)
        .get("/groups/new", groups::new_form)
        .get("/groups/settings", groups::settings)
        .post("/groups/settings", groups::save_settings)
        .post("/groups/settings/units", groups::add_unit)
        .post(
            "/groups/settings/double-support",
            groups::save_double_support,
        )
        .post("/groups/settings/fields", groups::put_field)
        .get("/groups/{id}", groups::show)
        .get("/groups/{id}/edit", groups::edit_form)
        .post("/groups/{id}/edit", groups::update)
        .post("/groups/{id}/stage", groups::move_stage)
        .post("/groups/{id}/members", groups::add_member)
        .post("/groups/{id}/members/{membership_id}/leave", groups::leave)
        .post("/groups/{id}/staff", groups::assign_staff)
        .get("/groups/{id}/life", group_life::show)
        .get("/groups/{id}/roster", exports::roster)
        .get(
            "/groups/{id}/print/certificate.pdf",
            documents::group_certificate,
        )
        .get(
            "/groups/{id}/print/agreement.pdf",
            documents::group_agreement,
        )
        .get("/groups/{id}/print/letter/{to}", documents::group_letter)
        .get(
            "/groups/{id}/print/visit-form.pdf",
            documents::blank_visit_form,
        )
        .get(
            "/groups/{id}/visits/{visit_id}/print.pdf",
            documents::filled_visit_form,
        )
        .post("/groups/{id}/business", group_life::record_business)
        .post("/groups/{id}/meetings", group_life::record_meeting)
        .post("/groups/{id}/visits", group_life::record_visit)
        .post(
            "/groups/{id}/visits/{visit_id}/follow-up",
            group_life::complete_follow_up,
        )
        .post(
            "/groups/{id}/requests/{request_id}/resolve",
            group_life::resolve_request,
        )
        .post("/groups/{id}/permits", group_life::record_permit)
        .get("/visits/due", group_life::visits_due)
        .post("/visits/due/settings", group_life::save_no_visit_months)
        .get("/visits/export", exports::visits)
        .get("/business/export", exports::business)
        .get("/women", women::list)
        .post("/women", women::create)
        .get("/women/new", women::new_form)
        .get("/women/member-row", women::member_row)
        .get("/women/{id}", woman_file::show)
        .get("/women/{id}/print/dossier.pdf", documents::woman_dossier)
        .get("/women/{id}/print/letter/{to}", documents::woman_letter)
        .get("/women/{id}/edit", women::edit_form)
        .post("/women/{id}/edit", women::update)
        .post("/women/{id}/members", woman_file::add_member)
        .post(
            "/women/{id}/members/{member_id}/remove",
            woman_file::remove_member,
        )
        .post("/women/{id}/coverage", woman_file::record_coverage)
        .post("/women/{id}/inquiries", woman_file::add_inquiry)
        .post("/women/{id}/documents", woman_file::set_document)
        .post("/women/{id}/facilities", woman_file::declare_facility)
        .get("/bank-loans", bank_loans::list)
        .get("/women/{id}/bank-loans/new", bank_loans::new_form)
        .post("/women/{id}/bank-loans", bank_loans::refer)
        .get("/groups/{id}/bank-loans/new", bank_loans::group_new_form)
        .post("/groups/{id}/bank-loans", bank_loans::refer_group)
        .get("/bank-loans/{id}", bank_loans::show)
        .post("/bank-loans/{id}/decision", bank_loans::decide)
        .post("/bank-loans/{id}/disbursement", bank_loans::disburse)
        .post("/bank-loans/{id}/instalments", bank_loans::instalment)
        .post("/bank-loans/{id}/settle", bank_loans::settle)
        .post("/bank-loans/{id}/default", bank_loans::default)
        .post("/bank-loans/{id}/withdraw", bank_loans::withdraw)
        .get("/duplicates", duplicates::queue)
        .post("/duplicates/{id}/merge", duplicates::merge)
        .post("/duplicates/{id}/dismiss", duplicates::dismiss)
        .get("/money/grants", grants::list)
        .post("/money/grants", grants::create)
        .get("/money/grants/new", grants::new_form)
        .get("/money/grants/{id}", grants::show)
        .post(
            "/money/grants/{id}/tranches/{tranche}/approve",
            grants::approve,
        )
        .post(
            "/money/grants/{id}/tranches/{tranche}/reject",
            grants::reject,
        )
        .post("/money/grants/{id}/tranches/{tranche}/pay", grants::pay)
        .post(
            "/money/grants/{id}/tranches/{tranche}/cancel",
            grants::cancel,
        )
        .get("/programme", programme::show)
        .post("/programme/eligibility", programme::save_rules)
        .post("/programme/pension", programme::save_pension)
        .post("/programme/singlehood", singlehood::save)
        .get("/women/import", exchange::form)
        .post("/women/import", exchange::upload)
        .limit(upload_bytes)
        .get("/women/import/template/{format}", exchange::template)
        .get("/women/import/jobs/{id}", exchange::show_job)
        .get("/women/import/jobs/{id}/status", exchange::job_status)
        .post("/women/import/jobs/{id}/apply", exchange::apply_job)
        .get(
            "/women/import/jobs/{id}/report/{format}",
            exchange::job_report,
        )
        .get("/women/export", exchange::export)
        .get("/money/budget", budget::show)
        .post("/money/budget/year", budget::set_year)
        .post("/money/budget/divide", budget::divide)
        .post("/money/budget/amend", budget::amend)
        .post("/money/budget/close-year", budget::close_year)
        .post("/money/budget/reopen-year", budget::reopen_year)
        .get("/money/reports/budget", money_reports::budget_report)
        .get("/dashboard", dashboard::show)
        .get("/dashboard/figures/{format}", dashboard::figures_download)
        .get("/plan", plan::show)
        .post("/plan", plan::save)
        .get("/plan/file/{format}", plan::download)
        .get("/reports/summary", press::summary)
        .get("/reports/summary/download.xlsx", press::download)
        .get("/reports/summary/report.pdf", press::report_pdf)
        .get("/reports/summary/press.pdf", press::press_pdf)
        .get("/reports/monthly/{format}", documents::monthly)
        .get("/money/reports/recipients", money_recipients::recipients)
        .get(
            "/money/reports/budget/download/{format}",
            money_reports::download,
        )
        .get(
            "/money/reports/lines/{id}/{figure}",
            money_reports::line_transactions,
        )
        .get("/money/payments", spending::list)
        .post("/money/payments", spending::create)
        .limit(spending::MAX_UPLOAD_BYTES)
        .get("/money/payments/new", spending::new_form)
        .get("/money/payments/{id}", spending::show)
        .get("/money/payments/{id}/print.pdf", documents::payment)
        .get(
            "/training/enrolments/{id}/certificate.pdf",
            certificates::certificate_pdf,
        )
        .post("/money/payments/{id}/approve", spending::approve)
        .post("/money/payments/{id}/reject", spending::reject)
        .post("/money/payments/{id}/pay", spending::pay)
        .post("/money/payments/{id}/cancel", spending::cancel)
        .post("/money/payments/{id}/evidence", spending::attach)
        .limit(spending::MAX_UPLOAD_BYTES)
        .get(
            "/money/payments/{id}/evidence/{evidence_id}",
            spending::evidence,
        )
        .get("/money/history", history_batches::list)
        .get("/money/history/{id}", history_batches::show)
        .post("/money/history/{id}/confirm", history_batches::confirm)
        .limit(spending::MAX_UPLOAD_BYTES)
        .post("/money/history/{id}/refuse", history_batches::refuse)
        .get("/money/history/{id}/evidence", history_batches::evidence)
        .get("/outcomes", outcomes::list)
        .get("/outcomes/report", outcomes_report::report_page)
        .get(
            "/outcomes/report/{format}",
            outcomes_report::report_download,
        )
        .get("/outcomes/instruments", outcomes::instruments)
        .post("/outcomes/instruments", outcomes::add_version)
        .limit(outcomes::MAX_DEFINITION_FORM_BYTES)
        .get("/outcomes/instruments/{code}", outcomes::instrument)
        .get("/outcomes/forms/{id}", outcomes::show_form)
        .get("/outcomes/exits", outcomes::exits::list)
        .get("/outcomes/exits/{id}", outcomes::exits::show)
        .post("/outcomes/exits/{id}", outcomes::exits::decide)
        .get("/outcomes/criteria", outcomes::exits::criteria)
        .post("/outcomes/criteria", outcomes::exits::set_criteria)
        .post("/women/{id}/outcomes/exit", outcomes::exits::propose_woman)
        .get("/groups/{id}/graduation", outcomes::exits::group)
        .post("/groups/{id}/graduation", outcomes::exits::propose_group)
        .get("/women/{id}/outcomes", outcomes::show)
        .get("/women/{id}/outcomes/new", outcomes::new_form)
        .post("/women/{id}/outcomes/new", outcomes::record)
        .get("/groups/{id}/fund", fund::show)
        .post("/groups/{id}/fund/cycles", fund::open_cycle)
        .post("/groups/{id}/fund/lottery", fund::draw)
        .get("/groups/{id}/fund/meeting", fund::meeting)
        .post("/groups/{id}/fund/meeting", fund::record_meeting)
        .limit(fund::MAX_MEETING_FORM_BYTES)
        .get("/groups/{id}/fund/share-out", fund::share_out_plan)
        .post("/groups/{id}/fund/share-out", fund::share_out)
        .get("/fund/loans/{id}", fund::loan)
        .post("/fund/loans/{id}/reschedule", fund::reschedule)
        .post("/fund/loans/{id}/write-off", fund::write_off)
        .get("/fund/report", fund::report)
        .get("/training", training::list)
        .get("/training/report", training::report_page)
        .get("/training/report/{format}", training::report_download)
        .get("/training/runs/new", training::new_form)
        .post("/training/runs/new", training::create)
        .get("/training/runs/{id}", training::show)
        .post("/training/runs/{id}/enrol", training::enrol)
        .post("/training/runs/{id}/complete", training::complete)
        .post("/training/runs/{id}/dropout", training::dropout)
        .get("/training/follow-ups", training::follow_up::list)
        .get("/training/follow-ups/{id}", training::follow_up::show)
        .post("/training/follow-ups/{id}", training::follow_up::record)
        .get(
            "/training/women/{id}/job-plans/new",
            training::job_plan::new_form,
        )
        .post(
            "/training/women/{id}/job-plans/new",
            training::job_plan::create,
        )
        .get("/training/job-plans/{id}", training::job_plan::show)
        .post(
            "/training/job-plans/{id}/steps",
            training::job_plan::add_step,
        )
        .post(
            "/training/job-plans/{id}/steps/{step_id}",
            training::job_plan::change_step,
        )
        .post("/training/job-plans/{id}/close", training::job_plan::close)
        .get(
            "/training/runs/{id}/sessions/{session_id}",
            training::show_sheet,
        )
        .post(
            "/training/runs/{id}/sessions/{session_id}",
            training::save_sheet,
        )
        .get("/training/providers", training::providers)
        .post("/training/providers", training::add_provider)
        .get("/training/providers/{id}", training::provider)
        .post("/training/providers/{id}/contracts", training::add_contract)
        .get("/training/needs", training::open_needs)
        .post("/training/needs/{id}/withdraw", training::withdraw_need)
        .get("/groups/{id}/training-needs", training::need_form)
        .post("/groups/{id}/training-needs", training::record_need)
        .get("/training/kinds", training::kinds)
        .post("/training/kinds", training::add_kind)
}

/// Every route the app answers, as (method, path template): the operations routes, the
/// pages, then the JSON API's (read from its generated document). The router is built from
/// the same tables.
pub fn route_table() -> Vec<(Method, String)> {
    let mut routes: Vec<(Method, String)> = ops_routes()
        .routes()
        .into_iter()
        .map(|(method, path)| (method, path.to_owned()))
        .collect();
    routes.extend(
        page_routes(0)
            .routes()
            .into_iter()
            .map(|(method, path)| (method, path.to_owned())),
    );
    routes.extend(crate::api::route_table());
    routes
}

pub fn router(state: AppState) -> Router {
    let body_limit = state.settings.max_body_bytes;
    // An upload's multipart framing (its token, mode and headers) adds a little to the file.
    let upload_limit = state.imports.settings().max_upload_bytes as usize + 64 * 1024;
    let request_timeout = Duration::from_secs(state.settings.request_timeout_secs);
    let pages = page_routes(upload_limit)
        .into_router()
        .fallback(errors::not_found)
        .layer(from_fn_with_state(
            state.clone(),
            middleware::request_context,
        ))
        .layer(from_fn_with_state(state.clone(), middleware::error_pages))
        // Pages wait their turn here; /healthz, /metrics and assets do not.
        .layer(GlobalConcurrencyLimitLayer::new(
            state.settings.max_concurrent_requests,
        ))
        // Pages and downloads travel gzipped to a browser that accepts it (a dashboard's
        // 77 KB of HTML is about a tenth of that). Safe with the CSRF token on the page: it is
        // masked afresh on every page (`csrf::masked`), so its compressed size tells nothing.
        // Assets are compressed once by `assets` and not again here.
        .layer(CompressionLayer::new().gzip(true));
    // The JSON API: its own token check and problem documents, no session or CSRF (a bearer
    // token is not sent by a browser on its own); its calls wait their turn in a queue of
    // their own, so an integration cannot starve the pages or the pages it.
    let api = crate::api::router(state.clone())
        .layer(GlobalConcurrencyLimitLayer::new(
            state.settings.max_concurrent_requests,
        ))
        .layer(DefaultBodyLimit::max(API_BODY_BYTES));
    ops_routes()
        .into_router()
        .merge(api)
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
