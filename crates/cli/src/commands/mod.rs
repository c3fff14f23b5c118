//! One module per `hamyar` subcommand.

pub mod audit;
pub mod backup;
pub mod migrate;
pub mod places;
pub mod serve;
pub mod user;
