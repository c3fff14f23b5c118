//! The workbook's table of shared strings, held compactly and within a limit.
//!
//! Excel stores each distinct text once in `sharedStrings.xml` and cells refer
//! to it by index, so the whole table must be in memory while the sheet is
//! read. It is kept as text in blocks of 256 KiB plus a 12-byte span per
//! string (spans in chunks of 16,384), so the table never needs one large
//! allocation nor the copy of a growing one. Its size — text plus spans — is
//! counted as it is built and refused past
//! [`ReadLimits::max_shared_strings_bytes`]. A string's text is its `<t>`
//! elements, plain or in rich-text runs, concatenated; phonetic runs
//! (`<rPh>`) are left out.

use std::io::Read;

use quick_xml::events::Event;

use crate::error::{ExchangeError, Place};
use crate::limits::{Limit, ReadLimits};
use crate::read::xlsx::cell::unescape_ooxml;
use crate::read::xlsx::sheet::collect_rich_text;
use crate::read::xlsx::xml::{XmlPart, local};

const BLOCK_BYTES: usize = 256 * 1024;
const SPANS_PER_CHUNK: usize = 16 * 1024;
/// What one string costs besides its text.
const SPAN_BYTES: u64 = 12;

#[derive(Debug, Clone, Copy)]
struct Span {
    block: u32,
    start: u32,
    end: u32,
}

/// The shared strings of a workbook.
#[derive(Debug, Default)]
pub(crate) struct SharedStrings {
    blocks: Vec<String>,
    spans: Vec<Vec<Span>>,
    count: usize,
    size: u64,
}

impl SharedStrings {
    /// Reads `sharedStrings.xml`, refusing a table larger than the limit.
    pub(crate) fn read<C: Read>(
        part: &mut XmlPart<C>,
        limits: &ReadLimits,
    ) -> Result<SharedStrings, ExchangeError> {
        let mut strings = SharedStrings::default();
        let mut raw = String::new();
        let mut text = String::new();
        loop {
            let item = match part.next()? {
                Event::Start(start) => local(&start) == "si",
                Event::Empty(start) => {
                    if local(&start) == "si" {
                        strings.push("", limits)?;
                    }
                    false
                }
                Event::Eof => return Ok(strings),
                _ => false,
            };
            if item {
                raw.clear();
                let place = Place::Part(part.name().to_owned());
                collect_rich_text(part, &mut raw, limits.max_line_bytes, place)?;
                text.clear();
                unescape_ooxml(&raw, &mut text);
                strings.push(&text, limits)?;
            }
        }
    }

    fn push(&mut self, text: &str, limits: &ReadLimits) -> Result<(), ExchangeError> {
        self.size += text.len() as u64 + SPAN_BYTES;
        if self.size > limits.max_shared_strings_bytes {
            return Err(ExchangeError::over_limit(
                Limit::SharedStringsBytes,
                limits.max_shared_strings_bytes,
                Place::File,
            ));
        }
        let fits = self
            .blocks
            .last()
            .is_some_and(|block| block.capacity() - block.len() >= text.len());
        if !fits {
            self.blocks
                .push(String::with_capacity(text.len().max(BLOCK_BYTES)));
        }
        let block_index = self.blocks.len() - 1;
        let block = &mut self.blocks[block_index];
        let start = block.len();
        block.push_str(text);
        if self.count.is_multiple_of(SPANS_PER_CHUNK) {
            self.spans.push(Vec::with_capacity(SPANS_PER_CHUNK));
        }
        let chunk = self.spans.last_mut().expect("a chunk was just ensured");
        chunk.push(Span {
            block: block_index as u32,
            start: start as u32,
            end: block.len() as u32,
        });
        self.count += 1;
        Ok(())
    }

    /// The string at `index`.
    pub(crate) fn get(&self, index: usize) -> Option<&str> {
        let span = self
            .spans
            .get(index / SPANS_PER_CHUNK)?
            .get(index % SPANS_PER_CHUNK)?;
        let block = &self.blocks[span.block as usize];
        Some(&block[span.start as usize..span.end as usize])
    }

    /// How many strings there are.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_found_by_index_across_blocks_and_chunks() {
        let limits = ReadLimits::default();
        let mut strings = SharedStrings::default();
        let long = "ن".repeat(BLOCK_BYTES);
        for index in 0..(SPANS_PER_CHUNK + 10) {
            strings.push(&format!("متن {index}"), &limits).unwrap();
        }
        strings.push(&long, &limits).unwrap();
        strings.push("پس از بلند", &limits).unwrap();
        assert_eq!(strings.len(), SPANS_PER_CHUNK + 12);
        assert_eq!(strings.get(0), Some("متن 0"));
        assert_eq!(strings.get(SPANS_PER_CHUNK + 5), Some("متن 16389"));
        assert_eq!(strings.get(SPANS_PER_CHUNK + 10), Some(long.as_str()));
        assert_eq!(strings.get(SPANS_PER_CHUNK + 11), Some("پس از بلند"));
        assert_eq!(strings.get(SPANS_PER_CHUNK + 12), None);
    }

    #[test]
    fn a_table_past_its_limit_is_refused_naming_the_limit() {
        let limits = ReadLimits {
            max_shared_strings_bytes: 1000,
            ..ReadLimits::default()
        };
        let mut strings = SharedStrings::default();
        let mut result = Ok(());
        for _ in 0..100 {
            result = strings.push("0123456789", &limits);
            if result.is_err() {
                break;
            }
        }
        let error = result.unwrap_err();
        assert!(
            matches!(
                error,
                ExchangeError::OverLimit {
                    limit: Limit::SharedStringsBytes,
                    max: 1000,
                    ..
                }
            ),
            "{error:?}"
        );
        let english = hamyar_i18n::Lang::En.message(&error.message());
        assert!(english.contains("1,000 bytes"), "{english}");
    }
}
