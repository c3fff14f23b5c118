//! The `RegistryRepo` port: the registry of women heads of household. The port is one trait,
//! but its tables fall into areas that are read and changed separately, so each area has a
//! module of its own working on the transaction's connection: `women` (the record, imports
//! and search), `household` (members and the household size kept on the woman's row),
//! `history` (coverage episodes, other-body inquiries, the documents checklist),
//! `duplicates` (the queue of likely duplicates) and `programme` (pension tables and
//! settings). The implementation below only forwards, so it doubles as a table of contents.

mod duplicates;
mod history;
mod household;
mod import;
mod programme;
mod women;

use async_trait::async_trait;
use hamyar_app::access::UserId;
use hamyar_app::ports::registry::{
    DocumentRow, DuplicateFilter, DuplicateRow, EpisodeRow, FirstEpisode, ImportedIds, InquiryRow,
    MemberRow, PensionRow, RegistryRepo, WomanId, WomanRecord, WomanRow, WomanSearch,
};
use hamyar_app::ports::{Backend, StoreResult};
use jiff::Timestamp;

use crate::connect::SQLITE_IMPORT_CACHE;
use crate::error::store_error;
use crate::tx::AnyTx;

#[async_trait]
impl RegistryRepo for AnyTx {
    async fn insert_woman(
        &mut self,
        record: &WomanRecord,
        status: &str,
        at: Timestamp,
    ) -> StoreResult<WomanId> {
        women::insert(&mut self.tx, self.backend, record, status, at).await
    }

    async fn insert_women_batch(
        &mut self,
        records: &[WomanRecord],
        status: &str,
        at: Timestamp,
    ) -> StoreResult<Vec<WomanId>> {
        women::insert_batch(&mut self.tx, self.backend, records, status, at).await
    }

    async fn import_women(
        &mut self,
        records: &[WomanRecord],
        first: &FirstEpisode,
    ) -> StoreResult<ImportedIds> {
        import::import_women(&mut self.tx, self.backend, records, first).await
    }

    async fn queue_imported_duplicates(
        &mut self,
        ids: (WomanId, WomanId),
        at: Timestamp,
    ) -> StoreResult<u64> {
        import::queue_likely_duplicates(&mut self.tx, ids, at).await
    }

    async fn update_woman(
        &mut self,
        id: WomanId,
        record: &WomanRecord,
        expected_version: i64,
        at: Timestamp,
    ) -> StoreResult<bool> {
        women::update(&mut self.tx, id, record, expected_version, at).await
    }

    async fn woman_by_id(&mut self, id: WomanId) -> StoreResult<Option<WomanRow>> {
        women::by_id(&mut self.tx, id).await
    }

    async fn woman_by_national_id(&mut self, national_id: &str) -> StoreResult<Option<WomanRow>> {
        women::by_national_id(&mut self.tx, national_id).await
    }

    async fn registered_national_ids(
        &mut self,
        national_ids: &[String],
    ) -> StoreResult<Vec<String>> {
        women::registered_national_ids(&mut self.tx, self.backend, national_ids).await
    }

    async fn search_women(&mut self, search: &WomanSearch) -> StoreResult<Vec<WomanRow>> {
        women::search(&mut self.tx, search).await
    }

    async fn women_by_name_and_birth(
        &mut self,
        name_key: &str,
        birth_date: &str,
    ) -> StoreResult<Vec<WomanId>> {
        women::by_name_and_birth(&mut self.tx, name_key, birth_date).await
    }

    async fn women_by_mobile(&mut self, mobile: &str) -> StoreResult<Vec<WomanId>> {
        women::by_mobile(&mut self.tx, mobile).await
    }

    async fn set_coverage_status(
        &mut self,
        id: WomanId,
        status: &str,
        at: Timestamp,
    ) -> StoreResult<()> {
        women::set_coverage_status(&mut self.tx, id, status, at).await
    }

    async fn set_merged_into(
        &mut self,
        id: WomanId,
        survivor: WomanId,
        at: Timestamp,
    ) -> StoreResult<()> {
        women::set_merged_into(&mut self.tx, id, survivor, at).await
    }

    async fn count_women(&mut self) -> StoreResult<i64> {
        sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM women")
            .fetch_one(&mut *self.tx)
            .await
            .map_err(store_error)
    }

    async fn widen_cache_for_import(&mut self) -> StoreResult<()> {
        if self.backend != Backend::Sqlite {
            return Ok(());
        }
        sqlx::raw_sql(SQLITE_IMPORT_CACHE)
            .execute(&mut *self.tx)
            .await
            .map_err(store_error)?;
        Ok(())
    }

    async fn begin_bulk_load(&mut self) -> StoreResult<()> {
        if self.backend != Backend::Sqlite || !self.dropped_indexes.is_empty() {
            return Ok(());
        }
        // Indexes behind UNIQUE and PRIMARY KEY constraints have no SQL and stay. So does
        // coverage_episodes' (woman_id, id): an import appends episodes in that very order,
        // which costs the index almost nothing, while rebuilding it cost 0.5 s a million.
        let indexes: Vec<(String, String)> = sqlx::query_as(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' \
             AND tbl_name = 'women' AND sql IS NOT NULL",
        )
        .fetch_all(&mut *self.tx)
        .await
        .map_err(store_error)?;
        for (name, sql) in indexes {
            let drop = format!("DROP INDEX \"{}\"", name.replace('"', ""));
            sqlx::query(sqlx::AssertSqlSafe(drop))
                .execute(&mut *self.tx)
                .await
                .map_err(store_error)?;
            self.dropped_indexes.push(sql);
        }
        Ok(())
    }

