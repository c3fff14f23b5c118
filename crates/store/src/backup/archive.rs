//! Writing an archive from a snapshot, and reading one back to check it whole before
//! anything is loaded: its seal, its key, its layout and its row counts.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;

use futures_util::TryStreamExt;
use hamyar_app::audit::AuditKey;
use hamyar_app::audit::key::StreamSeal;
use serde::{Deserialize, Serialize};

use super::catalog::{self, quoted};
use super::{
    BackupError, ColumnHeader, ColumnKind, FORMAT, FORMAT_VERSION, Header, TableHeader, engine_name,
};
use crate::error::store_error;
use crate::tx::AnyTx;

/// What the seal of an archive is for; a seal of another kind made with the same key does
/// not pass for it.
pub(crate) const SEAL_PURPOSE: &str = "hamyar-backup-1";

/// The longest line read back: a row with the largest evidence file (hexadecimal doubles
/// it) fits with room to spare; anything longer is not an archive this Hamyar wrote.
pub(crate) const MAX_LINE_BYTES: u64 = 64 * 1024 * 1024;

/// The lines that are not rows.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub(crate) enum Marker {
    Header(Header),
    RowsOf(String),
    EndOf { table: String, rows: u64 },
    Seal(String),
}

/// What a backup wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSummary {
    pub header: Header,
    /// Rows written per table, in the archive's order.
    pub rows: Vec<(String, u64)>,
    pub bytes: u64,
}

impl BackupSummary {
    pub fn total_rows(&self) -> u64 {
        self.rows.iter().map(|(_, rows)| rows).sum()
    }
}

/// An archive that was read whole and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveInfo {
    pub header: Header,
    /// Rows per table, in the archive's order.
    pub rows: Vec<(String, u64)>,
    pub seal: String,
    pub bytes: u64,
}

impl ArchiveInfo {
    pub fn total_rows(&self) -> u64 {
        self.rows.iter().map(|(_, rows)| rows).sum()
    }
}

/// Writes every byte to the file and to the seal.
struct SealedWriter<W: Write> {
    out: BufWriter<W>,
    seal: StreamSeal,
    bytes: u64,
}

impl<W: Write> SealedWriter<W> {
    fn line(&mut self, text: &[u8]) -> std::io::Result<()> {
        self.seal.update(text);
        self.seal.update(b"\n");
        self.out.write_all(text)?;
        self.out.write_all(b"\n")?;
        self.bytes += text.len() as u64 + 1;
        Ok(())
    }

    fn marker(&mut self, marker: &Marker) -> Result<(), BackupError> {
        let text = serde_json::to_vec(marker).map_err(|e| BackupError::Io(e.to_string()))?;
        self.line(&text).map_err(write_error)
    }
}

fn write_error(error: std::io::Error) -> BackupError {
    BackupError::Io(format!("cannot write the backup: {error}"))
}

