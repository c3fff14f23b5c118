//! The `FundRepo` port on both engines (migration 0032): a group's fund. Its book is ledger
//! accounts marked with the group (`accounts`); its cycles and their share-outs (`cycles`);
//! its meetings (`meetings`); its loans with their guarantors, schedule versions and draws
//! (`loans`); the journal by member, written many lines per statement and read back whole or
//! in pages (`journal`), with its sums per county, kind, month and day kept beside it
//! (`tally`); and the set-wise reads the savings-group metrics are computed from, group by
//! group (`reports`) or county by county (`counties`, and `tally` for the sums). Codes are stored as the domain writes them (`EntryKind::code`, …) and a
//! stored code that does not parse is `StoreError::Corrupt` naming the table. The
//! implementation below only forwards, so it doubles as a table of contents.

mod accounts;
mod counties;
mod cycles;
mod journal;
mod loans;
mod meetings;
mod reports;
pub(crate) mod tally;

use async_trait::async_trait;
use hamyar_app::ports::fund::{
    CountyKindSum, CountyLoans, CountyMembers, FundCycleId, FundCycleRow, FundEntryRow, FundGroup,
    FundLoanAtDay, FundLoanId, FundLoanRow, FundLotteryId, FundLotteryRow, FundMeetingId,
    FundMeetingRow, FundMemberSpan, FundRepo, FundShareOutRow, GroupKindSum, NewFundEntry,
    ScheduleVersion,
};
use hamyar_app::ports::groups::{GroupId, PlaceFilter};
use hamyar_app::ports::ledger::{AccountId, LedgerAccountRow, NewLedgerAccount};
use hamyar_app::ports::{StoreError, StoreResult};
use hamyar_domain::JalaliDate;
use hamyar_domain::fund::{Instalment, JournalLine};

use crate::error::{corrupt, store_error};
use crate::sql::SqlBuilder;
use crate::tx::AnyTx;

/// Adds ` AND <province> = $n` and ` AND <county> = $m` for the parts of `place` given.
fn push_place(
    sql: &mut SqlBuilder,
    province: &'static str,
    county: &'static str,
    place: PlaceFilter,
) {
    if let Some(province_id) = place.province_id {
        sql.push(" AND ")
            .push(province)
            .push(" = ")
            .push_bound(province_id);
    }
    if let Some(county_id) = place.county_id {
        sql.push(" AND ")
            .push(county)
            .push(" = ")
            .push_bound(county_id);
    }
}

/// A driver error with a violated unique constraint renamed `<table>.<what>`, `what` the
/// first of `names` that the database's own name for it (PostgreSQL's constraint, SQLite's
/// column list) contains, else `fallback`: both engines then report the same name.
fn unique_as(error: sqlx::Error, table: &str, names: &[&str], fallback: &str) -> StoreError {
    match store_error(error) {
        StoreError::Unique(raw) => {
            let what = names
                .iter()
                .find(|name| raw.contains(*name))
                .copied()
                .unwrap_or(fallback);
            StoreError::Unique(format!("{table}.{what}"))
        }
        other => other,
    }
}

/// A stored code read by the domain's parser; one that does not parse names the table.
fn parse_code<T>(
    table: &'static str,
    column: &str,
    text: &str,
    parse: fn(&str) -> Option<T>,
) -> StoreResult<T> {
    parse(text).ok_or_else(|| corrupt(table, format!("{column}: unknown code {text:?}")))
}

/// An instalment's number as stored (at least 1, at most the 24 months of a term).
fn instalment_number(table: &'static str, number: i64) -> StoreResult<u16> {
    u16::try_from(number).map_err(|_| corrupt(table, format!("number: out of range: {number}")))
}

#[async_trait]
impl FundRepo for AnyTx {
    async fn insert_fund_account(
        &mut self,
        group_id: GroupId,
        account: &NewLedgerAccount,
    ) -> StoreResult<AccountId> {
        accounts::insert(&mut self.tx, group_id, account).await
    }

    async fn fund_accounts(&mut self, group_id: GroupId) -> StoreResult<Vec<LedgerAccountRow>> {
        accounts::of_group(&mut self.tx, group_id).await
    }

    async fn insert_fund_cycle(&mut self, cycle: &FundCycleRow) -> StoreResult<FundCycleId> {
        cycles::insert(&mut self.tx, cycle).await
    }

    async fn fund_cycle(&mut self, id: FundCycleId) -> StoreResult<Option<FundCycleRow>> {
        cycles::by_id(&mut self.tx, id).await
    }

    async fn fund_cycles_of_group(&mut self, group_id: GroupId) -> StoreResult<Vec<FundCycleRow>> {
        cycles::of_group(&mut self.tx, group_id).await
    }

    async fn close_fund_cycle(&mut self, id: FundCycleId, on: JalaliDate) -> StoreResult<bool> {
        cycles::close(&mut self.tx, id, on).await
    }

    async fn insert_fund_meeting(
        &mut self,
        meeting: &FundMeetingRow,
    ) -> StoreResult<FundMeetingId> {
        meetings::insert(&mut self.tx, meeting).await
    }

    async fn fund_meeting(&mut self, id: FundMeetingId) -> StoreResult<Option<FundMeetingRow>> {
        meetings::by_id(&mut self.tx, id).await
    }

