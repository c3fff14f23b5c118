//! The ZIP container of an Excel file: its directory, read by hand, and its
//! entries, inflated with a count of every byte.
//!
//! A ZIP library allocates for each entry its directory lists before the
//! caller can say no, and trusts the sizes the directory declares. Here the
//! end-of-directory record (and its ZIP64 form) is read first and a directory
//! of more than [`ReadLimits::max_zip_entries`] entries is refused before any
//! entry is looked at. The directory is then read through a small buffer,
//! keeping only what finding a part needs (names longer than 1 KiB are never
//! part names and are not kept). An entry is read straight from the
//! container, stored or deflated (flate2), through [`EntryReader`], which
//! counts the bytes it inflates against what is left of
//! [`ReadLimits::max_workbook_bytes`] and fails once past it, whatever the
//! entry claimed to hold. Checksums are not verified: a corrupt entry is
//! caught by the XML reader reading it.

use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Take};

use flate2::read::DeflateDecoder;

use crate::error::{ExchangeError, Place};
use crate::limits::{Limit, ReadLimits};
use crate::read::xlsx::broken;

/// What an Excel file is read from: bytes in memory or a file.
pub(crate) trait Container: Read + Seek + Send {}
impl<T: Read + Seek + Send> Container for T {}

/// The end-of-directory record: 22 bytes and a comment of up to 64 KiB.
const END_RECORD: usize = 22;
const MAX_COMMENT: usize = 0xFFFF;
const END_SIGNATURE: &[u8; 4] = b"PK\x05\x06";
const ZIP64_LOCATOR_SIGNATURE: &[u8; 4] = b"PK\x06\x07";
const ZIP64_END_SIGNATURE: &[u8; 4] = b"PK\x06\x06";
const ENTRY_SIGNATURE: &[u8; 4] = b"PK\x01\x02";
const LOCAL_SIGNATURE: &[u8; 4] = b"PK\x03\x04";
/// Names longer than this are not kept: no part has one.
const MAX_KEPT_NAME: usize = 1024;

/// One entry of the directory.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) name: String,
    method: u16,
    flags: u16,
    compressed: u64,
    local_header: u64,
}

/// The entries of a ZIP directory that may be parts of a workbook.
#[derive(Debug)]
pub(crate) struct Directory {
    entries: Vec<Entry>,
}

/// Where the directory is and how many entries it claims.
struct Extent {
    entries: u64,
    size: u64,
    start: u64,
}

impl Directory {
    /// Reads the directory of `container`, refusing more than
    /// `limits.max_zip_entries` entries before reading any.
    pub(crate) fn read(
        container: &mut dyn Container,
        limits: &ReadLimits,
    ) -> Result<Directory, ExchangeError> {
        let extent = find_extent(container).map_err(|error| broken_zip(&error))?;
        if extent.entries > limits.max_zip_entries {
            return Err(ExchangeError::over_limit(
                Limit::ZipEntries,
                limits.max_zip_entries,
                Place::File,
            ));
        }
        read_entries(container, &extent).map_err(|error| broken_zip(&error))
    }

    /// The entry named `name` (ASCII case does not matter, as in Excel).
    pub(crate) fn find(&self, name: &str) -> Option<&Entry> {
        let name = name.trim_start_matches('/');
        self.entries.iter().find(|entry| {
            entry
                .name
                .trim_start_matches('/')
                .eq_ignore_ascii_case(name)
        })
    }
}

fn broken_zip(error: &io::Error) -> ExchangeError {
    broken(format!("it is not a valid ZIP container ({error})"))
}

fn invalid(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_owned())
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().expect("four bytes"))
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"))
}

