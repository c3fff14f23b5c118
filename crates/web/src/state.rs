//! What every handler shares: the application, the web settings, the import jobs and the
//! metrics handle.

use std::sync::OnceLock;

use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use std::sync::Arc;

use hamyar_app::App;

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
    /// Pages worked on at once (0: one per core); more wait their turn. Bounds the memory
    /// and the database connections that requests in flight hold, so a crowd cannot take the
    /// server's memory or starve `/healthz` of a connection; pages are mostly work for the
    /// processor, so more at once than cores only adds memory, not speed.
    pub max_concurrent_requests: usize,
    /// Uploads and import jobs.
    pub imports: ImportSettings,
    /// The office's letterhead on printed documents (checked when the configuration was
    /// read); by default each document names its province's office.
    pub letterhead: hamyar_reports::letterhead::LetterheadSettings,
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
            settings.request_timeout_secs = 60;
        }
        if settings.max_concurrent_requests == 0 {
            settings.max_concurrent_requests = std::thread::available_parallelism()
                .map_or(2, usize::from)
                .max(2);
        }
        let imports = Arc::new(ImportJobs::new(settings.imports.clone())?);
        Ok(Self {
            app,
            settings: Arc::new(settings),
            imports,
            metrics: metrics_handle(),
        })
    }
}

/// The process-wide metrics recorder, installed once (tests start many apps in one process).
pub fn metrics_handle() -> Option<PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new().build_recorder();
            let handle = recorder.handle();
            metrics::set_global_recorder(recorder).ok().map(|_| handle)
        })
        .clone()
}
