//! Loading a checked archive into a database inside one transaction the caller holds: the
//! tables are emptied, every row is inserted in the archive's order (a table after those it
//! refers to), rows that refer forward within their own table get that reference once the
//! row it names exists, and each sequence is set past the last id it had handed out. The
//! seal is computed again while loading, so a file changed between the check and the load
//! is refused too. The caller verifies the result in the same transaction and commits only
//! then; dropping the transaction leaves the database as it was.

use std::collections::BTreeMap;
use std::path::Path;

use hamyar_app::audit::AuditKey;
use hamyar_app::ports::Backend;
use sqlx::any::{Any, AnyArguments};
use sqlx::query::Query;

use super::archive::{ArchiveInfo, ArchiveReader, Line, Marker, counts_by_table, row_fits};
use super::catalog::{self, Table, quoted};
use super::{BackupError, ColumnHeader, ColumnKind, TableHeader};
use crate::error::store_error;
use crate::tx::AnyTx;

/// Most values bound in one insert (both engines allow more; this keeps statements small).
const VALUES_PER_INSERT: usize = 4_000;
/// Most bytes of row data held for one insert (evidence files are rows too).
const BYTES_PER_INSERT: usize = 8 * 1024 * 1024;
/// How long a restore waits for another session's locks on PostgreSQL before it says the
/// database is in use.
const LOCK_TIMEOUT: &str = "SET LOCAL lock_timeout = '15s'";

/// What a load inserted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadSummary {
    /// Rows inserted per table, in the archive's order.
    pub rows: Vec<(String, u64)>,
}

/// A value on its way to a column.
#[derive(Debug, Clone)]
enum Value {
    Int(Option<i64>),
    Text(Option<String>),
    Bytes(Option<Vec<u8>>),
}

impl Value {
    fn size(&self) -> usize {
        match self {
            Value::Int(_) => 8,
            Value::Text(text) => text.as_ref().map_or(0, String::len),
            Value::Bytes(bytes) => bytes.as_ref().map_or(0, Vec::len),
        }
    }
}

/// Empties every data table in `tx` (not the migrations' table) so that an archive can be
/// loaded into it. On PostgreSQL the append-only guards (triggers that refuse DELETE and
/// TRUNCATE on the audit trail and the ledger) are set aside for the one `TRUNCATE` and
/// stand again before anything is loaded — all inside the transaction, so nobody else ever
/// sees them missing, and a rollback restores everything. On SQLite, which restores into a
/// new file, only what the migrations themselves inserted is there to remove.
pub async fn clear_for_restore(tx: &mut AnyTx) -> Result<(), BackupError> {
    let tables = catalog::tables(tx).await?;
    match tx.backend {
        Backend::Postgres => {
            sqlx::query(LOCK_TIMEOUT).execute(&mut *tx.tx).await?;
            let names: Result<Vec<String>, _> = tables.iter().map(|t| quoted(&t.name)).collect();
            let names = names?;
            if names.is_empty() {
                return Ok(());
            }
            for name in &names {
                run(tx, format!("ALTER TABLE {name} DISABLE TRIGGER USER")).await?;
            }
            run(
                tx,
                format!("TRUNCATE {} RESTART IDENTITY", names.join(", ")),
            )
            .await?;
            for name in &names {
                run(tx, format!("ALTER TABLE {name} ENABLE TRIGGER USER")).await?;
            }
        }
        Backend::Sqlite => {
            for table in tables.iter().rev() {
                run(tx, format!("DELETE FROM {}", quoted(&table.name)?)).await?;
            }
        }
    }
    Ok(())
}

/// Runs a statement whose only variable parts are catalogue names checked by `quoted`.
async fn run(tx: &mut AnyTx, sql: String) -> Result<(), BackupError> {
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .execute(&mut *tx.tx)
        .await
        .map_err(in_use_or_store_error)?;
    Ok(())
}

