//! The two migration sets are written by hand in two dialects; these tests keep them from
//! drifting apart. Each migrates a fresh SQLite and a fresh PostgreSQL database and compares
//! what they end up with: table by table, the columns and whether each may be NULL; the
//! triggers by table and name; the primary keys' columns; the indexes made with
//! `CREATE INDEX` by name, with their table, key columns in order, uniqueness and whether
//! they are partial; and the `UNIQUE` constraints by table and columns (each engine names
//! their indexes its own way). PostgreSQL's `INCLUDE` columns, which only save a lookup of
//! the row, are not key columns and are not compared. They are skipped (with a message on stderr) when
//! `HAMYAR_TEST_POSTGRES_URL` is not set.

use std::collections::{BTreeMap, BTreeSet};

use hamyar_store::testing::TestDatabase;
use sqlx::AnyPool;

/// table → column → nullable
type Schema = BTreeMap<String, BTreeMap<String, bool>>;

const SQLITE_COLUMNS: &str = "SELECT m.name AS table_name, c.name AS column_name, \
     CAST(c.\"notnull\" AS BIGINT) AS not_null \
     FROM sqlite_master AS m, pragma_table_info(m.name) AS c \
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations'";

const POSTGRES_COLUMNS: &str = "SELECT CAST(table_name AS TEXT) AS table_name, \
     CAST(column_name AS TEXT) AS column_name, \
     CAST(CASE WHEN is_nullable = 'NO' THEN 1 ELSE 0 END AS BIGINT) AS not_null \
     FROM information_schema.columns \
     WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations'";

async fn schema(pool: &AnyPool, query: &'static str) -> Schema {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(query).fetch_all(pool).await.unwrap();
    let mut schema = Schema::new();
    for (table, column, not_null) in rows {
        schema
            .entry(table)
            .or_default()
            .insert(column, not_null == 0);
    }
    schema
}

#[tokio::test]
async fn sqlite_and_postgres_migrations_create_the_same_tables_and_columns() {
    let Some(postgres) = TestDatabase::postgres().await else {
        return;
    };
    let sqlite = TestDatabase::sqlite().await;
    let sqlite_schema = schema(sqlite.store.pool(), SQLITE_COLUMNS).await;
    let postgres_schema = schema(postgres.store.pool(), POSTGRES_COLUMNS).await;
    assert!(sqlite_schema.contains_key("audit_log"), "{sqlite_schema:?}");
    assert_eq!(sqlite_schema, postgres_schema);
}

/// table → trigger names. PostgreSQL's append-only tables also have a `…_no_truncate`
/// trigger, which SQLite has no statement for; those are left out.
type Triggers = BTreeMap<String, BTreeSet<String>>;

const SQLITE_TRIGGERS: &str = "SELECT tbl_name AS table_name, name AS trigger_name \
     FROM sqlite_master WHERE type = 'trigger'";

const POSTGRES_TRIGGERS: &str = "SELECT CAST(c.relname AS TEXT) AS table_name, \
     CAST(t.tgname AS TEXT) AS trigger_name \
     FROM pg_trigger AS t \
     JOIN pg_class AS c ON c.oid = t.tgrelid \
     JOIN pg_namespace AS n ON n.oid = c.relnamespace \
     WHERE NOT t.tgisinternal AND n.nspname = 'public' \
     AND t.tgname NOT LIKE '%\\_no\\_truncate'";

async fn triggers(pool: &AnyPool, query: &'static str) -> Triggers {
    let rows: Vec<(String, String)> = sqlx::query_as(query).fetch_all(pool).await.unwrap();
    let mut triggers = Triggers::new();
    for (table, trigger) in rows {
        triggers.entry(table).or_default().insert(trigger);
    }
    triggers
}

