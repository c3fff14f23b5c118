//! The `hamyar` command's tests: each runs the built binary (`CARGO_BIN_EXE_hamyar`) over a
//! test database and reads what it printed, wrote or served. One test binary for all of them,
//! since linking a binary per file cost more than running them.

mod assessments;
mod attendance;
mod audit;
mod backup;
mod budget;
mod console;
mod demo;
mod exchange;
mod history;
mod imports_history;
mod ledger;
mod monthly;
mod outcome_report;
mod plan;
mod report;
mod savings_groups;
mod serve;
mod sms;
mod training_report;
