//! Reads just enough of a PDF to test it without external tools: the text its
//! ToUnicode maps can produce and the number of its pages.
//!
//! Streams are found between `stream` and `endstream` and inflated when they
//! are Flate-compressed; ToUnicode CMaps are the streams holding `begincmap`.
//! This is not a general PDF parser, only a witness for the tests.

use std::collections::BTreeSet;

/// The contents of every stream in the file, inflated where that works, each
/// with whether it was inflated.
pub fn streams(pdf: &[u8]) -> Vec<(Vec<u8>, bool)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(found) = find(&pdf[at..], b"stream") {
        let start_kw = at + found;
        let mut start = start_kw + b"stream".len();
        let preceded_by_end = start_kw >= 3 && &pdf[start_kw - 3..start_kw] == b"end";
        if preceded_by_end {
            at = start;
            continue;
        }
        if pdf[start..].starts_with(b"\r\n") {
            start += 2;
        } else if pdf[start..].starts_with(b"\n") {
            start += 1;
        } else {
            at = start;
            continue;
        }
        let Some(len) = find(&pdf[start..], b"endstream") else {
            break;
        };
        let raw = &pdf[start..start + len];
        out.push(match miniz_oxide::inflate::decompress_to_vec_zlib(raw) {
            Ok(inflated) => (inflated, true),
            Err(_) => (raw.to_vec(), false),
        });
        at = start + len + b"endstream".len();
    }
    out
}

/// Every character that some glyph of the file maps back to through a
/// ToUnicode CMap.
pub fn unicode_targets(pdf: &[u8]) -> BTreeSet<char> {
    let mut chars = BTreeSet::new();
    for (stream, _) in streams(pdf) {
        let text = String::from_utf8_lossy(&stream);
        if text.contains("begincmap") {
            collect_cmap(&text, &mut chars);
        }
    }
    chars
}

/// Whether every character of `word` is a ToUnicode target of the file.
pub fn maps_all(targets: &BTreeSet<char>, word: &str) -> bool {
    word.chars().all(|c| targets.contains(&c))
}

/// The number of page objects, counted in the file and in its compressed
/// object streams (an uncompressed stream is already part of the file).
pub fn page_count(pdf: &[u8]) -> usize {
    let mut count = count_pages(pdf);
    for (stream, inflated) in streams(pdf) {
        if inflated {
            count += count_pages(&stream);
        }
    }
    count
}

fn count_pages(bytes: &[u8]) -> usize {
    let mut count = 0;
    let mut at = 0;
    while let Some(found) = find(&bytes[at..], b"/Type") {
        let mut i = at + found + b"/Type".len();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes[i..].starts_with(b"/Page") {
            let after = bytes.get(i + b"/Page".len()).copied();
            if !after.is_some_and(|b| b.is_ascii_alphanumeric()) {
                count += 1;
            }
        }
        at = i;
    }
    count
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Adds the targets of the `bfchar` and `bfrange` sections of one CMap.
fn collect_cmap(text: &str, chars: &mut BTreeSet<char>) {
    let tokens = tokenize(text);
    let mut i = 0;
    while i < tokens.len() {
        match tokens[i].as_str() {
            "beginbfchar" => {
                i += 1;
                while i + 1 < tokens.len() && tokens[i] != "endbfchar" {
                    add_utf16(&tokens[i + 1], 0, chars);
                    i += 2;
                }
            }
            "beginbfrange" => {
                i += 1;
                while i + 2 < tokens.len() && tokens[i] != "endbfrange" {
                    let span = hex_value(&tokens[i + 1]).saturating_sub(hex_value(&tokens[i]));
                    if tokens[i + 2] == "[" {
                        i += 3;
                        while i < tokens.len() && tokens[i] != "]" {
                            add_utf16(&tokens[i], 0, chars);
                            i += 1;
                        }
                        i += 1;
                    } else {
                        for k in 0..=span {
                            add_utf16(&tokens[i + 2], k, chars);
                        }
                        i += 3;
                    }
                }
            }
            _ => i += 1,
        }
    }
}

/// Splits a CMap into `<hex>` strings, brackets and bare words.
fn tokenize(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' => {
                let mut hex = String::from("<");
                for d in chars.by_ref() {
                    hex.push(d);
                    if d == '>' {
                        break;
                    }
                }
                tokens.push(hex);
            }
            '[' | ']' => tokens.push(c.to_string()),
            c if c.is_whitespace() => {}
            c => {
                let mut word = c.to_string();
                while let Some(&d) = chars.peek() {
                    if d.is_whitespace() || matches!(d, '<' | '[' | ']') {
                        break;
                    }
                    word.push(d);
                    chars.next();
                }
                tokens.push(word);
            }
        }
    }
    tokens
}

fn hex_digits(token: &str) -> String {
    token
        .trim_matches(|c| c == '<' || c == '>')
        .chars()
        .filter(|c| c.is_ascii_hexdigit())
        .collect()
}

fn hex_value(token: &str) -> u32 {
    u32::from_str_radix(&hex_digits(token), 16).unwrap_or(0)
}

/// Decodes a `<hex>` UTF-16BE target, adding `offset` to its last unit (as a
/// `bfrange` does), and records its characters.
fn add_utf16(token: &str, offset: u32, chars: &mut BTreeSet<char>) {
    let digits = hex_digits(token);
    let mut units: Vec<u16> = (0..digits.len() / 4)
        .filter_map(|k| u16::from_str_radix(&digits[k * 4..k * 4 + 4], 16).ok())
        .collect();
    if let Some(last) = units.last_mut() {
        *last = last.wrapping_add(offset as u16);
    }
    chars.extend(char::decode_utf16(units).filter_map(Result::ok));
}
