//! Opening the database and building the application from configuration, shared by every
//! command: connect, migrate, seed reference places.

use std::sync::Arc;

use anyhow::Context;
use hamyar_app::{App, AppSettings, SystemClock};
use hamyar_store::{AnyStore, ConnectSettings};

use crate::config::{Config, redact_url};

pub struct Opened {
    pub store: Arc<AnyStore>,
    pub app: App,
}

/// Connects, applies migrations and reference data, and builds the app.
pub async fn open(config: &Config) -> anyhow::Result<Opened> {
    let settings = ConnectSettings {
        max_connections: config.max_connections,
    };
    let store = hamyar_store::connect(&config.database_url, &settings)
        .await
        .with_context(|| {
            format!(
                "cannot open the database {}",
                redact_url(&config.database_url)
            )
        })?;
    store
        .migrate()
        .await
        .context("cannot migrate the database")?;
    let store = Arc::new(store);
    let app = App::new(store.clone(), Arc::new(SystemClock), app_settings(config));
    app.seed_reference_places()
        .await
        .context("cannot load reference places")?;
    Ok(Opened { store, app })
}

fn app_settings(config: &Config) -> AppSettings {
    AppSettings {
        session_idle_minutes: config.session_idle_minutes,
        session_max_hours: config.session_max_hours,
        login_limits: config.login_limits(),
        password_checks: config.password_hashes_at_once,
    }
}