fn in_use_or_store_error(error: sqlx::Error) -> BackupError {
    let message = error.to_string();
    if message.contains("lock timeout") || message.contains("canceling statement due to lock") {
        return BackupError::Io(
            "the database is in use: stop `hamyar serve` (every server of this database) and \
             try again"
                .into(),
        );
    }
    BackupError::Store(store_error(error))
}

/// Loads the archive at `path`, already checked as `info`, into the emptied database in
/// `tx` (see [`clear_for_restore`]). Its tables and columns must be the database's.
pub async fn load_archive(
    tx: &mut AnyTx,
    path: &Path,
    key: &AuditKey,
    info: &ArchiveInfo,
) -> Result<LoadSummary, BackupError> {
    let target = catalog::tables(tx).await?;
    let target = same_shape(&info.header.tables, target)?;
    let file = std::fs::File::open(path)
        .map_err(|e| BackupError::Io(format!("cannot open {}: {e}", path.display())))?;
    let mut lines = read_elsewhere(file, key.clone(), info.seal.clone());
    let mut next = async || lines.recv().await.transpose();
    match next().await? {
        Some(Line::Marker(Marker::Header(header))) if header == info.header => {}
        _ => return Err(changed_since_checked()),
    }
    let mut loaded: Vec<(String, u64)> = Vec::with_capacity(target.len());
    let mut current: Option<TableLoad> = None;
    loop {
        match next().await? {
            None => return Err(changed_since_checked()),
            Some(Line::Marker(Marker::RowsOf(name))) => {
                let index = loaded.len();
                let (Some(header), Some(table)) =
                    (info.header.tables.get(index), target.get(index))
                else {
                    return Err(changed_since_checked());
                };
                if header.name != name || current.is_some() {
                    return Err(changed_since_checked());
                }
                current = Some(TableLoad::new(header, table)?);
            }
            Some(Line::Row(values)) => {
                let Some(load) = current.as_mut() else {
                    return Err(changed_since_checked());
                };
                load.push(tx, &values).await?;
            }
            Some(Line::Marker(Marker::EndOf { table, rows })) => {
                let Some(load) = current.take() else {
                    return Err(changed_since_checked());
                };
                let (name, inserted) = load.finish(tx).await?;
                if name != table || inserted != rows {
                    return Err(changed_since_checked());
                }
                loaded.push((name, inserted));
            }
            // The reader passes the seal on only when it holds (see `read_elsewhere`).
            Some(Line::Marker(Marker::Seal(_))) => {
                if current.is_some() {
                    return Err(changed_since_checked());
                }
                break;
            }
            Some(Line::Marker(Marker::Header(_))) => return Err(changed_since_checked()),
        }
    }
    if counts_by_table(&loaded) != counts_by_table(&info.rows) {
        return Err(changed_since_checked());
    }
    Ok(LoadSummary { rows: loaded })
}

/// Lines read ahead while the database inserts.
const LINES_AHEAD: usize = 256;

/// Reads and parses the archive on a blocking thread, off the async workers, handing the
/// lines over in order. The seal line is passed on only when it is `expected_seal` and seals
/// what was read; otherwise the last item is an error.
fn read_elsewhere(
    file: std::fs::File,
    key: AuditKey,
    expected_seal: String,
) -> tokio::sync::mpsc::Receiver<Result<Line, BackupError>> {
    let (sender, receiver) = tokio::sync::mpsc::channel(LINES_AHEAD);
    tokio::task::spawn_blocking(move || {
        let mut reader = ArchiveReader::new(file, &key);
        loop {
            let item = match reader.next_line() {
                Ok(None) => return,
                Ok(Some(Line::Marker(Marker::Seal(seal)))) => {
                    if seal == expected_seal && reader.seal_holds(&seal) {
                        Ok(Line::Marker(Marker::Seal(seal)))
                    } else {
                        Err(changed_since_checked())
                    }
                }
                Ok(Some(line)) => Ok(line),
                Err(error) => Err(error),
            };
            let last = item.is_err() || matches!(item, Ok(Line::Marker(Marker::Seal(_))));
            // A closed channel means the load stopped: nothing more is wanted.
            if sender.blocking_send(item).is_err() || last {
                return;
            }
        }
    });
    receiver
}

