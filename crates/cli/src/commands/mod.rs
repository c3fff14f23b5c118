//! One module per `hamyar` subcommand.

pub mod api_token;
pub mod audit;
pub mod backup;
pub mod budget;
pub mod demo;
pub mod exchange;
pub mod fund;
pub mod history;
pub mod ledger;
pub mod migrate;
pub mod places;
pub mod plan;
pub mod report;
pub mod restore;
pub mod serve;
pub mod sms;
pub mod user;
