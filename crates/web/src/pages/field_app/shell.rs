//! What makes the field app installable and open without a network: its web manifest and
//! its service worker, both public (a browser fetches them without cookies when it installs
//! or updates the app, and neither says anything about anyone).
//!
//! The worker's script is `assets/field/sw.js` with one line put before it: the fingerprinted
//! URLs of the shell's assets, so it precaches exactly the files the page asks for and a new
//! release (new fingerprints, so a changed script) replaces the old cache. It is served from
//! `/field/sw.js` and may control `/field` itself (`Service-Worker-Allowed`), the page the
//! manifest starts at; it never caches API answers (see the script).

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::assets;

pub const MANIFEST_PATH: &str = "/field/manifest.webmanifest";
pub const WORKER_PATH: &str = "/field/sw.js";
/// The pages the worker controls: the app's page and anything under it.
const SCOPE: &str = "/field";

/// The worker's own code, kept as a file beside the other scripts.
const WORKER_SOURCE: &str = include_str!("../../../assets/field/sw.js");

/// The assets the shell needs offline (the stylesheet names the fonts).
const SHELL_ASSETS: &[&str] = &[
    "css/app.css",
    "js/field.js",
    "fonts/Vazirmatn-Regular.woff2",
    "fonts/Vazirmatn-Medium.woff2",
    "fonts/Vazirmatn-Bold.woff2",
    "field/icon-192.png",
    "field/icon-512.png",
];

/// Revalidated at each use: an installed app learns of a new release at its next start.
const REVALIDATE: &str = "no-cache";

pub async fn manifest() -> Response {
    let body = json!({
        "name": "همیار — کار میدانی",
        "short_name": "همیار میدانی",
        "description": "ثبت جلسه، حضور، پس‌انداز و بازدید گروه‌های همیار بدون اینترنت",
        "lang": "fa",
        "dir": "rtl",
        "start_url": SCOPE,
        "scope": SCOPE,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0f5c4d",
        "icons": [
            {"src": assets::url("field/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": assets::url("field/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any maskable"},
        ],
    });
    let mut response = body.to_string().into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/manifest+json"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(REVALIDATE));
    response
}

/// The worker's script: the shell's URLs, then its code.
pub fn worker_script() -> String {
    let mut shell: Vec<String> = vec![SCOPE.to_owned()];
    shell.extend(SHELL_ASSETS.iter().map(|path| assets::url(path)));
    let list = serde_json::to_string(&shell).unwrap_or_else(|_| "[]".to_owned());
    format!("const SHELL = {list};\n{WORKER_SOURCE}")
}

pub async fn service_worker() -> Response {
    let mut response = worker_script().into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(REVALIDATE));
    headers.insert("service-worker-allowed", HeaderValue::from_static(SCOPE));
    response
}