fn changed_since_checked() -> BackupError {
    BackupError::Damaged("the file changed while it was being restored".into())
}

/// The database's tables in the archive's order, when both have the same tables with the
/// same columns; otherwise what differs.
fn same_shape(archive: &[TableHeader], target: Vec<Table>) -> Result<Vec<Table>, BackupError> {
    let mut by_name: BTreeMap<String, Table> =
        target.into_iter().map(|t| (t.name.clone(), t)).collect();
    let mut ordered = Vec::with_capacity(archive.len());
    for header in archive {
        let Some(table) = by_name.remove(&header.name) else {
            return Err(BackupError::Incompatible(format!(
                "the backup has a table {} that this database does not",
                header.name
            )));
        };
        let mut theirs: Vec<(&str, ColumnKind)> = header
            .columns
            .iter()
            .map(|c| (c.name.as_str(), c.kind))
            .collect();
        let mut ours: Vec<(&str, ColumnKind)> = table
            .columns
            .iter()
            .map(|(n, k)| (n.as_str(), *k))
            .collect();
        theirs.sort();
        ours.sort();
        if theirs != ours {
            return Err(BackupError::Incompatible(format!(
                "table {} has other columns in the backup than in this database",
                header.name
            )));
        }
        ordered.push(table);
    }
    if let Some(name) = by_name.keys().next() {
        return Err(BackupError::Incompatible(format!(
            "this database has a table {name} that the backup does not"
        )));
    }
    Ok(ordered)
}

/// One table's rows on their way in, in batches.
struct TableLoad {
    name: String,
    quoted_name: String,
    columns: Vec<ColumnHeader>,
    column_list: String,
    /// Position of `id` among the columns, when the table has one.
    id_index: Option<usize>,
    /// Positions of the columns that refer to this same table.
    self_references: Vec<(usize, String)>,
    last_id: Option<i64>,
    batch: Vec<Vec<Value>>,
    batch_bytes: usize,
    rows_per_insert: usize,
    /// References to rows not yet inserted: (row id, column, value), set at the end.
    forward: Vec<(i64, String, i64)>,
    inserted: u64,
}

impl TableLoad {
    fn new(header: &TableHeader, table: &Table) -> Result<Self, BackupError> {
        let columns = header.columns.clone();
        let names: Result<Vec<String>, _> = columns.iter().map(|c| quoted(&c.name)).collect();
        let position = |name: &str| columns.iter().position(|c| c.name == name);
        let id_index = position("id").filter(|i| columns[*i].kind == ColumnKind::Int);
        let self_references = table
            .self_references
            .iter()
            .filter_map(|name| position(name).map(|i| (i, name.clone())))
            .filter(|(i, _)| columns[*i].kind == ColumnKind::Int)
            .collect();
        Ok(Self {
            name: header.name.clone(),
            quoted_name: quoted(&header.name)?,
            rows_per_insert: (VALUES_PER_INSERT / columns.len().max(1)).max(1),
            column_list: names?.join(", "),
            columns,
            id_index,
            self_references,
            last_id: header.last_id,
            batch: Vec::new(),
            batch_bytes: 0,
            forward: Vec::new(),
            inserted: 0,
        })
    }

    async fn push(
        &mut self,
        tx: &mut AnyTx,
        values: &[serde_json::Value],
    ) -> Result<(), BackupError> {
        if !row_fits(values, &self.columns) {
            return Err(changed_since_checked());
        }
        let mut row: Vec<Value> = values
            .iter()
            .zip(&self.columns)
            .map(|(value, column)| match column.kind {
                ColumnKind::Int => Value::Int(value.as_i64()),
                ColumnKind::Text => Value::Text(value.as_str().map(str::to_owned)),
                ColumnKind::Bytes => Value::Bytes(value.as_str().and_then(catalog::from_hex)),
            })
            .collect();
        if let Some(Value::Int(Some(id))) = self.id_index.map(|i| &row[i]) {
            let id = *id;
            for (index, column) in &self.self_references {
                if let Value::Int(Some(target)) = row[*index]
                    && target > id
                {
                    self.forward.push((id, column.clone(), target));
                    row[*index] = Value::Int(None);
                }
            }
        }
        self.batch_bytes += row.iter().map(Value::size).sum::<usize>();
        self.batch.push(row);
        if self.batch.len() >= self.rows_per_insert || self.batch_bytes >= BYTES_PER_INSERT {
            self.flush(tx).await?;
        }
        Ok(())
    }

