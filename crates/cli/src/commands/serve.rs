//! `hamyar serve`: migrate, fill the demo province first when asked (`--demo`) and the
//! database is empty, print the one-time setup link while no user exists, serve the web
//! app until SIGINT/SIGTERM, let in-flight requests finish, then checkpoint and close the
//! database.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use hamyar_app::ports::Database;
use hamyar_demo::Demo;
use hamyar_web::import_jobs::ImportSettings;
use hamyar_web::{AppState, ServeSettings, WebSettings};

use crate::commands;
use crate::config::Config;
use crate::runtime;

/// How often idle sessions are swept.
const SESSION_SWEEP_EVERY: Duration = Duration::from_secs(300);
/// How often the API tokens' use log is written (`api_tokens::use_log`).
const USE_LOG_EVERY: Duration = Duration::from_secs(1);
/// How often the query planner's statistics are refreshed (also once at start).
const STATISTICS_EVERY: Duration = Duration::from_secs(3_600);

pub async fn run(config: &Config, demo: bool) -> anyhow::Result<ExitCode> {
    // A letterhead whose logo cannot be drawn stops the start, before anything else.
    let letterhead = config.letterhead()?;
    let opened = runtime::open(config).await?;
    if demo {
        if opened.app.demo_may_run().await? {
            let code = commands::demo::fill(&opened.app).await?;
            if code != ExitCode::SUCCESS {
                return Ok(code);
            }
        } else {
            outln!("The database is not empty: --demo is ignored and the data kept.");
        }
    }
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let address = listener.local_addr()?;
    let base = base_url(config, address);
    tracing::info!(%address, "Hamyar is serving");
    outln!("Hamyar is serving on {base}");
    if let Some(token) = opened.app.issue_setup_token().await? {
        outln!("No user exists yet. Open this one-time link to create the first administrator:");
        outln!("  {base}/setup/{token}");
    }
    let sweeper = tokio::spawn(sweep_sessions(opened.app.clone()));
    let statistics = tokio::spawn(refresh_statistics(opened.store.clone()));
    // Not stopped at the end: a batch it is writing then finishes before the last one.
    tokio::spawn(
        opened
            .app
            .clone()
            .keep_writing_api_token_uses(USE_LOG_EVERY),
    );
    let anchoring = tokio::spawn(commands::audit::anchor_every(
        opened.app.clone(),
        config.audit_anchor_minutes,
    ));
    let texting = match commands::sms::gateway(config)? {
        Some(gateway) if config.sms_dispatch_every_secs > 0 => {
            Some(tokio::spawn(commands::sms::every(
                opened.app.clone(),
                gateway,
                config.sms_dispatch_every_secs,
                false,
            )))
        }
        _ => None,
    };
    let state = AppState::new(opened.app.clone(), web_settings(config, letterhead))
        .context("cannot prepare the upload spool directory")?;
    hamyar_web::serve(
        listener,
        hamyar_web::router(state),
        serve_settings(config),
        shutdown_signal(),
    )
    .await;
    sweeper.abort();
    statistics.abort();
    if let Err(error) = opened.app.write_api_token_uses().await {
        tracing::warn!(%error, "the last calls of the API tokens' use log could not be written");
    }
    anchoring.abort();
    if let Some(texting) = texting {
        texting.abort();
    }
    commands::audit::anchor_at_stop(&opened.app).await;
    tracing::info!("shutting down: in-flight requests finished, closing the database");
    opened.store.close().await;
    Ok(ExitCode::SUCCESS)
}

fn web_settings(
    config: &Config,
    letterhead: hamyar_reports::letterhead::LetterheadSettings,
) -> WebSettings {
    let https = config
        .public_url
        .as_deref()
        .is_some_and(|url| url.starts_with("https://"));
    WebSettings {
        secure_cookies: config.secure_cookies || https,
        hsts: https,
        trusted_proxies: config.proxies(),
        metrics_token: config.metrics_token.clone(),
        max_body_bytes: 0,
        request_timeout_secs: config.request_timeout_secs,
        max_concurrent_requests: config.max_concurrent_requests,
        imports: ImportSettings {
            spool_dir: config.upload_dir.clone(),
            max_upload_bytes: config.upload_max_mb * 1024 * 1024,
            concurrency: config.import_concurrency,
            kept_minutes: config.import_kept_minutes,
            problems_kept: config.import_problems_kept,
            read_limits: config.upload_read_limits(),
        },
        letterhead,
    }
}

fn serve_settings(config: &Config) -> ServeSettings {
    ServeSettings {
        header_read_timeout: Duration::from_secs(config.header_read_timeout_secs),
        max_connections: config.max_client_connections,
        ..ServeSettings::default()
    }
}

fn base_url(config: &Config, address: SocketAddr) -> String {
    if let Some(url) = &config.public_url {
        return url.trim_end_matches('/').to_owned();
    }
    let host = if address.ip().is_unspecified() {
        "127.0.0.1".to_owned()
    } else {
        address.ip().to_string()
    };
    match address {
        SocketAddr::V6(_) if host.contains(':') => format!("http://[{host}]:{}", address.port()),
        _ => format!("http://{host}:{}", address.port()),
    }
}

async fn sweep_sessions(app: hamyar_app::App) {
    loop {
        tokio::time::sleep(SESSION_SWEEP_EVERY).await;
        if let Err(error) = app.sweep_sessions().await {
            tracing::warn!(%error, "session sweep failed");
        }
        if let Err(error) = app.forget_old_api_requests().await {
            tracing::warn!(%error, "forgetting old idempotency keys failed");
        }
    }
}

/// Registrations through the forms change the tables little by little; without fresh
/// statistics SQLite's planner can pick a plan that walks a whole county for a name search.
async fn refresh_statistics(store: std::sync::Arc<hamyar_store::AnyStore>) {
    loop {
        if let Err(error) = store.refresh_statistics().await {
            tracing::warn!(%error, "refreshing the query planner's statistics failed");
        }
        tokio::time::sleep(STATISTICS_EVERY).await;
    }
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutdown requested");
}