/// Writes every table of the snapshot `tx` to `out` as an archive sealed with `key`.
/// `made_at` is the snapshot's time and `made_by` the Hamyar version, for the header.
pub async fn write_archive<W: Write>(
    tx: &mut AnyTx,
    out: W,
    key: &AuditKey,
    made_at: &str,
    made_by: &str,
) -> Result<BackupSummary, BackupError> {
    let tables = catalog::tables(tx).await?;
    let mut headers = Vec::with_capacity(tables.len());
    for table in &tables {
        headers.push(TableHeader {
            name: table.name.clone(),
            columns: table
                .columns
                .iter()
                .map(|(name, kind)| ColumnHeader {
                    name: name.clone(),
                    kind: *kind,
                })
                .collect(),
            last_id: catalog::last_id(tx, table).await?,
        });
    }
    let migrations: Vec<i64> = {
        let rows: Vec<i64> = sqlx::query_scalar(
            "SELECT version FROM _sqlx_migrations WHERE success ORDER BY version",
        )
        .fetch_all(&mut *tx.tx)
        .await
        .map_err(store_error)?;
        rows
    };
    let header = Header {
        format: FORMAT.to_owned(),
        format_version: FORMAT_VERSION,
        made_at: made_at.to_owned(),
        made_by: made_by.to_owned(),
        engine: engine_name(tx.backend).to_owned(),
        migrations,
        audit_key: key.fingerprint(),
        tables: headers,
    };
    let mut writer = SealedWriter {
        out: BufWriter::with_capacity(1 << 20, out),
        seal: key.stream_seal(SEAL_PURPOSE),
        bytes: 0,
    };
    writer.marker(&Marker::Header(header.clone()))?;
    let mut counts = Vec::with_capacity(tables.len());
    let mut line = Vec::with_capacity(4096);
    for table in &tables {
        writer.marker(&Marker::RowsOf(table.name.clone()))?;
        let mut select = String::from("SELECT ");
        for (index, (column, _)) in table.columns.iter().enumerate() {
            if index > 0 {
                select.push_str(", ");
            }
            select.push_str(&quoted(column)?);
        }
        select.push_str(" FROM ");
        select.push_str(&quoted(&table.name)?);
        if !table.primary_key.is_empty() {
            select.push_str(" ORDER BY ");
            let keys: Result<Vec<String>, _> =
                table.primary_key.iter().map(|c| quoted(c)).collect();
            select.push_str(&keys?.join(", "));
        }
        let mut rows = 0u64;
        // Every name in the statement is the catalogue's own, checked by `quoted`.
        let mut stream = sqlx::query(sqlx::AssertSqlSafe(select)).fetch(&mut *tx.tx);
        while let Some(row) = stream.try_next().await.map_err(store_error)? {
            let mut values = Vec::with_capacity(table.columns.len());
            for (index, (_, kind)) in table.columns.iter().enumerate() {
                values.push(catalog::value_of(&row, index, *kind).map_err(store_error)?);
            }
            line.clear();
            serde_json::to_writer(&mut line, &values)
                .map_err(|e| BackupError::Io(e.to_string()))?;
            writer.line(&line).map_err(write_error)?;
            rows += 1;
        }
        drop(stream);
        writer.marker(&Marker::EndOf {
            table: table.name.clone(),
            rows,
        })?;
        counts.push((table.name.clone(), rows));
    }
    let SealedWriter {
        mut out,
        seal,
        bytes,
    } = writer;
    let seal_line = serde_json::to_vec(&Marker::Seal(seal.finish()))
        .map_err(|e| BackupError::Io(e.to_string()))?;
    out.write_all(&seal_line).map_err(write_error)?;
    out.write_all(b"\n").map_err(write_error)?;
    out.flush().map_err(write_error)?;
    Ok(BackupSummary {
        header,
        rows: counts,
        bytes: bytes + seal_line.len() as u64 + 1,
    })
}

/// One line of an archive, read with its bytes added to the seal unless it is the seal.
pub(crate) enum Line {
    Marker(Marker),
    Row(Vec<serde_json::Value>),
}

/// Reads an archive line by line, keeping the seal of everything before the seal line.
pub(crate) struct ArchiveReader<R: Read> {
    input: BufReader<R>,
    seal: Option<StreamSeal>,
    buffer: Vec<u8>,
    pub bytes: u64,
    pub line_number: u64,
}

impl<R: Read> ArchiveReader<R> {
    pub fn new(input: R, key: &AuditKey) -> Self {
        Self {
            input: BufReader::with_capacity(1 << 20, input),
            seal: Some(key.stream_seal(SEAL_PURPOSE)),
            buffer: Vec::with_capacity(4096),
            bytes: 0,
            line_number: 0,
        }
    }

