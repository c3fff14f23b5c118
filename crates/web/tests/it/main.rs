//! The web crate's tests through HTTP: a real server on a random port (`hamyar-webtest`) and a
//! browser-like client, and the surfaces that render application figures (dashboard, PDF,
//! figure files). One test binary for all of them, since linking a binary per file (each with
//! the web server and the PDF typesetter) cost more than running them.

mod account_tokens;
mod api;
mod api_resources;
mod authorization_matrix;
mod bank_loans;
mod budget;
mod certificates;
mod dashboard;
mod documents;
mod exchange;
mod exports;
mod facilities;
mod field_app;
mod field_sync;
mod figures;
mod fund;
mod grants;
mod group_life_pages;
mod groups;
mod history_batches;
mod hostile;
mod imports_history;
mod job_preparation;
mod journeys;
mod logins;
mod money_dates;
mod outcomes_import;
mod outcomes_report;
mod places_pages;
mod press;
mod registry;
mod scope_and_roles;
mod spending;
mod today;
mod training;
mod training_plans;
mod training_report;
mod visits_due;
mod yearly_plan;
