//! Cross-site request forgery: where a state-changing request carries its token, and how it
//! is compared. A token travels in the `X-CSRF-Token` header (htmx sends it from `hx-headers`
//! on `<body>`), in the `csrf` field of a url-encoded form, or as the **first** field of a
//! multipart upload — never in a URL, where proxies, logs and the browser's history would
//! keep it.
//!
//! For an upload only the start of the body is read here, up to the end of its first part
//! (a few KiB at most), and handed on together with the rest of the stream, so a file of
//! tens of megabytes is never buffered to check a token and a forged upload is refused before
//! its file is read at all. Browsers send form fields in document order, so upload forms put
//! the hidden `csrf` input first.
//!
//! Pages travel compressed, and a compressed page that holds a secret beside text an attacker
//! chose (a search box's echo) leaks the secret through its size (BREACH). So a page never
//! holds the token itself: it holds [`masked`] — a fresh random pad and the token XORed with
//! it — different on every response; [`matches`] unmasks what comes back.

use axum::body::{Body, Bytes};
use axum::http::HeaderMap;
use axum::http::header;
use futures_util::StreamExt;

/// The most read of an upload's body while looking for its first field.
const FIRST_PART_LIMIT_BYTES: usize = 8 * 1024;

/// The token in the `X-CSRF-Token` header.
pub fn header_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get("x-csrf-token")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}

/// The token in the `csrf` field of a url-encoded form body.
pub fn form_token_matches(body: &[u8], expected: &str) -> bool {
    url::form_urlencoded::parse(body)
        .find(|(key, _)| key == "csrf")
        .is_some_and(|(_, token)| matches(&token, expected))
}

/// What a page carries instead of the token: `m.` then the hex of a random pad as long as the
/// token and of the token XORed with it. A new pad for every page.
pub fn masked(token: &str) -> String {
    let mut pad = vec![0u8; token.len()];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut pad);
    let mixed: Vec<u8> = token.bytes().zip(&pad).map(|(t, p)| t ^ p).collect();
    format!("m.{}{}", hex::encode(&pad), hex::encode(mixed))
}

/// Whether a presented token — masked as a page carries it, or plain — is `expected`.
pub fn matches(presented: &str, expected: &str) -> bool {
    if !presented.starts_with("m.") {
        return constant_time_eq(presented, expected);
    }
    unmask(presented).is_some_and(|token| constant_time_eq_bytes(&token, expected.as_bytes()))
}

/// The token inside a masked one, or `None` for text that is not one.
pub fn unmask(presented: &str) -> Option<Vec<u8>> {
    let bytes = hex::decode(presented.strip_prefix("m.")?).ok()?;
    if bytes.is_empty() || bytes.len() % 2 != 0 {
        return None;
    }
    let (pad, mixed) = bytes.split_at(bytes.len() / 2);
    Some(mixed.iter().zip(pad).map(|(m, p)| m ^ p).collect())
}

fn constant_time_eq_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The boundary of a `multipart/form-data` body, from its content type.
pub fn multipart_boundary(headers: &HeaderMap) -> Option<String> {
    let content_type = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let (kind, parameters) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    parameters.split(';').find_map(|parameter| {
        let (name, value) = parameter.trim().split_once('=')?;
        let value = value.trim().trim_matches('"');
        (name.trim().eq_ignore_ascii_case("boundary") && !value.is_empty() && value.len() <= 70)
            .then(|| value.to_owned())
    })
}

/// Reads an upload's first part, which must be the `csrf` field, and returns its value and a
/// body that yields the whole request body again (what was read, then the rest). `None` when
/// the first part is not a `csrf` field or does not end within a few KiB.
pub async fn multipart_token(body: Body, boundary: &str) -> Option<(String, Body)> {
    let mut stream = body.into_data_stream();
    let mut read = Vec::new();
    let token = loop {
        if let Some(found) = first_field(&read, boundary) {
            break found?;
        }
        if read.len() > FIRST_PART_LIMIT_BYTES {
            return None;
        }
        let chunk = stream.next().await?.ok()?;
        read.extend_from_slice(&chunk);
    };
    let prefix = futures_util::stream::once(async move { Ok::<Bytes, axum::Error>(read.into()) });
    Some((token, Body::from_stream(prefix.chain(stream))))
}

