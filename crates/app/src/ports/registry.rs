//! Storage ports of the registry of women heads of household: the woman's record, her
//! household, her coverage history, other-body inquiries, the documents checklist, the queue
//! of likely duplicates, the yearly pension table and programme settings (eligibility rules).
//!
//! Rows carry plain text and integers; the application turns them into domain types. Names are
//! stored as entered, with folded search keys beside them (`hamyar_domain::search_key`), so
//! that search ignores Arabic/Persian letter forms, ZWNJ and spacing. Every row carries the
//! province and county it belongs to, for scoping and, later, distribution by province.

use async_trait::async_trait;
use hamyar_domain::JalaliDate;
use hamyar_domain::registry::{CoverageStatus, ExitReason};
use jiff::Timestamp;

use crate::access::{PlaceId, UserId};
use crate::ports::StoreResult;

pub use crate::ids::WomanId;

/// The woman's record as stored. Codes (`settlement`, `education`, `headship_cause`,
/// `coverage_status`) are the stable snake_case codes of `hamyar_domain::registry`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WomanRecord {
    pub national_id: String,
    pub first_name: String,
    pub last_name: String,
    pub father_name: Option<String>,
    /// Gregorian ISO date.
    pub birth_date: String,
    pub mobile: Option<String>,
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    pub locality: String,
    pub settlement: String,
    pub address: String,
    pub education: Option<String>,
    pub skills: String,
    pub sheba: Option<String>,
    pub headship_cause: String,
    pub income_decile: Option<i64>,
    pub notes: String,
    pub social_worker_id: Option<UserId>,
    /// `search_key(first + " " + last)`.
    pub name_key: String,
    /// `persian_order(search_key(last + " " + first))`: the key lists sort by, spelled so
    /// that byte order is Persian alphabetical order (a last-name prefix is searched on it,
    /// respelled the same way).
    pub name_key_reversed: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WomanRow {
    pub id: WomanId,
    pub record: WomanRecord,
    /// Derived from the latest coverage episode (kept in the row for filtering lists).
    pub coverage_status: String,
    /// The woman and her household members.
    pub household_size: i64,
    /// When this record was merged into another, the survivor's id (hidden from search).
    pub merged_into: Option<WomanId>,
    /// Incremented at every update; updates name the version they read (optimistic lock).
    pub version: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// How a list of women is narrowed, sorted and paged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WomanSearch {
    pub province_id: Option<PlaceId>,
    pub county_id: Option<PlaceId>,
    pub national_id: Option<String>,
    pub mobile: Option<String>,
    /// A folded name prefix, matched against first+last and last+first keys.
    pub name_prefix: Option<String>,
    pub headship_cause: Option<String>,
    pub coverage_status: Option<String>,
    /// Women whose membership of this group is open (they have not left it).
    pub group_id: Option<crate::ids::GroupId>,
    pub sort: WomanSort,
    pub limit: i64,
    pub offset: i64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum WomanSort {
    /// By last name then first name, in Persian alphabetical order (`name_key_reversed`).
    #[default]
    Name,
    /// Newest registrations first.
    Newest,
    BirthDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRow {
    pub id: i64,
    pub woman_id: WomanId,
    pub first_name: String,
    pub last_name: Option<String>,
    pub relation: String,
    pub birth_date: Option<String>,
    pub national_id: Option<String>,
    pub disability: bool,
    pub activity: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpisodeRow {
    pub id: i64,
    pub woman_id: WomanId,
    pub status: CoverageStatus,
    pub exit_reason: Option<ExitReason>,
    /// Gregorian ISO date from which the status holds.
    pub started_on: JalaliDate,
    pub decided_by: Option<UserId>,
    pub decided_by_name: String,
    pub reason: String,
    pub recorded_at: Timestamp,
}

/// The first coverage episode every record of an import starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstEpisode {
    pub status: CoverageStatus,
    /// Gregorian ISO date.
    pub started_on: JalaliDate,
    pub decided_by: Option<UserId>,
    pub decided_by_name: String,
    pub reason: String,
    /// When the records and episodes were written.
    pub at: Timestamp,
}

/// What one batch of an import was given: the lowest and highest new id and how many rows.
/// On PostgreSQL, records registered concurrently may hold ids inside the range.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportedIds {
    pub first: WomanId,
    pub last: WomanId,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InquiryRow {
    pub id: i64,
    pub woman_id: WomanId,
    pub body: String,
    pub inquired_on: JalaliDate,
    pub result: String,
    pub notes: String,
    pub recorded_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRow {
    pub woman_id: WomanId,
    pub kind: String,
    /// Gregorian ISO date the document was received; None = still missing.
    pub received_on: Option<JalaliDate>,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateRow {
    pub id: i64,
    /// The record that was being entered or imported.
    pub woman_id: WomanId,
    /// The record it resembles.
    pub other_id: WomanId,
    /// `same_name_birth`, `same_mobile` or `member_national_id`.
    pub reason: String,
    /// `open`, `merged` or `dismissed`.
    pub status: String,
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    pub detected_at: Timestamp,
    pub resolved_by: Option<UserId>,
    pub resolved_at: Option<Timestamp>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DuplicateFilter {
    pub province_id: Option<PlaceId>,
    pub county_id: Option<PlaceId>,
    pub status: Option<String>,
    pub woman_id: Option<WomanId>,
    pub limit: i64,
    pub offset: i64,
}

/// Monthly pension amounts per household-size tier (1…5+) for one fiscal year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PensionRow {
    pub fiscal_year: i64,
    pub tier_rials: [i64; 5],
    pub updated_at: Timestamp,
    pub updated_by: String,
}

#[async_trait]
pub trait RegistryRepo {
    /// Fails with `Unique("women.national_id")` when the national ID is registered.
    async fn insert_woman(
        &mut self,
        record: &WomanRecord,
        status: &str,
        at: Timestamp,
    ) -> StoreResult<WomanId>;
    /// Inserts many records in as few statements as possible (imports); all or nothing
    /// within the surrounding transaction. Returns the new ids in input order.
    async fn insert_women_batch(
        &mut self,
        records: &[WomanRecord],
        status: &str,
        at: Timestamp,
    ) -> StoreResult<Vec<WomanId>>;
    /// Inserts imported records, in their order, each with the same first coverage episode
    /// (`first`, naming the importer); all or nothing within the surrounding transaction.
    async fn import_women(
        &mut self,
        records: &[WomanRecord],
        first: &FirstEpisode,
    ) -> StoreResult<ImportedIds>;
    /// Queues the likely duplicates (same folded name and birth date, same mobile) of the live
    /// records whose ids lie in `ids` (inclusive), each paired with the earliest older live
    /// record alike; returns how many pairs were newly queued.
    async fn queue_imported_duplicates(
        &mut self,
        ids: (WomanId, WomanId),
        at: Timestamp,
    ) -> StoreResult<u64>;
    /// Replaces the record's fields if its version is still `expected_version`; returns
    /// false (and changes nothing) when someone else updated it first.
    async fn update_woman(
        &mut self,
        id: WomanId,
        record: &WomanRecord,
        expected_version: i64,
        at: Timestamp,
    ) -> StoreResult<bool>;
    async fn woman_by_id(&mut self, id: WomanId) -> StoreResult<Option<WomanRow>>;
    async fn woman_by_national_id(&mut self, national_id: &str) -> StoreResult<Option<WomanRow>>;
    /// Which of these national IDs are registered already (imports check in bulk).
    async fn registered_national_ids(
        &mut self,
        national_ids: &[String],
    ) -> StoreResult<Vec<String>>;
    /// One page (at most `limit`) of women not merged away, filtered and sorted.
    async fn search_women(&mut self, search: &WomanSearch) -> StoreResult<Vec<WomanRow>>;
    /// Women (not merged away) with exactly this folded name and birth date.
    async fn women_by_name_and_birth(
        &mut self,
        name_key: &str,
        birth_date: &str,
    ) -> StoreResult<Vec<WomanId>>;
    async fn women_by_mobile(&mut self, mobile: &str) -> StoreResult<Vec<WomanId>>;
    /// How many records the women table holds (merged ones included).
    async fn count_women(&mut self) -> StoreResult<i64>;
    /// Prepares this transaction for loading many women at once: on SQLite the secondary
    /// indexes of `women` are dropped (their definitions kept) so
    /// rows go in without maintaining them; on PostgreSQL nothing changes. Call
    /// [`RegistryRepo::finish_bulk_load`] before committing; a rollback restores the indexes.
    async fn begin_bulk_load(&mut self) -> StoreResult<()>;
    /// Gives this transaction's connection a page cache large enough for an import (SQLite;
    /// nothing on PostgreSQL). The connection gets the pool's own back when it is released.
    async fn widen_cache_for_import(&mut self) -> StoreResult<()>;
    /// Recreates what `begin_bulk_load` dropped.
    async fn finish_bulk_load(&mut self) -> StoreResult<()>;
    async fn set_coverage_status(
        &mut self,
        id: WomanId,
        status: &str,
        at: Timestamp,
    ) -> StoreResult<()>;
    async fn set_merged_into(
        &mut self,
        id: WomanId,
        survivor: WomanId,
        at: Timestamp,
    ) -> StoreResult<()>;

    /// Adds a household member and updates the woman's household size.
    async fn insert_member(&mut self, member: &MemberRow, at: Timestamp) -> StoreResult<i64>;
    async fn delete_member(&mut self, woman_id: WomanId, member_id: i64) -> StoreResult<bool>;
    async fn members_of(&mut self, woman_id: WomanId) -> StoreResult<Vec<MemberRow>>;
    /// Women (other than `except`) who have a household member with this national ID.
    async fn women_with_member(
        &mut self,
        national_id: &str,
        except: WomanId,
    ) -> StoreResult<Vec<WomanId>>;
    /// Moves every member of `from` to `to` (merges).
    async fn move_members(&mut self, from: WomanId, to: WomanId) -> StoreResult<()>;

    async fn insert_episode(&mut self, episode: &EpisodeRow) -> StoreResult<i64>;
    /// Oldest first.
    async fn episodes_of(&mut self, woman_id: WomanId) -> StoreResult<Vec<EpisodeRow>>;
    async fn insert_inquiry(&mut self, inquiry: &InquiryRow) -> StoreResult<i64>;
    async fn inquiries_of(&mut self, woman_id: WomanId) -> StoreResult<Vec<InquiryRow>>;
    /// Inserts or replaces the checklist entry of one document kind.
    async fn upsert_document(&mut self, document: &DocumentRow, at: Timestamp) -> StoreResult<()>;
    async fn documents_of(&mut self, woman_id: WomanId) -> StoreResult<Vec<DocumentRow>>;

    /// Queues a candidate pair; a pair already queued for the same reason is left alone.
    async fn insert_duplicate(&mut self, candidate: &DuplicateRow) -> StoreResult<()>;
    async fn duplicates(&mut self, filter: &DuplicateFilter) -> StoreResult<Vec<DuplicateRow>>;
    async fn duplicate_by_id(&mut self, id: i64) -> StoreResult<Option<DuplicateRow>>;
    async fn resolve_duplicate(
        &mut self,
        id: i64,
        status: &str,
        by: Option<UserId>,
        at: Timestamp,
    ) -> StoreResult<()>;

    async fn put_pension_table(&mut self, row: &PensionRow) -> StoreResult<()>;
    async fn pension_table(&mut self, fiscal_year: i64) -> StoreResult<Option<PensionRow>>;
    async fn get_setting(&mut self, key: &str) -> StoreResult<Option<String>>;
    async fn put_setting(
        &mut self,
        key: &str,
        value: &str,
        by: &str,
        at: Timestamp,
    ) -> StoreResult<()>;
}