/// Finds the last end-of-directory record and, when there is one, the ZIP64
/// record it points to.
fn find_extent(container: &mut dyn Container) -> io::Result<Extent> {
    let length = container.seek(SeekFrom::End(0))?;
    let tail_length = length.min((END_RECORD + MAX_COMMENT) as u64);
    let tail_start = length - tail_length;
    container.seek(SeekFrom::Start(tail_start))?;
    let mut tail = vec![0; tail_length as usize];
    container.read_exact(&mut tail)?;
    let at = (0..=tail.len().saturating_sub(END_RECORD))
        .rev()
        .find(|&at| tail.len() >= at + END_RECORD && &tail[at..at + 4] == END_SIGNATURE)
        .ok_or_else(|| invalid("no end-of-directory record"))?;
    let record = &tail[at..at + END_RECORD];
    let mut extent = Extent {
        entries: u64::from(u16_at(record, 10)),
        size: u64::from(u32_at(record, 12)),
        start: u64::from(u32_at(record, 16)),
    };
    let record_position = tail_start + at as u64;
    if at >= 20 && &tail[at - 20..at - 16] == ZIP64_LOCATOR_SIGNATURE {
        let zip64_position = u64_at(&tail, at - 20 + 8);
        extent = read_zip64_extent(container, zip64_position)?;
    }
    let end = extent
        .start
        .checked_add(extent.size)
        .ok_or_else(|| invalid("the directory lies beyond the file"))?;
    if end > record_position {
        return Err(invalid("the directory lies beyond the file"));
    }
    Ok(extent)
}

fn read_zip64_extent(container: &mut dyn Container, position: u64) -> io::Result<Extent> {
    container.seek(SeekFrom::Start(position))?;
    let mut record = [0; 56];
    container.read_exact(&mut record)?;
    if &record[..4] != ZIP64_END_SIGNATURE {
        return Err(invalid("a broken ZIP64 end-of-directory record"));
    }
    Ok(Extent {
        entries: u64_at(&record, 32),
        size: u64_at(&record, 40),
        start: u64_at(&record, 48),
    })
}

/// Reads the `extent.entries` directory entries, none beyond `extent.size`.
fn read_entries(container: &mut dyn Container, extent: &Extent) -> io::Result<Directory> {
    container.seek(SeekFrom::Start(extent.start))?;
    let mut input = BufReader::with_capacity(16 * 1024, container).take(extent.size);
    let mut entries = Vec::new();
    let mut header = [0; 46];
    let mut name = Vec::new();
    let mut extra = Vec::new();
    for _ in 0..extent.entries {
        input.read_exact(&mut header)?;
        if &header[..4] != ENTRY_SIGNATURE {
            return Err(invalid("a broken directory entry"));
        }
        let name_length = usize::from(u16_at(&header, 28));
        let extra_length = usize::from(u16_at(&header, 30));
        let comment_length = u64::from(u16_at(&header, 32));
        read_exactly(&mut input, &mut name, name_length)?;
        read_exactly(&mut input, &mut extra, extra_length)?;
        skip(&mut input, comment_length)?;
        if name_length > MAX_KEPT_NAME {
            continue;
        }
        let mut entry = Entry {
            name: String::from_utf8_lossy(&name).into_owned(),
            method: u16_at(&header, 10),
            flags: u16_at(&header, 8),
            compressed: u64::from(u32_at(&header, 20)),
            local_header: u64::from(u32_at(&header, 42)),
        };
        apply_zip64_extra(&mut entry, &header, &extra);
        entries.push(entry);
    }
    Ok(Directory { entries })
}

fn read_exactly(input: &mut impl Read, buffer: &mut Vec<u8>, length: usize) -> io::Result<()> {
    buffer.resize(length, 0);
    input.read_exact(buffer)
}

fn skip(input: &mut impl BufRead, mut count: u64) -> io::Result<()> {
    while count > 0 {
        let available = input.fill_buf()?.len();
        if available == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        let step = available.min(usize::try_from(count).unwrap_or(usize::MAX));
        input.consume(step);
        count -= step as u64;
    }
    Ok(())
}

/// Takes the 64-bit sizes and offset of the ZIP64 extra field for the
/// 32-bit fields that are saturated, in the order the format sets.
fn apply_zip64_extra(entry: &mut Entry, header: &[u8], extra: &[u8]) {
    let mut at = 0;
    while at + 4 <= extra.len() {
        let id = u16_at(extra, at);
        let length = usize::from(u16_at(extra, at + 2));
        let body = &extra[(at + 4).min(extra.len())..(at + 4 + length).min(extra.len())];
        if id == 1 {
            let mut values = body.chunks_exact(8).map(|chunk| u64_at(chunk, 0));
            if u32_at(header, 24) == u32::MAX {
                values.next();
            }
            if u32_at(header, 20) == u32::MAX
                && let Some(value) = values.next()
            {
                entry.compressed = value;
            }
            if u32_at(header, 42) == u32::MAX
                && let Some(value) = values.next()
            {
                entry.local_header = value;
            }
            return;
        }
        at += 4 + length;
    }
}