    /// The next line, `None` at the end of the file. A line that is not JSON of the
    /// format is an error naming its number.
    pub fn next_line(&mut self) -> Result<Option<Line>, BackupError> {
        self.buffer.clear();
        let read = (&mut self.input)
            .take(MAX_LINE_BYTES + 1)
            .read_until(b'\n', &mut self.buffer)
            .map_err(|e| BackupError::Io(format!("cannot read the backup: {e}")))?;
        if read == 0 {
            return Ok(None);
        }
        self.line_number += 1;
        self.bytes += read as u64;
        if self.buffer.last() != Some(&b'\n') {
            return Err(if read as u64 > MAX_LINE_BYTES {
                self.damaged("it is longer than any line a backup holds")
            } else {
                BackupError::Damaged(
                    "it ends in the middle of a line: the file is incomplete (was the copy cut short?)"
                        .into(),
                )
            });
        }
        let text = &self.buffer[..self.buffer.len() - 1];
        if text.first() == Some(&b'[') {
            if let Some(seal) = self.seal.as_mut() {
                seal.update(&self.buffer);
            }
            let row = serde_json::from_slice(text).map_err(|_| self.damaged("it is not a row"))?;
            return Ok(Some(Line::Row(row)));
        }
        let marker: Marker =
            serde_json::from_slice(text).map_err(|_| self.damaged("it is not a backup line"))?;
        if !matches!(marker, Marker::Seal(_))
            && let Some(seal) = self.seal.as_mut()
        {
            seal.update(&self.buffer);
        }
        Ok(Some(Line::Marker(marker)))
    }

    /// Whether `hex_seal` seals everything read before the seal line.
    pub fn seal_holds(&mut self, hex_seal: &str) -> bool {
        self.seal.take().is_some_and(|seal| seal.verify(hex_seal))
    }

    pub fn damaged(&self, what: &str) -> BackupError {
        BackupError::Damaged(format!("line {}: {what}", self.line_number))
    }
}

/// Reads the archive at `path` whole and checks it: the format and version, that it was
/// sealed with `key` and the seal holds, that every row has its table's columns with
/// values of their kinds, and that every table's count matches its rows. Nothing is
/// loaded; this is what `hamyar backup` runs on the file it wrote and what `hamyar restore`
/// runs before it touches the database.
pub fn check_archive(path: &Path, key: &AuditKey) -> Result<ArchiveInfo, BackupError> {
    let file = std::fs::File::open(path)
        .map_err(|e| BackupError::Io(format!("cannot open {}: {e}", path.display())))?;
    let mut reader = ArchiveReader::new(file, key);
    let header = match reader.next_line() {
        Ok(Some(Line::Marker(Marker::Header(header)))) => header,
        Ok(None) => return Err(BackupError::Damaged("the file is empty".into())),
        _ => {
            return Err(BackupError::Damaged(
                "it does not start with a Hamyar backup header (is it a Hamyar backup?)".into(),
            ));
        }
    };
    check_header(&header, key)?;
    // Seal problems come first: a damaged file can fail any other way too, and "damaged
    // or altered" is the truth about it.
    let mut layout_problem: Option<BackupError> = None;
    let note = |problem: BackupError, slot: &mut Option<BackupError>| {
        if slot.is_none() {
            *slot = Some(problem);
        }
    };
    let mut counts: Vec<(String, u64)> = Vec::with_capacity(header.tables.len());
    let mut current: Option<(usize, u64)> = None;
    let seal = loop {
        let line = match reader.next_line() {
            Ok(Some(line)) => line,
            Ok(None) => {
                return Err(BackupError::Damaged(
                    "it ends before its seal: the file is incomplete (was the copy cut short?)"
                        .into(),
                ));
            }
            Err(BackupError::Damaged(detail)) => {
                note(BackupError::Damaged(detail), &mut layout_problem);
                continue;
            }
            Err(other) => return Err(other),
        };
        match line {
            Line::Marker(Marker::Seal(seal)) => break seal,
            Line::Marker(Marker::RowsOf(name)) => {
                let expected = header.tables.get(counts.len());
                if current.is_some() || expected.map(|t| &t.name) != Some(&name) {
                    note(
                        reader.damaged("a table's rows begin out of order"),
                        &mut layout_problem,
                    );
                }
                current = Some((counts.len(), 0));
            }
            Line::Marker(Marker::EndOf { table, rows }) => match current.take() {
                Some((index, counted))
                    if header.tables.get(index).map(|t| &t.name) == Some(&table)
                        && counted == rows =>
                {
                    counts.push((table, rows));
                }
                _ => {
                    note(
                        reader.damaged(&format!(
                            "the rows of {table} do not add up to the {rows} it says"
                        )),
                        &mut layout_problem,
                    );
                    counts.push((table, rows));
                }
            },
            Line::Marker(Marker::Header(_)) => {
                note(reader.damaged("a second header"), &mut layout_problem);
            }
            Line::Row(values) => match current.as_mut() {
                Some((index, counted)) => {
                    if let Some(table) = header.tables.get(*index)
                        && !row_fits(&values, &table.columns)
                    {
                        note(
                            reader.damaged(&format!("a row does not fit table {}", table.name)),
                            &mut layout_problem,
                        );
                    }
                    *counted += 1;
                }
                None => note(
                    reader.damaged("a row outside any table"),
                    &mut layout_problem,
                ),
            },
        }
    };
    if !reader.seal_holds(&seal) {
        return Err(BackupError::Damaged(
            "its seal does not match its contents: it was changed or damaged after it was written"
                .into(),
        ));
    }
    if let Ok(Some(_)) | Err(_) = reader.next_line() {
        return Err(BackupError::Damaged(
            "there are lines after its seal".into(),
        ));
    }
    if let Some(problem) = layout_problem {
        return Err(problem);
    }
    if counts.len() != header.tables.len() {
        return Err(BackupError::Damaged(
            "it holds fewer tables than its header lists".into(),
        ));
    }
    Ok(ArchiveInfo {
        header,
        rows: counts,
        seal,
        bytes: reader.bytes,
    })
}

