//! The two migration sets are written by hand in two dialects; this test keeps them from
//! drifting apart. It migrates a fresh SQLite and a fresh PostgreSQL database and compares,
//! table by table, the columns each ends up with and whether each may be NULL. It is skipped
//! (with a message on stderr) when `HAMYAR_TEST_POSTGRES_URL` is not set.

use std::collections::BTreeMap;

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
