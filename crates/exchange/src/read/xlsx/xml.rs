//! One XML part of a workbook read as events, within bounds.
//!
//! quick-xml buffers a whole event (a tag, or a run of text) before returning
//! it, and remembers the name of every element still open. [`XmlPart`] puts
//! a [`PieceBudget`] between it and the inflated bytes, so that no single
//! event may take more than [`ReadLimits::max_line_bytes`], and refuses
//! elements nested deeper than [`MAX_DEPTH`] or with names longer than
//! [`MAX_NAME`], so that the open names stay a few KiB. A failure is told
//! apart by its cause: the inflation budget
//! ([`Limit::WorkbookBytes`]), the piece budget ([`Limit::LineBytes`]), or
//! XML that is not well formed (a broken workbook).

use std::io::{self, BufRead, BufReader, Read};

use quick_xml::Reader;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};

use crate::error::{ExchangeError, Place};
use crate::limits::{Limit, ReadLimits};
use crate::read::xlsx::broken;
use crate::read::xlsx::zip_dir::EntryReader;

/// No workbook part nests elements deeper than this (a sheet needs 7).
pub(crate) const MAX_DEPTH: usize = 64;
/// No workbook element has a longer name, prefix included.
pub(crate) const MAX_NAME: usize = 128;
/// The buffer between inflation and the XML reader.
const BUFFER_BYTES: usize = 32 * 1024;

/// A `BufRead` that lets at most `max` bytes be consumed between resets.
pub(crate) struct PieceBudget<R> {
    inner: R,
    used: u64,
    max: u64,
    exceeded: bool,
}

impl<R: BufRead> Read for PieceBudget<R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let count = available.len().min(buffer.len());
        buffer[..count].copy_from_slice(&available[..count]);
        self.consume(count);
        Ok(count)
    }
}

impl<R: BufRead> BufRead for PieceBudget<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.used >= self.max {
            self.exceeded = true;
            return Err(io::Error::other("a piece of XML is longer than allowed"));
        }
        let room = usize::try_from(self.max - self.used).unwrap_or(usize::MAX);
        let available = self.inner.fill_buf()?;
        Ok(&available[..available.len().min(room)])
    }

    fn consume(&mut self, count: usize) {
        self.used += count as u64;
        self.inner.consume(count);
    }
}

type Input<C> = PieceBudget<BufReader<EntryReader<C>>>;

/// A workbook part read event by event.
pub(crate) struct XmlPart<C: Read> {
    reader: Reader<Input<C>>,
    buffer: Vec<u8>,
    depth: usize,
    name: String,
    limits: ReadLimits,
}

impl<C: Read> XmlPart<C> {
    /// Reads the part `name` from `entry`.
    pub(crate) fn new(name: &str, entry: EntryReader<C>, limits: &ReadLimits) -> XmlPart<C> {
        let input = PieceBudget {
            inner: BufReader::with_capacity(BUFFER_BYTES, entry),
            used: 0,
            max: limits.max_line_bytes,
            exceeded: false,
        };
        let mut reader = Reader::from_reader(input);
        let config = reader.config_mut();
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        config.check_comments = false;
        XmlPart {
            reader,
            buffer: Vec::new(),
            depth: 0,
            name: name.to_owned(),
            limits: *limits,
        }
    }

    /// The part's name in the container.
    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// The inflating reader underneath.
    pub(crate) fn entry(&self) -> &EntryReader<C> {
        self.reader.get_ref().inner.get_ref()
    }

    /// The next event; `Event::Eof` at the end.
    pub(crate) fn next(&mut self) -> Result<Event<'_>, ExchangeError> {
        self.buffer.clear();
        self.reader.get_mut().used = 0;
        let event = match self.reader.read_event_into(&mut self.buffer) {
            Ok(event) => event,
            Err(error) => {
                let input = self.reader.get_ref();
                let place = Place::Part(self.name.clone());
                return Err(if input.inner.get_ref().over_budget() {
                    let max = self.limits.max_workbook_bytes;
                    ExchangeError::over_limit(Limit::WorkbookBytes, max, place)
                } else if input.exceeded {
                    let max = self.limits.max_line_bytes;
                    ExchangeError::over_limit(Limit::LineBytes, max, place)
                } else {
                    broken(format!("{} is not valid XML ({error})", self.name))
                });
            }
        };
        match &event {
            Event::Start(start) => {
                self.depth += 1;
                if self.depth > MAX_DEPTH || start.name().as_ref().len() > MAX_NAME {
                    return Err(broken(format!(
                        "{} nests its elements too deeply or names them too long",
                        self.name
                    )));
                }
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        Ok(event)
    }

    /// Reads past the rest of the element whose start was just read.
    pub(crate) fn skip_element(&mut self) -> Result<(), ExchangeError> {
        let depth = self.depth;
        while self.depth >= depth {
            if let Event::Eof = self.next()? {
                return Ok(());
            }
        }
        Ok(())
    }
}

/// The local name of an element (its name without a namespace prefix).
pub(crate) fn local<'a>(start: &'a BytesStart<'_>) -> &'a str {
    without_prefix(start.name().0)
}

/// A name without its namespace prefix.
pub(crate) fn without_prefix(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

/// The unescaped value of the attribute whose local name is `key`.
pub(crate) fn attribute(start: &BytesStart<'_>, key: &str) -> Option<String> {
    start
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|attribute| without_prefix(attribute.key.0) == key)
        .map(|attribute| unescaped(&attribute))
}

fn unescaped(attribute: &Attribute<'_>) -> String {
    attribute
        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .map_or_else(|_| attribute.value.to_string(), |value| value.into_owned())
}

/// Appends the character or predefined entity `reference` names (the text
/// between `&` and `;`); an unknown one is kept as written.
pub(crate) fn push_reference(out: &mut String, reference: &str) {
    let resolved = match reference {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => reference.strip_prefix('#').and_then(char_reference),
    };
    match resolved {
        Some(character) => out.push(character),
        None => {
            out.push('&');
            out.push_str(reference);
            out.push(';');
        }
    }
}

fn char_reference(number: &str) -> Option<char> {
    let code = match number.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => number.parse().ok()?,
    };
    char::from_u32(code).filter(|character| *character != '\0')
}
