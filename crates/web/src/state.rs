//! What every handler shares: the application, the web settings and the metrics handle.

use std::sync::Arc;

use hamyar_app::App;
use metrics_exporter_prometheus::PrometheusHandle;

use crate::client::TrustedProxies;

/// Settings that only the web layer needs.
#[derive(Debug, Clone, Default)]
pub struct WebSettings {
    /// Mark cookies `Secure` always (set when Hamyar is served over HTTPS). Even when false,
    /// requests that a trusted proxy forwards with `X-Forwarded-Proto: https` get `Secure`.
    pub secure_cookies: bool,
    /// Proxies whose `X-Forwarded-For`/`X-Forwarded-Proto` are believed (none by default).
    pub trusted_proxies: TrustedProxies,
    /// Bearer token that unlocks `/metrics`; without one `/metrics` answers 404.
    pub metrics_token: Option<String>,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
}

#[derive(Clone)]
pub struct AppState {
    pub app: App,
    pub settings: Arc<WebSettings>,
    pub metrics: Option<PrometheusHandle>,
}

impl AppState {
    pub fn new(app: App, settings: WebSettings) -> Self {
        let mut settings = settings;
        if settings.max_body_bytes == 0 {
            settings.max_body_bytes = 2 * 1024 * 1024;
        }
        Self {
            app,
            settings: Arc::new(settings),
            metrics: crate::ops::metrics_handle(),
        }
    }
}