#[tokio::test]
async fn sqlite_and_postgres_migrations_create_the_same_triggers() {
    let Some(postgres) = TestDatabase::postgres().await else {
        return;
    };
    let sqlite = TestDatabase::sqlite().await;
    let sqlite_triggers = triggers(sqlite.store.pool(), SQLITE_TRIGGERS).await;
    let postgres_triggers = triggers(postgres.store.pool(), POSTGRES_TRIGGERS).await;
    assert!(
        sqlite_triggers.contains_key("audit_log"),
        "{sqlite_triggers:?}"
    );
    assert_eq!(sqlite_triggers, postgres_triggers);
}

/// An index as both engines can describe it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct IndexShape {
    table: String,
    /// In index order; an expression is `<expression>`.
    columns: Vec<String>,
    unique: bool,
    partial: bool,
}

/// What the tests compare of a schema's indexes.
#[derive(Debug, Default, PartialEq, Eq)]
struct Indexes {
    /// Made with `CREATE INDEX`, by name.
    created: BTreeMap<String, IndexShape>,
    /// Behind `UNIQUE` constraints, whose names each engine makes up.
    unique_constraints: BTreeSet<IndexShape>,
    /// table → primary key columns, in key order.
    primary_keys: BTreeMap<String, Vec<String>>,
}

/// One row per column of an index: name, table, column, position, whether it is a key column
/// (PostgreSQL's `INCLUDE` columns are not), unique, partial and origin (`c` made by
/// `CREATE INDEX`, `u` a `UNIQUE` constraint, `pk` a primary key), the names and codes of
/// SQLite's `pragma_index_list`.
type IndexRow = (String, String, String, i64, i64, i64, i64, String);

const SQLITE_INDEXES: &str = "SELECT il.name AS index_name, m.name AS table_name, \
     COALESCE(ii.name, '<expression>') AS column_name, CAST(ii.seqno AS BIGINT) AS position, \
     CAST(1 AS BIGINT) AS is_key, CAST(il.\"unique\" AS BIGINT) AS is_unique, CAST(il.partial AS BIGINT) AS is_partial, \
     il.origin AS origin \
     FROM sqlite_master AS m, pragma_index_list(m.name) AS il, pragma_index_info(il.name) AS ii \
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations'";

/// A rowid table's `INTEGER PRIMARY KEY` has no index in SQLite, so keys are read from the
/// tables' columns.
const SQLITE_PRIMARY_KEYS: &str = "SELECT m.name AS table_name, c.name AS column_name, \
     CAST(c.pk AS BIGINT) AS position \
     FROM sqlite_master AS m, pragma_table_info(m.name) AS c \
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations' \
     AND c.pk > 0";

const POSTGRES_INDEXES: &str = "SELECT CAST(i.relname AS TEXT) AS index_name, \
     CAST(t.relname AS TEXT) AS table_name, \
     CAST(COALESCE(a.attname, '<expression>') AS TEXT) AS column_name, \
     CAST(k.position AS BIGINT) AS position, \
     CAST(CASE WHEN k.position <= x.indnkeyatts THEN 1 ELSE 0 END AS BIGINT) AS is_key, \
     CAST(CASE WHEN x.indisunique THEN 1 ELSE 0 END AS BIGINT) AS is_unique, \
     CAST(CASE WHEN x.indpred IS NULL THEN 0 ELSE 1 END AS BIGINT) AS is_partial, \
     CAST(CASE WHEN x.indisprimary THEN 'pk' \
          WHEN EXISTS (SELECT 1 FROM pg_constraint AS c WHERE c.conindid = x.indexrelid \
                       AND c.conrelid = x.indrelid AND c.contype = 'u') THEN 'u' \
          ELSE 'c' END AS TEXT) AS origin \
     FROM pg_index AS x \
     JOIN pg_class AS i ON i.oid = x.indexrelid \
     JOIN pg_class AS t ON t.oid = x.indrelid \
     JOIN pg_namespace AS n ON n.oid = t.relnamespace \
     CROSS JOIN LATERAL unnest(CAST(x.indkey AS int2[])) WITH ORDINALITY AS k(attnum, position) \
     LEFT JOIN pg_attribute AS a ON a.attrelid = t.oid AND a.attnum = k.attnum \
     WHERE n.nspname = 'public' AND t.relname <> '_sqlx_migrations'";

