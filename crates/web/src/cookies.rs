//! Cookie names and the one function that writes cookies, so that every cookie Hamyar sets
//! is HttpOnly, SameSite=Strict, path `/`, and Secure behind TLS.

use axum::http::HeaderMap;

use crate::client::Client;

pub const SESSION: &str = "hamyar_session";
pub const CSRF: &str = "hamyar_csrf";
pub const LANG: &str = "hamyar_lang";

/// Reads one cookie from the request headers.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

pub const DEVICE: &str = "hamyar_device";

/// How long the known-device cookie lasts (renewed at every login).
pub const DEVICE_MAX_AGE_SECS: i64 = 365 * 24 * 3600;

/// Whether cookies should be Secure: always when configured, else when a trusted proxy said
/// the client spoke HTTPS to it (see `client.rs`; the header from anyone else is ignored).
pub fn is_secure(client: &Client, always: bool) -> bool {
    always || client.forwarded_https
}

/// A `Set-Cookie` value. `max_age_secs = Some(0)` deletes the cookie; `None` makes it last
/// for the browser session.
pub fn set(name: &str, value: &str, max_age_secs: Option<i64>, secure: bool) -> String {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict");
    if let Some(age) = max_age_secs {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        cookie.push_str("; Secure");
    }
    cookie
}

/// Adds a `Set-Cookie` header to a response (a response may set several).
pub fn append_cookie(response: &mut axum::response::Response, cookie: &str) {
    if let Ok(value) = axum::http::HeaderValue::from_str(cookie) {
        response
            .headers_mut()
            .append(axum::http::header::SET_COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cookie_is_found_among_several() {
        let mut headers = HeaderMap::new();
        headers.insert("cookie", "a=1; hamyar_session=abc; b=2".parse().unwrap());
        assert_eq!(read(&headers, SESSION).as_deref(), Some("abc"));
        assert_eq!(read(&headers, CSRF), None);
    }

    #[test]
    fn every_cookie_is_http_only_and_strict() {
        let cookie = set(SESSION, "x", None, true);
        assert!(
            cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Strict")
                && cookie.contains("Secure")
        );
    }
}