/// Parses the first part of a multipart body read so far: `None` when more is needed,
/// `Some(None)` when it is not the `csrf` field, `Some(Some(token))` when it is.
fn first_field(read: &[u8], boundary: &str) -> Option<Option<String>> {
    let opening = format!("--{boundary}\r\n");
    if read.len() < opening.len() {
        return None;
    }
    let Some(rest) = read.strip_prefix(opening.as_bytes()) else {
        return Some(None);
    };
    let headers_end = find(rest, b"\r\n\r\n")?;
    let Ok(headers) = std::str::from_utf8(&rest[..headers_end]) else {
        return Some(None);
    };
    if !names_csrf_field(headers) {
        return Some(None);
    }
    let value = &rest[headers_end + 4..];
    let closing = format!("\r\n--{boundary}");
    let value_end = find(value, closing.as_bytes())?;
    Some(
        std::str::from_utf8(&value[..value_end])
            .ok()
            .map(str::to_owned),
    )
}

/// Whether a part's headers say it is the form field `csrf` (and not a file).
fn names_csrf_field(headers: &str) -> bool {
    headers.split("\r\n").any(|line| {
        let Some((name, value)) = line.split_once(':') else {
            return false;
        };
        if !name.trim().eq_ignore_ascii_case("content-disposition") {
            return false;
        }
        let mut parameters = value.split(';').map(str::trim);
        let is_form_data = parameters
            .next()
            .is_some_and(|kind| kind.eq_ignore_ascii_case("form-data"));
        let mut named_csrf = false;
        for parameter in parameters {
            match parameter.split_once('=') {
                Some((key, value)) if key.trim().eq_ignore_ascii_case("name") => {
                    named_csrf = value.trim().trim_matches('"') == "csrf";
                }
                Some((key, _)) if key.trim().eq_ignore_ascii_case("filename") => return false,
                _ => {}
            }
        }
        is_form_data && named_csrf
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_masked_token_differs_on_every_page_and_unmasks_to_the_token() {
        let token = "0123456789abcdef0123456789abcdef";
        let (one, two) = (masked(token), masked(token));
        assert_ne!(one, two);
        assert!(!one.contains(token) && !two.contains(token));
        assert!(matches(&one, token) && matches(&two, token));
        assert!(
            matches(token, token),
            "the plain token still works (htmx header)"
        );
        assert!(!matches(&masked("fedcba9876543210fedcba9876543210"), token));
        assert!(!matches("m.zz", token));
        assert!(!matches(&one[..one.len() - 2], token));
    }

    const BOUNDARY: &str = "----x7";

    fn upload(first_name: &str, first_value: &str) -> Vec<u8> {
        format!(
            "------x7\r\nContent-Disposition: form-data; name=\"{first_name}\"\r\n\r\n{first_value}\r\n\
             ------x7\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\
             Content-Type: text/csv\r\n\r\nnational_id\r\n1\r\n------x7--\r\n"
        )
        .into_bytes()
    }

    async fn bytes_of(body: Body) -> Vec<u8> {
        axum::body::to_bytes(body, usize::MAX)
            .await
            .unwrap()
            .to_vec()
    }

    #[tokio::test]
    async fn the_first_field_gives_the_token_and_the_body_is_handed_on_whole() {
        let original = upload("csrf", "token-123");
        let (token, body) = multipart_token(Body::from(original.clone()), BOUNDARY)
            .await
            .unwrap();
        assert_eq!(token, "token-123");
        assert_eq!(bytes_of(body).await, original);
    }

    #[tokio::test]
    async fn an_upload_whose_first_field_is_not_the_token_is_refused() {
        let forged = upload("mode", "dry_run");
        assert!(
            multipart_token(Body::from(forged), BOUNDARY)
                .await
                .is_none()
        );
        let file_named_csrf = "------x7\r\nContent-Disposition: form-data; name=\"csrf\"; \
                               filename=\"csrf\"\r\n\r\nabc\r\n------x7--\r\n";
        assert!(
            multipart_token(Body::from(file_named_csrf), BOUNDARY)
                .await
                .is_none()
        );
    }

    #[tokio::test]
    async fn a_first_part_that_never_ends_is_refused_after_a_few_kilobytes() {
        let mut endless =
            b"------x7\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n".to_vec();
        endless.extend(std::iter::repeat_n(b'a', 1024 * 1024));
        assert!(
            multipart_token(Body::from(endless), BOUNDARY)
                .await
                .is_none()
        );
    }

    #[test]
    fn the_boundary_comes_from_the_content_type() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_TYPE,
            "multipart/form-data; boundary=\"----x7\"".parse().unwrap(),
        );
        assert_eq!(multipart_boundary(&headers).as_deref(), Some("----x7"));
        headers.insert(
            header::CONTENT_TYPE,
            "application/x-www-form-urlencoded".parse().unwrap(),
        );
        assert_eq!(multipart_boundary(&headers), None);
    }
}
