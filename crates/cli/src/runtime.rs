//! Opening the database and building the application from configuration, shared by every
//! command: find the audit key (making one beside a new SQLite database), connect, migrate,
//! anchor the trail's head the first time a key is used, seed reference places.

use std::sync::Arc;

use anyhow::Context;
use hamyar_app::audit::anchor::{AnchorFile, AnchorWhen};
use hamyar_app::{App, AppSettings, SystemClock};
use hamyar_store::{AnyStore, ConnectSettings};

use crate::audit_trail::{self, AuditTrailSetup, KeyUse};
use crate::config::{Config, redact_url};

pub struct Opened {
    pub store: Arc<AnyStore>,
    pub app: App,
    /// Where the audit key was looked for (for `hamyar audit verify`'s messages).
    pub audit: AuditTrailSetup,
}

/// Connects, applies migrations and reference data, and builds the app. A key is made for
/// a SQLite database that has none; when the anchor file does not exist yet, the trail's
/// head is anchored first, which marks from which row on every row must be keyed.
pub async fn open(config: &Config) -> anyhow::Result<Opened> {
    let opened = connect(config, KeyUse::Work).await?;
    opened
        .app
        .anchor_audit(AnchorWhen::FileMissing)
        .await
        .context("cannot anchor the audit trail")?;
    opened
        .app
        .seed_reference_places()
        .await
        .context("cannot load reference places")?;
    Ok(opened)
}

/// Opens the database to verify it: the key is read if it exists, nothing is created and
/// nothing is written but migrations.
pub async fn open_to_verify(config: &Config) -> anyhow::Result<Opened> {
    connect(config, KeyUse::Verify).await
}

async fn connect(config: &Config, key_use: KeyUse) -> anyhow::Result<Opened> {
    let audit = audit_trail::setup(config, key_use)?;
    let settings = ConnectSettings {
        max_connections: config.max_connections,
        sqlite_cache_mib: Some(config.sqlite_cache_mib),
    };
    let mut store = hamyar_store::connect(&config.database_url, &settings)
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
    if let Some(key) = &audit.key {
        store = store.with_audit_key(key.clone());
    }
    let store = Arc::new(store);
    let mut app = App::new(store.clone(), Arc::new(SystemClock), app_settings(config));
    if let Some(file) = &audit.anchor_file {
        app = app.with_audit_anchors(AnchorFile::new(file.clone()));
    }
    Ok(Opened { store, app, audit })
}

fn app_settings(config: &Config) -> AppSettings {
    AppSettings {
        session_idle_minutes: config.session_idle_minutes,
        session_max_hours: config.session_max_hours,
        login_limits: config.login_limits(),
        password_checks: config.password_hashes_at_once,
        api_call_limits: config.api_call_limits(),
    }
}
