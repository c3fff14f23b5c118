//! What every handler shares: the application, the web settings, the import jobs and the
//! metrics handle.

use std::sync::Arc;

use hamyar_app::App;
use metrics_exporter_prometheus::PrometheusHandle;

use crate::client::TrustedProxies;
use crate::import_jobs::{ImportJobs, ImportSettings};

/// Settings that only the web layer needs.
#[derive(Debug, Clone, Default)]
pub struct WebSettings {
    /// Mark cookies `Secure` always (set when Hamyar is served over HTTPS). Even when false,
    /// requests that a trusted proxy forwards with `X-Forwarded-Proto: https` get `Secure`.
    pub secure_cookies: bool,
    /// Send `Strict-Transport-Security` (set when the public URL is https).
    pub hsts: bool,
    /// Proxies whose `X-Forwarded-For`/`X-Forwarded-Proto` are believed (none by default).
    pub trusted_proxies: TrustedProxies,
    /// Bearer token that unlocks `/metrics`; without one `/metrics` answers 404.
    pub metrics_token: Option<String>,
    /// Largest request body accepted (other than uploads), in bytes.
    pub max_body_bytes: usize,
    /// Longest a request may take, uploads included, in seconds (0: the default).
    pub request_timeout_secs: u64,
    /// Uploads and import jobs.
    pub imports: ImportSettings,
}

#[derive(Clone)]
pub struct AppState {
    pub app: App,
    pub settings: Arc<WebSettings>,
    pub imports: Arc<ImportJobs>,
    pub metrics: Option<PrometheusHandle>,
}

impl AppState {
    /// Fails only when the upload spool cannot be made.
    pub fn new(app: App, settings: WebSettings) -> std::io::Result<Self> {
        let mut settings = settings;
        if settings.max_body_bytes == 0 {
            settings.max_body_bytes = 2 * 1024 * 1024;
        }
        if settings.request_timeout_secs == 0 {
            settings.request_timeout_secs = 120;
        }
        let imports = Arc::new(ImportJobs::new(settings.imports.clone())?);
        Ok(Self {
            app,
            settings: Arc::new(settings),
            imports,
            metrics: crate::ops::metrics_handle(),
        })
    }
}
