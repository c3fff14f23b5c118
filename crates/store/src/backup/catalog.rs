//! What a backup needs to know about the schema, read from each engine's catalogue: the
//! tables, their columns and kinds, their primary keys, which tables each refers to, and
//! the last id each sequence handed out. Both engines answer the same questions with
//! different catalogue queries; everything after this module is engine-neutral.

use std::collections::{BTreeMap, BTreeSet};

use hamyar_app::ports::{Backend, StoreError, StoreResult};
use sqlx::Row;

use super::ColumnKind;
use crate::error::store_error;
use crate::tx::AnyTx;

/// The migrations' own bookkeeping, which is not data: a restore keeps the target's.
const MIGRATIONS_TABLE: &str = "_sqlx_migrations";

/// One table as a backup sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Table {
    pub name: String,
    pub columns: Vec<(String, ColumnKind)>,
    pub primary_key: Vec<String>,
    /// Other tables this one has foreign keys to.
    pub refers_to: BTreeSet<String>,
    /// Columns with a foreign key to this same table (a place's parent, a reversal's
    /// original, a visit that closed an earlier visit's follow-up).
    pub self_references: Vec<String>,
}

impl Table {
    pub fn has_id(&self) -> bool {
        self.columns
            .iter()
            .any(|(name, kind)| name == "id" && *kind == ColumnKind::Int)
    }
}

/// Whether `name` is a plain lower-case SQL identifier, the only kind the migrations make.
/// Names read from a backup are checked against the database's own before they reach SQL,
/// and every name is checked here as well.
pub(crate) fn quoted(name: &str) -> StoreResult<String> {
    let plain = !name.is_empty()
        && name.len() <= 63
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit());
    if plain {
        Ok(format!("\"{name}\""))
    } else {
        Err(StoreError::Database(format!(
            "unexpected table or column name {name:?}"
        )))
    }
}

/// The data tables of the database, by name (not the migrations' table, not SQLite's own).
pub(crate) async fn table_names(tx: &mut AnyTx) -> StoreResult<Vec<String>> {
    let sql = match tx.backend {
        Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
        }
        Backend::Postgres => {
            "SELECT CAST(c.relname AS TEXT) FROM pg_class c \
             JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY 1"
        }
    };
    let names: Vec<String> = sqlx::query_scalar(sql)
        .fetch_all(&mut *tx.tx)
        .await
        .map_err(store_error)?;
    Ok(names
        .into_iter()
        .filter(|name| name != MIGRATIONS_TABLE)
        .collect())
}

/// Every data table, ordered so that each comes after the tables it refers to (ties by
/// name, so the order is the same on both engines).
pub(crate) async fn tables(tx: &mut AnyTx) -> StoreResult<Vec<Table>> {
    let mut tables = Vec::new();
    for name in table_names(tx).await? {
        quoted(&name)?;
        let table = match tx.backend {
            Backend::Sqlite => sqlite_table(tx, name).await?,
            Backend::Postgres => postgres_table(tx, name).await?,
        };
        tables.push(table);
    }
    in_reference_order(tables)
}

async fn sqlite_table(tx: &mut AnyTx, name: String) -> StoreResult<Table> {
    let rows = sqlx::query("SELECT name, type, pk FROM pragma_table_info($1) ORDER BY cid")
        .bind(&name)
        .fetch_all(&mut *tx.tx)
        .await
        .map_err(store_error)?;
    let mut columns = Vec::new();
    let mut primary_key = Vec::new();
    for row in rows {
        let column: String = row.try_get(0).map_err(store_error)?;
        let declared: String = row.try_get(1).map_err(store_error)?;
        let pk: i64 = row.try_get(2).map_err(store_error)?;
        let declared = declared.to_ascii_uppercase();
        let kind = if declared.contains("INT") {
            ColumnKind::Int
        } else if declared.contains("TEXT") || declared.contains("CHAR") {
            ColumnKind::Text
        } else if declared.contains("BLOB") {
            ColumnKind::Bytes
        } else {
            return Err(unsupported(&name, &column, &declared));
        };
        if pk > 0 {
            primary_key.push((pk, column.clone()));
        }
        columns.push((column, kind));
    }
    primary_key.sort();
    let references: Vec<(String, String)> =
        sqlx::query_as("SELECT \"from\", \"table\" FROM pragma_foreign_key_list($1)")
            .bind(&name)
            .fetch_all(&mut *tx.tx)
            .await
            .map_err(store_error)?;
    Ok(table_of(
        name,
        columns,
        primary_key.into_iter().map(|(_, column)| column).collect(),
        references,
    ))
}