    async fn fund_meeting_by_key(&mut self, key: &str) -> StoreResult<Option<FundMeetingRow>> {
        meetings::by_key(&mut self.tx, key).await
    }

    async fn fund_meetings_of_cycle(
        &mut self,
        cycle_id: FundCycleId,
    ) -> StoreResult<Vec<FundMeetingRow>> {
        meetings::of_cycle(&mut self.tx, cycle_id).await
    }

    async fn insert_fund_loan(
        &mut self,
        loan: &FundLoanRow,
        instalments: &[Instalment],
    ) -> StoreResult<FundLoanId> {
        loans::insert(&mut self.tx, self.backend, loan, instalments).await
    }

    async fn fund_loan(&mut self, id: FundLoanId) -> StoreResult<Option<FundLoanRow>> {
        loans::by_id(&mut self.tx, id).await
    }

    async fn fund_loans_of_cycle(
        &mut self,
        cycle_id: FundCycleId,
    ) -> StoreResult<Vec<FundLoanRow>> {
        loans::of_cycle(&mut self.tx, cycle_id).await
    }

    async fn fund_schedules(&mut self, loan_id: FundLoanId) -> StoreResult<Vec<ScheduleVersion>> {
        loans::schedules(&mut self.tx, loan_id).await
    }

    async fn insert_fund_schedule(
        &mut self,
        loan_id: FundLoanId,
        version: &ScheduleVersion,
    ) -> StoreResult<()> {
        loans::insert_schedule(&mut self.tx, self.backend, loan_id, version).await
    }

    async fn close_fund_loan(
        &mut self,
        id: FundLoanId,
        state: &str,
        on: JalaliDate,
        reason: Option<&str>,
    ) -> StoreResult<bool> {
        loans::close(&mut self.tx, id, state, on, reason).await
    }

    async fn insert_fund_lottery(
        &mut self,
        lottery: &FundLotteryRow,
    ) -> StoreResult<FundLotteryId> {
        loans::insert_lottery(&mut self.tx, lottery).await
    }

    async fn fund_lotteries_of_cycle(
        &mut self,
        cycle_id: FundCycleId,
    ) -> StoreResult<Vec<FundLotteryRow>> {
        loans::lotteries_of_cycle(&mut self.tx, cycle_id).await
    }

    async fn insert_fund_share_out(&mut self, share_out: &FundShareOutRow) -> StoreResult<()> {
        cycles::insert_share_out(&mut self.tx, share_out).await
    }

    async fn fund_share_out(
        &mut self,
        cycle_id: FundCycleId,
    ) -> StoreResult<Option<FundShareOutRow>> {
        cycles::share_out(&mut self.tx, cycle_id).await
    }

    async fn insert_fund_entries(&mut self, entries: &[NewFundEntry]) -> StoreResult<()> {
        journal::insert(&mut self.tx, self.backend, entries).await?;
        tally::add_lines(&mut self.tx, self.backend, entries).await
    }

    async fn fund_journal(&mut self, group_id: GroupId) -> StoreResult<Vec<JournalLine>> {
        journal::of_group(&mut self.tx, group_id).await
    }

    async fn fund_entries_page(
        &mut self,
        place: PlaceFilter,
        to: Option<JalaliDate>,
        after_id: i64,
        limit: i64,
    ) -> StoreResult<Vec<FundEntryRow>> {
        journal::page(&mut self.tx, place, to, after_id, limit).await
    }

    async fn fund_groups(&mut self, place: PlaceFilter) -> StoreResult<Vec<FundGroup>> {
        reports::groups(&mut self.tx, place).await
    }

    async fn fund_kind_sums(
        &mut self,
        place: PlaceFilter,
        from: JalaliDate,
        to: JalaliDate,
    ) -> StoreResult<Vec<GroupKindSum>> {
        reports::kind_sums(&mut self.tx, place, from, to).await
    }

    async fn fund_member_spans(
        &mut self,
        place: PlaceFilter,
        to: JalaliDate,
    ) -> StoreResult<Vec<FundMemberSpan>> {
        reports::member_spans(&mut self.tx, place, to).await
    }

    async fn fund_loans_at(
        &mut self,
        place: PlaceFilter,
        day: JalaliDate,
    ) -> StoreResult<Vec<FundLoanAtDay>> {
        reports::loans_at(&mut self.tx, self.backend, place, day).await
    }

    async fn fund_county_kind_sums(
        &mut self,
        place: PlaceFilter,
        from: JalaliDate,
        to: JalaliDate,
    ) -> StoreResult<Vec<CountyKindSum>> {
        tally::county_sums(&mut self.tx, place, from, to).await
    }

    async fn fund_county_members(
        &mut self,
        place: PlaceFilter,
        from: JalaliDate,
        to: JalaliDate,
    ) -> StoreResult<Vec<CountyMembers>> {
        counties::members(&mut self.tx, self.backend, place, from, to).await
    }

    async fn fund_county_loans(
        &mut self,
        place: PlaceFilter,
        day: JalaliDate,
    ) -> StoreResult<Vec<CountyLoans>> {
        counties::loans(&mut self.tx, self.backend, place, day).await
    }
}