/// The header's format, version and key.
fn check_header(header: &Header, key: &AuditKey) -> Result<(), BackupError> {
    if header.format != FORMAT {
        return Err(BackupError::Damaged(
            "it does not start with a Hamyar backup header (is it a Hamyar backup?)".into(),
        ));
    }
    if header.format_version != FORMAT_VERSION {
        return Err(BackupError::Incompatible(format!(
            "it is in backup format {}, and this Hamyar reads format {FORMAT_VERSION}; restore it \
             with the Hamyar that made it ({})",
            header.format_version, header.made_by
        )));
    }
    if header.audit_key != key.fingerprint() {
        return Err(BackupError::OtherKey {
            archive: header.audit_key.clone(),
            configured: key.fingerprint(),
        });
    }
    if header.tables.iter().any(|t| quoted(&t.name).is_err())
        || header
            .tables
            .iter()
            .flat_map(|t| &t.columns)
            .any(|c| quoted(&c.name).is_err())
        || header.migrations.iter().any(|v| *v <= 0)
    {
        return Err(BackupError::Damaged("its header is malformed".into()));
    }
    Ok(())
}

/// Whether a row has one value per column, each of the column's kind or null.
pub(crate) fn row_fits(values: &[serde_json::Value], columns: &[ColumnHeader]) -> bool {
    values.len() == columns.len()
        && values
            .iter()
            .zip(columns)
            .all(|(value, column)| match (value, column.kind) {
                (serde_json::Value::Null, _) => true,
                (serde_json::Value::Number(n), ColumnKind::Int) => n.is_i64(),
                (serde_json::Value::String(_), ColumnKind::Text) => true,
                (serde_json::Value::String(s), ColumnKind::Bytes) => catalog::from_hex(s).is_some(),
                _ => false,
            })
}