async fn postgres_table(tx: &mut AnyTx, name: String) -> StoreResult<Table> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT CAST(column_name AS TEXT), CAST(data_type AS TEXT) \
         FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
    )
    .bind(&name)
    .fetch_all(&mut *tx.tx)
    .await
    .map_err(store_error)?;
    let mut columns = Vec::new();
    for (column, data_type) in rows {
        let kind = match data_type.as_str() {
            "bigint" | "integer" | "smallint" => ColumnKind::Int,
            "text" | "character varying" | "character" => ColumnKind::Text,
            "bytea" => ColumnKind::Bytes,
            other => return Err(unsupported(&name, &column, other)),
        };
        columns.push((column, kind));
    }
    let primary_key: Vec<String> = sqlx::query_scalar(
        "SELECT CAST(a.attname AS TEXT) FROM pg_index i \
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) \
         WHERE i.indrelid = CAST($1 AS regclass) AND i.indisprimary ORDER BY a.attnum",
    )
    .bind(&name)
    .fetch_all(&mut *tx.tx)
    .await
    .map_err(store_error)?;
    let references: Vec<(String, String)> = sqlx::query_as(
        "SELECT CAST(a.attname AS TEXT), CAST(t.relname AS TEXT) FROM pg_constraint c \
         JOIN pg_class t ON t.oid = c.confrelid \
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey) \
         WHERE c.contype = 'f' AND c.conrelid = CAST($1 AS regclass)",
    )
    .bind(&name)
    .fetch_all(&mut *tx.tx)
    .await
    .map_err(store_error)?;
    Ok(table_of(name, columns, primary_key, references))
}

fn table_of(
    name: String,
    columns: Vec<(String, ColumnKind)>,
    primary_key: Vec<String>,
    references: Vec<(String, String)>,
) -> Table {
    let mut refers_to = BTreeSet::new();
    let mut self_references = Vec::new();
    for (column, target) in references {
        if target == name {
            if !self_references.contains(&column) {
                self_references.push(column);
            }
        } else {
            refers_to.insert(target);
        }
    }
    Table {
        name,
        columns,
        primary_key,
        refers_to,
        self_references,
    }
}

fn unsupported(table: &str, column: &str, declared: &str) -> StoreError {
    StoreError::Database(format!(
        "column {table}.{column} has type {declared}, which a Hamyar backup cannot carry yet \
         (only integers, text and bytes)"
    ))
}

/// Sorts tables so that every table follows the tables it refers to.
fn in_reference_order(tables: Vec<Table>) -> StoreResult<Vec<Table>> {
    let mut waiting: BTreeMap<String, Table> = tables
        .into_iter()
        .map(|table| (table.name.clone(), table))
        .collect();
    let mut ordered: Vec<Table> = Vec::with_capacity(waiting.len());
    while !waiting.is_empty() {
        let ready = waiting
            .values()
            .find(|table| {
                table
                    .refers_to
                    .iter()
                    .all(|target| !waiting.contains_key(target))
            })
            .map(|table| table.name.clone());
        let Some(name) = ready else {
            let names: Vec<&str> = waiting.keys().map(String::as_str).collect();
            return Err(StoreError::Database(format!(
                "the tables {} refer to each other in a cycle; a backup cannot order them",
                names.join(", ")
            )));
        };
        if let Some(table) = waiting.remove(&name) {
            ordered.push(table);
        }
    }
    Ok(ordered)
}