/// An entry's bytes as stored in the container.
enum Packed<C: Read> {
    Stored(Take<C>),
    Deflated(Box<DeflateDecoder<Take<C>>>),
}

/// An entry being inflated, counting its bytes against a budget.
pub(crate) struct EntryReader<C: Read> {
    packed: Packed<C>,
    compressed: u64,
    inflated: u64,
    budget: u64,
    over_budget: bool,
}

impl<C: Read + Seek> EntryReader<C> {
    /// Opens `entry` of `container`, allowing it to inflate to `budget` bytes.
    pub(crate) fn open(
        mut container: C,
        entry: &Entry,
        budget: u64,
    ) -> Result<EntryReader<C>, ExchangeError> {
        if entry.flags & 1 != 0 {
            return Err(broken(format!("{} is protected by a password", entry.name)));
        }
        let data_start = local_data_start(&mut container, entry.local_header)
            .map_err(|error| broken(format!("{} cannot be found ({error})", entry.name)))?;
        container
            .seek(SeekFrom::Start(data_start))
            .map_err(|error| broken(format!("{} cannot be found ({error})", entry.name)))?;
        let packed = container.take(entry.compressed);
        let packed = match entry.method {
            0 => Packed::Stored(packed),
            8 => Packed::Deflated(Box::new(DeflateDecoder::new(packed))),
            method => {
                return Err(broken(format!(
                    "{} is compressed with method {method}, which Excel does not use",
                    entry.name
                )));
            }
        };
        Ok(EntryReader {
            packed,
            compressed: entry.compressed,
            inflated: 0,
            budget,
            over_budget: false,
        })
    }
}

impl<C: Read> EntryReader<C> {
    /// Bytes inflated so far.
    pub(crate) fn inflated(&self) -> u64 {
        self.inflated
    }

    /// Whether reading stopped because the budget was spent.
    pub(crate) fn over_budget(&self) -> bool {
        self.over_budget
    }

    /// Compressed bytes consumed so far, and the entry's compressed size.
    pub(crate) fn compressed_progress(&self) -> (u64, u64) {
        let left = match &self.packed {
            Packed::Stored(take) => take.limit(),
            Packed::Deflated(decoder) => decoder.get_ref().limit(),
        };
        (self.compressed - left.min(self.compressed), self.compressed)
    }
}

impl<C: Read> Read for EntryReader<C> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        if self.inflated >= self.budget {
            // One byte more than the budget tells a full budget from an entry
            // that ends exactly there.
            let mut probe = [0; 1];
            let more = match &mut self.packed {
                Packed::Stored(take) => take.read(&mut probe)?,
                Packed::Deflated(decoder) => decoder.read(&mut probe)?,
            };
            if more == 0 {
                return Ok(0);
            }
            self.over_budget = true;
            return Err(io::Error::other("the workbook inflates past its limit"));
        }
        let room = usize::try_from(self.budget - self.inflated).unwrap_or(usize::MAX);
        let buffer_length = buffer.len().min(room);
        let buffer = &mut buffer[..buffer_length];
        let read = match &mut self.packed {
            Packed::Stored(take) => take.read(buffer)?,
            Packed::Deflated(decoder) => decoder.read(buffer)?,
        };
        self.inflated += read as u64;
        Ok(read)
    }
}

/// Where the data of the entry whose local header is at `position` starts.
fn local_data_start(container: &mut (impl Read + Seek), position: u64) -> io::Result<u64> {
    container.seek(SeekFrom::Start(position))?;
    let mut header = [0; 30];
    container.read_exact(&mut header)?;
    if &header[..4] != LOCAL_SIGNATURE {
        return Err(invalid("no local header there"));
    }
    let name_length = u64::from(u16_at(&header, 26));
    let extra_length = u64::from(u16_at(&header, 28));
    Ok(position + 30 + name_length + extra_length)
}