    async fn flush(&mut self, tx: &mut AnyTx) -> Result<(), BackupError> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let width = self.columns.len();
        let mut sql = format!(
            "INSERT INTO {} ({}) VALUES ",
            self.quoted_name, self.column_list
        );
        let mut number = 0usize;
        for (row_index, _) in self.batch.iter().enumerate() {
            if row_index > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            for column in 0..width {
                if column > 0 {
                    sql.push_str(", ");
                }
                number += 1;
                match tx.backend {
                    // Anonymous placeholders: see `crate::sql` on binding cost.
                    Backend::Sqlite => sql.push('?'),
                    Backend::Postgres => sql.push_str(&format!("${number}")),
                }
            }
            sql.push(')');
        }
        // Names are the catalogue's own (checked by `quoted`); values are bound.
        let mut query: Query<'static, Any, AnyArguments> = sqlx::query(sqlx::AssertSqlSafe(sql));
        for row in self.batch.drain(..) {
            for value in row {
                query = match value {
                    Value::Int(v) => query.bind(v),
                    Value::Text(v) => query.bind(v),
                    Value::Bytes(v) => query.bind(v),
                };
            }
        }
        let done = query.execute(&mut *tx.tx).await?;
        self.inserted += done.rows_affected();
        self.batch_bytes = 0;
        Ok(())
    }

    /// Inserts what is left, sets the forward references and the sequence; returns the
    /// table's name and how many rows went in.
    async fn finish(mut self, tx: &mut AnyTx) -> Result<(String, u64), BackupError> {
        self.flush(tx).await?;
        for (id, column, target) in std::mem::take(&mut self.forward) {
            let sql = format!(
                "UPDATE {} SET {} = $1 WHERE \"id\" = $2",
                self.quoted_name,
                quoted(&column)?
            );
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(target)
                .bind(id)
                .execute(&mut *tx.tx)
                .await?;
        }
        if self.id_index.is_some() {
            self.set_sequence(tx).await?;
        }
        Ok((self.name, self.inserted))
    }

    /// Moves the table's sequence past both its highest id and the last id it had handed
    /// out where the backup was made, so no id is given twice.
    async fn set_sequence(&self, tx: &mut AnyTx) -> Result<(), BackupError> {
        let highest: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT MAX(\"id\") FROM {}",
            self.quoted_name
        )))
        .fetch_one(&mut *tx.tx)
        .await?;
        let last = highest.unwrap_or(0).max(self.last_id.unwrap_or(0));
        if last <= 0 {
            return Ok(());
        }
        match tx.backend {
            Backend::Postgres => {
                if let Some(sequence) = catalog::postgres_sequence(tx, &self.name).await? {
                    sqlx::query("SELECT CAST(setval(CAST($1 AS regclass), $2) AS BIGINT)")
                        .bind(sequence)
                        .bind(last)
                        .execute(&mut *tx.tx)
                        .await?;
                }
            }
            Backend::Sqlite => {
                let updated = sqlx::query("UPDATE sqlite_sequence SET seq = $1 WHERE name = $2")
                    .bind(last)
                    .bind(&self.name)
                    .execute(&mut *tx.tx)
                    .await?;
                if updated.rows_affected() == 0 {
                    sqlx::query("INSERT INTO sqlite_sequence (name, seq) VALUES ($1, $2)")
                        .bind(&self.name)
                        .bind(last)
                        .execute(&mut *tx.tx)
                        .await?;
                }
            }
        }
        Ok(())
    }
}
