//! The use-case tests: the application's stories over a real database, through
//! `hamyar-testkit`'s fixtures and nothing of the web server. One test binary for all of them,
//! since linking a binary per file cost more than running them. The crash tests run this same
//! binary again as a child process, naming their child test by its path in this binary.

mod api_tokens;
mod attendance_import;
mod audit_trail;
mod bank_loans;
mod budget;
mod crash;
mod dashboard;
mod demo;
mod facilities;
mod fund;
mod graduation;
mod grant_training;
mod grants;
mod group_life;
mod groups;
mod imports;
mod job_preparation;
mod ledger;
mod ledger_batch;
mod login_locks;
mod money_dates;
mod money_history;
mod money_properties;
mod money_reports;
mod outcome_report;
mod outcomes;
mod outcomes_import;
mod persian_text;
mod press;
mod reference_places;
mod sms;
mod spending;
mod spending_crash;
mod training;
mod training_certificates;
mod training_plans;
mod training_report;
mod use_cases;
mod yearly_plan;
