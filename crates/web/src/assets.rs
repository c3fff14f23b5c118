//! Static assets (stylesheet, Vazirmatn font, htmx, the small app script) embedded in the
//! binary at build time, so the app runs on a closed network with nothing beside it.
//!
//! A field phone on a slow line should download them once. Each asset is therefore also
//! served under a fingerprinted name — `css/app.3f9c2a1b.css`, the first eight hex digits of
//! its SHA-256 — with a year-long `immutable` cache: a new release changes the name, never
//! the content behind a name. Pages link the fingerprinted names ([`url`]); the stylesheet's
//! font links are rewritten to them too, so the fonts are cached the same way. The plain names
//! keep working (an old page, a bookmark) with an hour's cache and an `ETag` to revalidate.
//! Text assets are gzipped once, when first asked for, and sent compressed to every browser
//! that accepts it; fonts (woff2) are compressed already.

use std::collections::HashMap;
use std::io::Write;
use std::sync::OnceLock;

use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rust_embed::Embed;
use sha2::{Digest, Sha256};

#[derive(Embed)]
#[folder = "assets/"]
struct Assets;

/// How long a fingerprinted asset may be kept: a year, and it never changes.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// How long an asset under its plain name may be kept before revalidating.
const PLAIN: &str = "public, max-age=3600";

/// One asset as it is sent.
struct Asset {
    mime: String,
    bytes: Vec<u8>,
    /// The gzipped bytes, for the text assets.
    gzipped: Option<Vec<u8>>,
    /// `"<sha-256 hex>"`, for revalidation under the plain name.
    etag: String,
}

/// Every asset under its plain and its fingerprinted name.
struct Table {
    by_path: HashMap<String, (Asset, bool)>,
    fingerprinted: HashMap<String, String>,
}

/// The fingerprinted name of a path (`css/app.css` → `css/app.3f9c2a1b.css`).
fn fingerprinted_name(path: &str, digest: &str) -> String {
    let short = &digest[..8];
    match path.rsplit_once('.') {
        Some((stem, extension)) if !stem.ends_with('/') => format!("{stem}.{short}.{extension}"),
        _ => format!("{path}.{short}"),
    }
}

fn digest_of(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn gzip(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).ok()?;
    encoder.finish().ok()
}

fn is_text(mime: &str) -> bool {
    mime.starts_with("text/") || mime.contains("javascript") || mime.contains("json")
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut files: Vec<(String, Vec<u8>)> = Assets::iter()
            .filter_map(|path| {
                Assets::get(&path).map(|file| (path.to_string(), file.data.into_owned()))
            })
            .collect();
        // The fonts (and anything else that is not the stylesheet) first, so the stylesheet
        // can link their fingerprinted names before its own is taken.
        files.sort_by_key(|(path, _)| path.ends_with(".css"));
        let mut fingerprinted: HashMap<String, String> = HashMap::new();
        let mut by_path = HashMap::new();
        for (path, mut bytes) in files {
            if path.ends_with(".css") {
                let mut text = String::from_utf8_lossy(&bytes).into_owned();
                for (plain, named) in &fingerprinted {
                    text = text.replace(&format!("/assets/{plain}"), &format!("/assets/{named}"));
                }
                bytes = text.into_bytes();
            }
            let mime = mime_guess::from_path(&path)
                .first_or_octet_stream()
                .to_string();
            let digest = digest_of(&bytes);
            let named = fingerprinted_name(&path, &digest);
            let gzipped = if is_text(&mime) { gzip(&bytes) } else { None };
            let asset = || Asset {
                mime: mime.clone(),
                bytes: bytes.clone(),
                gzipped: gzipped.clone(),
                etag: format!("\"{digest}\""),
            };
            by_path.insert(named.clone(), (asset(), true));
            by_path.insert(path.clone(), (asset(), false));
            fingerprinted.insert(path, named);
        }
        Table {
            by_path,
            fingerprinted,
        }
    })
}

/// The URL pages link an asset by: its fingerprinted name, or the plain one for a path that
/// is not an asset (which then answers 404, as it would have).
pub fn url(path: &str) -> String {
    match table().fingerprinted.get(path) {
        Some(named) => format!("/assets/{named}"),
        None => format!("/assets/{path}"),
    }
}

fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|coding| {
            let mut parts = coding.trim().split(';');
            let name = parts.next().unwrap_or("").trim();
            let refused = parts.any(|parameter| {
                parameter
                    .trim()
                    .strip_prefix("q=")
                    .is_some_and(|q| q.trim().parse::<f32>().is_ok_and(|q| q == 0.0))
            });
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
        })
}

pub async fn serve(Path(path): Path<String>, headers: HeaderMap) -> Response {
    let Some((asset, is_fingerprinted)) = table().by_path.get(&path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let cache = if *is_fingerprinted { IMMUTABLE } else { PLAIN };
    let mut response = if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|tag| tag.trim() == asset.etag))
    {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        match (&asset.gzipped, accepts_gzip(&headers)) {
            (Some(gzipped), true) => {
                ([(header::CONTENT_ENCODING, "gzip")], gzipped.clone()).into_response()
            }
            _ => asset.bytes.clone().into_response(),
        }
    };
    let out = response.headers_mut();
    if let Ok(mime) = HeaderValue::from_str(&asset.mime) {
        out.insert(header::CONTENT_TYPE, mime);
    }
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    out.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    if let Ok(etag) = HeaderValue::from_str(&asset.etag) {
        out.insert(header::ETAG, etag);
    }
    response
}

/// Whether an asset exists (used by tests).
pub fn exists(path: &str) -> bool {
    Assets::get(path).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprinted_name_keeps_the_folder_and_the_extension() {
        assert_eq!(
            fingerprinted_name("css/app.css", "3f9c2a1b00"),
            "css/app.3f9c2a1b.css"
        );
        assert_eq!(
            fingerprinted_name("fonts/Vazirmatn-Bold.woff2", "0123456789"),
            "fonts/Vazirmatn-Bold.01234567.woff2"
        );
    }

    #[test]
    fn the_stylesheet_links_the_fonts_by_their_fingerprinted_names() {
        let css = &table().by_path.get("css/app.css").unwrap().0.bytes;
        let css = String::from_utf8_lossy(css);
        assert!(!css.contains("/assets/fonts/Vazirmatn-Regular.woff2"));
        assert!(css.contains(&url("fonts/Vazirmatn-Regular.woff2")));
        assert_ne!(url("css/app.css"), "/assets/css/app.css");
    }

    #[test]
    fn gzip_is_accepted_unless_refused() {
        let mut headers = HeaderMap::new();
        assert!(!accepts_gzip(&headers));
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("br, gzip;q=0.8"),
        );
        assert!(accepts_gzip(&headers));
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip;q=0"),
        );
        assert!(!accepts_gzip(&headers));
    }
}