/// The last id `table`'s sequence handed out, when it has one.
pub(crate) async fn last_id(tx: &mut AnyTx, table: &Table) -> StoreResult<Option<i64>> {
    if !table.has_id() {
        return Ok(None);
    }
    match tx.backend {
        Backend::Sqlite => {
            let has_sequences: Option<String> = sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'",
            )
            .fetch_optional(&mut *tx.tx)
            .await
            .map_err(store_error)?;
            if has_sequences.is_none() {
                return Ok(None);
            }
            sqlx::query_scalar("SELECT seq FROM sqlite_sequence WHERE name = $1")
                .bind(&table.name)
                .fetch_optional(&mut *tx.tx)
                .await
                .map_err(store_error)
        }
        Backend::Postgres => {
            let Some(sequence) = postgres_sequence(tx, &table.name).await? else {
                return Ok(None);
            };
            sqlx::query_scalar("SELECT pg_sequence_last_value(CAST($1 AS regclass))")
                .bind(&sequence)
                .fetch_one(&mut *tx.tx)
                .await
                .map_err(store_error)
        }
    }
}

/// The identity sequence behind `table.id` on PostgreSQL, if any.
pub(crate) async fn postgres_sequence(tx: &mut AnyTx, table: &str) -> StoreResult<Option<String>> {
    sqlx::query_scalar("SELECT pg_get_serial_sequence($1, 'id')")
        .bind(table)
        .fetch_one(&mut *tx.tx)
        .await
        .map_err(store_error)
}

/// Reads one row's value of a column of `kind` at `index` as JSON.
pub(crate) fn value_of(
    row: &sqlx::any::AnyRow,
    index: usize,
    kind: ColumnKind,
) -> Result<serde_json::Value, sqlx::Error> {
    Ok(match kind {
        ColumnKind::Int => row
            .try_get::<Option<i64>, _>(index)?
            .map_or(serde_json::Value::Null, serde_json::Value::from),
        ColumnKind::Text => row
            .try_get::<Option<String>, _>(index)?
            .map_or(serde_json::Value::Null, serde_json::Value::from),
        ColumnKind::Bytes => row
            .try_get::<Option<Vec<u8>>, _>(index)?
            .map_or(serde_json::Value::Null, |bytes| {
                serde_json::Value::from(to_hex(&bytes))
            }),
    })
}

pub(crate) fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    text
}

pub(crate) fn from_hex(text: &str) -> Option<Vec<u8>> {
    fn digit(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            _ => None,
        }
    }
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    bytes
        .chunks_exact(2)
        .map(|pair| Some(digit(pair[0])? << 4 | digit(pair[1])?))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str, refers_to: &[&str]) -> Table {
        Table {
            name: name.into(),
            columns: vec![("id".into(), ColumnKind::Int)],
            primary_key: vec!["id".into()],
            refers_to: refers_to.iter().map(|t| (*t).to_owned()).collect(),
            self_references: Vec::new(),
        }
    }

    #[test]
    fn tables_follow_the_tables_they_refer_to() {
        let ordered = in_reference_order(vec![
            table("women", &["places", "users"]),
            table("users", &["places"]),
            table("places", &[]),
        ])
        .unwrap();
        let names: Vec<&str> = ordered.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["places", "users", "women"]);
        let cycle = in_reference_order(vec![table("a", &["b"]), table("b", &["a"])]);
        assert!(cycle.unwrap_err().to_string().contains("cycle"));
    }

    #[test]
    fn hexadecimal_bytes_round_trip_and_bad_digits_are_refused() {
        let bytes = [0u8, 1, 0x7f, 0x80, 0xff];
        assert_eq!(to_hex(&bytes), "00017f80ff");
        assert_eq!(from_hex("00017f80ff").unwrap(), bytes);
        assert!(from_hex("0").is_none());
        assert!(from_hex("zz").is_none());
        assert!(from_hex("AB").is_none());
    }

    #[test]
    fn only_plain_names_are_quoted() {
        assert_eq!(quoted("audit_log").unwrap(), "\"audit_log\"");
        assert!(quoted("x\"; DROP TABLE users; --").is_err());
        assert!(quoted("").is_err());
        assert!(quoted("1abc").is_err());
    }
}