/// Rows per table as a map, for comparisons.
pub(crate) fn counts_by_table(rows: &[(String, u64)]) -> BTreeMap<&str, u64> {
    rows.iter().map(|(name, n)| (name.as_str(), *n)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small archive sealed with `key`, written by hand as `write_archive` lays it out.
    fn small_archive(key: &AuditKey) -> Vec<u8> {
        let header = Header {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            made_at: "2026-12-06T00:00:00Z".into(),
            made_by: "test".into(),
            engine: "sqlite".into(),
            migrations: vec![1, 2],
            audit_key: key.fingerprint(),
            tables: vec![TableHeader {
                name: "places".into(),
                columns: vec![
                    ColumnHeader {
                        name: "id".into(),
                        kind: ColumnKind::Int,
                    },
                    ColumnHeader {
                        name: "code".into(),
                        kind: ColumnKind::Text,
                    },
                    ColumnHeader {
                        name: "logo".into(),
                        kind: ColumnKind::Bytes,
                    },
                ],
                last_id: Some(3),
            }],
        };
        let mut lines: Vec<Vec<u8>> = vec![
            serde_json::to_vec(&Marker::Header(header)).unwrap(),
            serde_json::to_vec(&Marker::RowsOf("places".into())).unwrap(),
            br#"[1,"ir",null]"#.to_vec(),
            br#"[2,"ir.qazvin","00ff"]"#.to_vec(),
            serde_json::to_vec(&Marker::EndOf {
                table: "places".into(),
                rows: 2,
            })
            .unwrap(),
        ];
        let mut seal = key.stream_seal(SEAL_PURPOSE);
        for line in &lines {
            seal.update(line);
            seal.update(b"\n");
        }
        lines.push(serde_json::to_vec(&Marker::Seal(seal.finish())).unwrap());
        lines
            .iter()
            .flat_map(|l| [l.as_slice(), b"\n"].concat())
            .collect()
    }

    fn scratch(name: &str) -> std::path::PathBuf {
        std::env::temp_dir().join(format!("hamyar-archive-unit-{}-{name}", std::process::id()))
    }

    #[test]
    fn a_sealed_archive_checks_and_every_one_byte_change_is_refused() {
        let key = AuditKey::generate();
        let bytes = small_archive(&key);
        let path = scratch("mutations");
        std::fs::write(&path, &bytes).unwrap();
        let info = check_archive(&path, &key).unwrap();
        assert_eq!(info.rows, [("places".to_owned(), 2)]);
        assert_eq!(info.bytes, bytes.len() as u64);
        for position in 0..bytes.len() {
            for replacement in [b'0', b'"', b'\n', 0xff] {
                if bytes[position] == replacement {
                    continue;
                }
                let mut changed = bytes.clone();
                changed[position] = replacement;
                std::fs::write(&path, &changed).unwrap();
                assert!(
                    check_archive(&path, &key).is_err(),
                    "byte {position} set to {replacement} passed"
                );
            }
        }
        for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
            std::fs::write(&path, &bytes[..cut]).unwrap();
            assert!(check_archive(&path, &key).is_err(), "cut at {cut} passed");
        }
        let _ = std::fs::remove_file(path);
    }

    #[test]
    fn a_row_that_does_not_fit_its_columns_is_named_even_when_sealed() {
        let key = AuditKey::generate();
        let text = String::from_utf8(small_archive(&key)).unwrap();
        // Someone with the key reseals a file whose row has text where an integer belongs.
        let mut lines: Vec<&str> = text.lines().collect();
        lines.pop();
        lines[2] = r#"["one","ir",null]"#;
        let mut seal = key.stream_seal(SEAL_PURPOSE);
        let mut body = String::new();
        for line in &lines {
            body.push_str(line);
            body.push('\n');
        }
        seal.update(body.as_bytes());
        body.push_str(&serde_json::to_string(&Marker::Seal(seal.finish())).unwrap());
        body.push('\n');
        let path = scratch("misfit");
        std::fs::write(&path, body).unwrap();
        let refused = check_archive(&path, &key).unwrap_err();
        assert!(
            refused
                .to_string()
                .contains("line 3: a row does not fit table places"),
            "{refused}"
        );
        let _ = std::fs::remove_file(path);
    }
}
