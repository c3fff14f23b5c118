//! The storage crate's integration tests, one test binary for all of them: linking a binary
//! per file cost more than running them. Each module is one repository's contract, run on
//! SQLite and on PostgreSQL by `hamyar_store::on_both_databases!`, or a check of the two
//! engines' migrations against each other.

mod api_requests_contract;
mod api_tokens_contract;
mod assessments_contract;
mod audit_contract;
mod backup_contract;
mod bank_loans_contract;
mod budget_contract;
mod contract;
mod dashboard_contract;
mod devices_contract;
mod exit_proposals_contract;
mod exports_contract;
mod facilities_contract;
mod fund_contract;
mod grants_contract;
mod group_life_contract;
mod groups_contract;
mod history_contract;
mod job_plans_contract;
mod ledger_batch_contract;
mod ledger_contract;
mod ledger_drill_contract;
mod migrations_agree;
mod outcome_reports_contract;
mod places_contract;
mod registry_contract;
mod sms_contract;
mod spending_contract;
mod training_contract;
mod training_facts_contract;
mod training_plans_contract;
mod training_reports_contract;
mod yearly_plans_contract;