    async fn finish_bulk_load(&mut self) -> StoreResult<()> {
        // The statements were read from this database's own schema, not from any input.
        let statements = std::mem::take(&mut self.dropped_indexes);
        if statements.is_empty() {
            return Ok(());
        }
        // SQLite sorts an index's keys in runs as large as the page cache, then merges them.
        // Runs of 2 MiB stay in the processor's caches and, with `threads`, are sorted by a
        // second thread while the first reads on: rebuilding the six indexes over a million
        // women took 3.3 s instead of 6.0 s with runs of 64 MiB. The connection's settings
        // are put back whether or not the rebuild succeeds, since it returns to the pool.
        sqlx::raw_sql("PRAGMA threads = 2; PRAGMA cache_size = -2048;")
            .execute(&mut *self.tx)
            .await
            .map_err(store_error)?;
        let rebuilt = rebuild_indexes(&mut self.tx, statements).await;
        let restore = format!("PRAGMA threads = 0; {SQLITE_IMPORT_CACHE};");
        let restored = sqlx::raw_sql(sqlx::AssertSqlSafe(restore))
            .execute(&mut *self.tx)
            .await
            .map_err(store_error);
        rebuilt?;
        restored?;
        // Fresh statistics after a large load, or SQLite's planner may walk a whole county
        // for a name search (measured: 3.2 s instead of 0.3 s over a million women).
        // Whole, not sampled: with `analysis_limit = 1000` SQLite estimated 1,001 women per
        // county instead of 166,667 and walked a county for a name absent from it (5.1 s
        // instead of milliseconds).
        sqlx::raw_sql("ANALYZE women;")
            .execute(&mut *self.tx)
            .await
            .map_err(store_error)?;
        Ok(())
    }

    async fn insert_member(&mut self, member: &MemberRow, at: Timestamp) -> StoreResult<i64> {
        household::insert_member(&mut self.tx, member, at).await
    }

    async fn delete_member(&mut self, woman_id: WomanId, member_id: i64) -> StoreResult<bool> {
        household::delete_member(&mut self.tx, woman_id, member_id).await
    }

    async fn members_of(&mut self, woman_id: WomanId) -> StoreResult<Vec<MemberRow>> {
        household::members_of(&mut self.tx, woman_id).await
    }

    async fn women_with_member(
        &mut self,
        national_id: &str,
        except: WomanId,
    ) -> StoreResult<Vec<WomanId>> {
        household::women_with_member(&mut self.tx, national_id, except).await
    }

    async fn move_members(&mut self, from: WomanId, to: WomanId) -> StoreResult<()> {
        household::move_members(&mut self.tx, from, to).await
    }

    async fn insert_episode(&mut self, episode: &EpisodeRow) -> StoreResult<i64> {
        history::insert_episode(&mut self.tx, episode).await
    }

    async fn episodes_of(&mut self, woman_id: WomanId) -> StoreResult<Vec<EpisodeRow>> {
        history::episodes_of(&mut self.tx, woman_id).await
    }

    async fn insert_inquiry(&mut self, inquiry: &InquiryRow) -> StoreResult<i64> {
        history::insert_inquiry(&mut self.tx, inquiry).await
    }

    async fn inquiries_of(&mut self, woman_id: WomanId) -> StoreResult<Vec<InquiryRow>> {
        history::inquiries_of(&mut self.tx, woman_id).await
    }

    async fn upsert_document(&mut self, document: &DocumentRow, at: Timestamp) -> StoreResult<()> {
        history::upsert_document(&mut self.tx, document, at).await
    }

    async fn documents_of(&mut self, woman_id: WomanId) -> StoreResult<Vec<DocumentRow>> {
        history::documents_of(&mut self.tx, woman_id).await
    }

    async fn insert_duplicate(&mut self, candidate: &DuplicateRow) -> StoreResult<()> {
        duplicates::insert(&mut self.tx, candidate).await
    }

    async fn duplicates(&mut self, filter: &DuplicateFilter) -> StoreResult<Vec<DuplicateRow>> {
        duplicates::list(&mut self.tx, filter).await
    }

    async fn duplicate_by_id(&mut self, id: i64) -> StoreResult<Option<DuplicateRow>> {
        duplicates::by_id(&mut self.tx, id).await
    }

    async fn resolve_duplicate(
        &mut self,
        id: i64,
        status: &str,
        by: Option<UserId>,
        at: Timestamp,
    ) -> StoreResult<()> {
        duplicates::resolve(&mut self.tx, id, status, by, at).await
    }

    async fn put_pension_table(&mut self, row: &PensionRow) -> StoreResult<()> {
        programme::put_pension_table(&mut self.tx, row).await
    }

    async fn pension_table(&mut self, fiscal_year: i64) -> StoreResult<Option<PensionRow>> {
        programme::pension_table(&mut self.tx, fiscal_year).await
    }

    async fn get_setting(&mut self, key: &str) -> StoreResult<Option<String>> {
        programme::get_setting(&mut self.tx, key).await
    }

    async fn put_setting(
        &mut self,
        key: &str,
        value: &str,
        by: &str,
        at: Timestamp,
    ) -> StoreResult<()> {
        programme::put_setting(&mut self.tx, key, value, by, at).await
    }
}

/// Runs the `CREATE INDEX` statements a bulk load saved from the schema.
async fn rebuild_indexes(
    conn: &mut sqlx::AnyConnection,
    statements: Vec<String>,
) -> StoreResult<()> {
    for sql in statements {
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut *conn)
            .await
            .map_err(store_error)?;
    }
    Ok(())
}