/// An index's rows gathered: table, (position, column)s, unique, partial and origin.
type Gathered = (String, Vec<(i64, String)>, bool, bool, String);

async fn indexes(pool: &AnyPool, query: &'static str) -> Indexes {
    let rows: Vec<IndexRow> = sqlx::query_as(query).fetch_all(pool).await.unwrap();
    let mut by_name: BTreeMap<String, Gathered> = BTreeMap::new();
    for (name, table, column, position, is_key, unique, partial, origin) in rows {
        let index = by_name
            .entry(name)
            .or_insert_with(|| (table, Vec::new(), unique != 0, partial != 0, origin));
        // SQLite has no INCLUDE: its covering indexes list as key columns what PostgreSQL
        // includes, so an index's columns are compared as one list; a key's are its key.
        if is_key != 0 || index.4 == "c" {
            index.1.push((position, column));
        }
    }
    let mut indexes = Indexes::default();
    for (name, (table, mut columns, unique, partial, origin)) in by_name {
        columns.sort();
        let shape = IndexShape {
            table,
            columns: columns.into_iter().map(|(_, column)| column).collect(),
            unique,
            partial,
        };
        match origin.as_str() {
            "c" => {
                indexes.created.insert(name, shape);
            }
            "u" => {
                indexes.unique_constraints.insert(shape);
            }
            _ => {
                indexes.primary_keys.insert(shape.table, shape.columns);
            }
        }
    }
    indexes
}

#[tokio::test]
async fn sqlite_and_postgres_migrations_create_the_same_indexes_and_keys() {
    let Some(postgres) = TestDatabase::postgres().await else {
        return;
    };
    let sqlite = TestDatabase::sqlite().await;
    let mut sqlite_indexes = indexes(sqlite.store.pool(), SQLITE_INDEXES).await;
    let keys: Vec<(String, String, i64)> = sqlx::query_as(SQLITE_PRIMARY_KEYS)
        .fetch_all(sqlite.store.pool())
        .await
        .unwrap();
    let mut primary_keys: BTreeMap<String, Vec<(i64, String)>> = BTreeMap::new();
    for (table, column, position) in keys {
        primary_keys
            .entry(table)
            .or_default()
            .push((position, column));
    }
    sqlite_indexes.primary_keys = primary_keys
        .into_iter()
        .map(|(table, mut columns)| {
            columns.sort();
            (
                table,
                columns.into_iter().map(|(_, column)| column).collect(),
            )
        })
        .collect();
    let postgres_indexes = indexes(postgres.store.pool(), POSTGRES_INDEXES).await;
    assert!(
        sqlite_indexes.primary_keys.contains_key("audit_log")
            && sqlite_indexes.created.contains_key("audit_log_at")
            && !sqlite_indexes.unique_constraints.is_empty(),
        "{sqlite_indexes:?}"
    );
    assert_eq!(sqlite_indexes.primary_keys, postgres_indexes.primary_keys);
    assert_eq!(
        sqlite_indexes.unique_constraints,
        postgres_indexes.unique_constraints
    );
    assert_same(
        "indexes",
        &sqlite_indexes.created,
        &postgres_indexes.created,
    );
}

/// Asserts that two maps are equal, naming only the entries that differ.
fn assert_same<V: std::fmt::Debug + PartialEq>(
    what: &str,
    sqlite: &BTreeMap<String, V>,
    postgres: &BTreeMap<String, V>,
) {
    let names: BTreeSet<&String> = sqlite.keys().chain(postgres.keys()).collect();
    let differing: Vec<String> = names
        .into_iter()
        .filter(|name| sqlite.get(*name) != postgres.get(*name))
        .map(|name| {
            format!(
                "{name}: SQLite {:?}, PostgreSQL {:?}",
                sqlite.get(name),
                postgres.get(name)
            )
        })
        .collect();
    assert!(
        differing.is_empty(),
        "the engines' {what} differ:\n{}",
        differing.join("\n")
    );
}
