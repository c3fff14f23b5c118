//! `hamyar migrate`: apply migrations and reference data, then exit.

use std::process::ExitCode;

use crate::config::{Config, redact_url};
use crate::runtime;

pub async fn run(config: &Config) -> anyhow::Result<ExitCode> {
    let opened = runtime::open(config).await?;
    let places = opened.app.place_tree().await?.all().len();
    outln!(
        "database {} is migrated; {places} places loaded",
        redact_url(&config.database_url)
    );
    hamyar_app::ports::Database::close(opened.store.as_ref()).await;
    Ok(ExitCode::SUCCESS)
}
