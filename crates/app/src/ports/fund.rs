//! The `FundRepo` port: a group's fund (migration 0032) — its cycles, meetings, loans with
//! their guarantors and schedules, draws, share-outs, and the journal by member that every
//! figure of the fund is computed from. The book's accounts are ledger accounts marked with
//! the group (`fund_group_id`), written through [`FundRepo::insert_fund_account`], so the
//! programme's chart (`LedgerRepo::ledger_accounts`) never lists them and the ledger's checks
//! cover them. Dates are the day the thing happened; instants are when it was typed.

use async_trait::async_trait;
use hamyar_domain::JalaliDate;
use hamyar_domain::fund::metrics::{LoanCounts, MemberCounts};
use hamyar_domain::fund::{Allocation, EntryKind, Instalment, JournalLine, MeetingEvery};
use jiff::Timestamp;

use super::StoreResult;
use super::groups::PlaceFilter;
use super::ledger::{AccountId, LedgerAccountRow, NewLedgerAccount};
use crate::access::{PlaceId, UserId};
use crate::ids::{GroupId, LedgerTransactionId, WomanId};

pub use crate::ids::{FundCycleId, FundLoanId, FundLotteryId, FundMeetingId};

/// A cycle as stored (`id` ignored on insert).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundCycleRow {
    pub id: FundCycleId,
    pub group_id: GroupId,
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    pub number: i64,
    pub starts_on: JalaliDate,
    pub ends_on: JalaliDate,
    pub share_value_rials: i64,
    pub max_shares: i64,
    pub meeting_every: MeetingEvery,
    pub fee_basis_points: i64,
    pub loan_limit_multiple: i64,
    pub max_term_months: i64,
    pub social_rials: i64,
    pub rules: String,
    /// Set by the share-out.
    pub shared_out_on: Option<JalaliDate>,
    pub created_by: Option<UserId>,
    pub created_by_name: String,
    pub created_at: Timestamp,
}

/// A meeting as stored (`id` ignored on insert).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundMeetingRow {
    pub id: FundMeetingId,
    pub cycle_id: FundCycleId,
    pub group_id: GroupId,
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    pub number: i64,
    pub held_on: JalaliDate,
    pub cash_before_rials: i64,
    pub cash_expected_rials: i64,
    pub cash_counted_rials: i64,
    pub ledger_transaction_id: Option<LedgerTransactionId>,
    pub idempotency_key: String,
    pub note: String,
    pub recorded_by: Option<UserId>,
    pub recorded_by_name: String,
    pub recorded_at: Timestamp,
}

/// A loan as stored (`id` ignored on insert), with its guarantors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundLoanRow {
    pub id: FundLoanId,
    pub cycle_id: FundCycleId,
    pub group_id: GroupId,
    pub woman_id: WomanId,
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    pub meeting_id: FundMeetingId,
    pub disbursed_on: JalaliDate,
    pub principal_rials: i64,
    pub fee_rials: i64,
    pub term_months: i64,
    pub allocation: Allocation,
    pub lottery_id: Option<FundLotteryId>,
    /// `active`, `repaid` or `written_off`.
    pub state: String,
    pub closed_on: Option<JalaliDate>,
    pub write_off_reason: Option<String>,
    /// Woman ids, in id order.
    pub guarantors: Vec<WomanId>,
}

/// One version of a loan's schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleVersion {
    pub version: i64,
    /// From which day it is in force.
    pub effective_on: JalaliDate,
    pub reason: String,
    pub instalments: Vec<Instalment>,
}

/// A draw as stored (`id` ignored on insert).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundLotteryRow {
    pub id: FundLotteryId,
    pub cycle_id: FundCycleId,
    pub group_id: GroupId,
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    pub drawn_on: JalaliDate,
    /// The seed, as a decimal `u64`.
    pub seed: u64,
    /// Woman ids in the draw, in id order.
    pub candidates: Vec<i64>,
    pub seats: i64,
    /// Woman ids in the order drawn.
    pub winners: Vec<i64>,
    pub drawn_by: Option<UserId>,
    pub drawn_by_name: String,
    pub drawn_at: Timestamp,
}

/// A share-out as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundShareOutRow {
    pub cycle_id: FundCycleId,
    pub group_id: GroupId,
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    pub held_on: JalaliDate,
    pub distributable_rials: i64,
    pub total_shares: i64,
    pub ledger_transaction_id: Option<LedgerTransactionId>,
    pub recorded_by: Option<UserId>,
    pub recorded_by_name: String,
    pub recorded_at: Timestamp,
}

/// A journal line to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFundEntry {
    pub group_id: GroupId,
    pub cycle_id: FundCycleId,
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    pub meeting_id: Option<FundMeetingId>,
    pub loan_id: Option<FundLoanId>,
    pub woman_id: Option<WomanId>,
    pub kind: EntryKind,
    pub shares: i64,
    pub amount_rials: i64,
    pub happened_on: JalaliDate,
    pub ledger_transaction_id: Option<LedgerTransactionId>,
}

/// A journal line as stored, for the export: the line and where it belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundEntryRow {
    pub id: i64,
    pub group_id: GroupId,
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    pub meeting_id: Option<FundMeetingId>,
    pub ledger_transaction_id: Option<LedgerTransactionId>,
    pub line: JournalLine,
}

/// One group's journal sums by kind for a period (see `hamyar_domain::fund::metrics`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupKindSum {
    pub group_id: GroupId,
    pub kind: EntryKind,
    /// Sum of amounts before the period.
    pub before: i64,
    /// Sum of amounts within it.
    pub within: i64,
    /// Lines within it.
    pub count_within: i64,
}

/// A member's span in a group that has a fund.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundMemberSpan {
    pub group_id: GroupId,
    pub woman_id: WomanId,
    pub joined_on: JalaliDate,
    pub left_on: Option<JalaliDate>,
}

/// A loan given on or before a day and not settled by it, with what was paid or forgiven up
/// to that day and the schedule in force on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundLoanAtDay {
    pub loan_id: FundLoanId,
    pub group_id: GroupId,
    pub woman_id: WomanId,
    pub owed: i64,
    pub settled: i64,
    pub instalments: Vec<Instalment>,
}

/// A county's journal sums by kind for a period: the lines booked in the county (each line
/// carries the place its group was in when it was written), read from the kept tallies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountyKindSum {
    pub county_id: PlaceId,
    pub kind: EntryKind,
    pub before: i64,
    pub within: i64,
    pub count_within: i64,
}

/// A county's groups with a fund (by the group's place) and their members' counts for a
/// period, as `MemberCounts::of` would count them group by group and add them up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountyMembers {
    pub county_id: PlaceId,
    pub groups: i64,
    pub members: MemberCounts,
}

/// A county's loans still owed at a day (by the loan's place), as `LoanCounts::of` would
/// count them group by group and add them up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountyLoans {
    pub county_id: PlaceId,
    pub loans: LoanCounts,
}

/// A group with a fund, for reports: its name and place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundGroup {
    pub group_id: GroupId,
    pub name: String,
    pub province_id: PlaceId,
    pub county_id: PlaceId,
}

#[async_trait]
pub trait FundRepo {
    /// Writes an account of the group's book (its code must be free).
    async fn insert_fund_account(
        &mut self,
        group_id: GroupId,
        account: &NewLedgerAccount,
    ) -> StoreResult<AccountId>;
    /// The group's book, ordered by code.
    async fn fund_accounts(&mut self, group_id: GroupId) -> StoreResult<Vec<LedgerAccountRow>>;

    /// `StoreError::Unique` when the group already has an open cycle or the number is taken.
    async fn insert_fund_cycle(&mut self, cycle: &FundCycleRow) -> StoreResult<FundCycleId>;
    async fn fund_cycle(&mut self, id: FundCycleId) -> StoreResult<Option<FundCycleRow>>;
    /// The group's cycles, oldest first.
    async fn fund_cycles_of_group(&mut self, group_id: GroupId) -> StoreResult<Vec<FundCycleRow>>;
    /// Marks an open cycle shared out; false when it was not open.
    async fn close_fund_cycle(&mut self, id: FundCycleId, on: JalaliDate) -> StoreResult<bool>;

    /// `StoreError::Unique` for a used key, number or day in the cycle.
    async fn insert_fund_meeting(&mut self, meeting: &FundMeetingRow)
    -> StoreResult<FundMeetingId>;
    async fn fund_meeting(&mut self, id: FundMeetingId) -> StoreResult<Option<FundMeetingRow>>;
    async fn fund_meeting_by_key(&mut self, key: &str) -> StoreResult<Option<FundMeetingRow>>;
    /// The cycle's meetings, in order.
    async fn fund_meetings_of_cycle(
        &mut self,
        cycle_id: FundCycleId,
    ) -> StoreResult<Vec<FundMeetingRow>>;

    /// Writes the loan, its guarantors and its first schedule (version 1, in force from the
    /// day it was given).
    async fn insert_fund_loan(
        &mut self,
        loan: &FundLoanRow,
        instalments: &[Instalment],
    ) -> StoreResult<FundLoanId>;
    async fn fund_loan(&mut self, id: FundLoanId) -> StoreResult<Option<FundLoanRow>>;
    /// The cycle's loans, in id order.
    async fn fund_loans_of_cycle(&mut self, cycle_id: FundCycleId)
    -> StoreResult<Vec<FundLoanRow>>;
    /// Every version of the loan's schedule, oldest first.
    async fn fund_schedules(&mut self, loan_id: FundLoanId) -> StoreResult<Vec<ScheduleVersion>>;
    /// Writes the next version of the schedule.
    async fn insert_fund_schedule(
        &mut self,
        loan_id: FundLoanId,
        version: &ScheduleVersion,
    ) -> StoreResult<()>;
    /// Closes an active loan as `repaid` or `written_off`; false when it was not active.
    async fn close_fund_loan(
        &mut self,
        id: FundLoanId,
        state: &str,
        on: JalaliDate,
        reason: Option<&str>,
    ) -> StoreResult<bool>;

    async fn insert_fund_lottery(&mut self, lottery: &FundLotteryRow)
    -> StoreResult<FundLotteryId>;
    /// The cycle's draws, oldest first.
    async fn fund_lotteries_of_cycle(
        &mut self,
        cycle_id: FundCycleId,
    ) -> StoreResult<Vec<FundLotteryRow>>;

    async fn insert_fund_share_out(&mut self, share_out: &FundShareOutRow) -> StoreResult<()>;
    async fn fund_share_out(
        &mut self,
        cycle_id: FundCycleId,
    ) -> StoreResult<Option<FundShareOutRow>>;

    async fn insert_fund_entries(&mut self, entries: &[NewFundEntry]) -> StoreResult<()>;
    /// The group's journal, every cycle, in the order written.
    async fn fund_journal(&mut self, group_id: GroupId) -> StoreResult<Vec<JournalLine>>;
    /// A page of the journal in a place (lines with id above `after_id`, at most `limit`), in
    /// id order, lines on days up to `to` only when given.
    async fn fund_entries_page(
        &mut self,
        place: PlaceFilter,
        to: Option<JalaliDate>,
        after_id: i64,
        limit: i64,
    ) -> StoreResult<Vec<FundEntryRow>>;

    /// The groups with a fund in a place, by id.
    async fn fund_groups(&mut self, place: PlaceFilter) -> StoreResult<Vec<FundGroup>>;
    /// Journal sums by group and kind for the period `from..=to`, lines after `to` left out.
    async fn fund_kind_sums(
        &mut self,
        place: PlaceFilter,
        from: JalaliDate,
        to: JalaliDate,
    ) -> StoreResult<Vec<GroupKindSum>>;
    /// The members of the groups with a fund in a place who joined on or before `to`.
    async fn fund_member_spans(
        &mut self,
        place: PlaceFilter,
        to: JalaliDate,
    ) -> StoreResult<Vec<FundMemberSpan>>;
    /// Loans given on or before `day` and not settled by it (repayments and write-offs up to
    /// `day`), with the schedule in force on `day`.
    async fn fund_loans_at(
        &mut self,
        place: PlaceFilter,
        day: JalaliDate,
    ) -> StoreResult<Vec<FundLoanAtDay>>;

    /// [`CountyKindSum`]s of the counties of a place for `from..=to`: whole Jalali months
    /// from the kept monthly tally, the days of a month the period cuts from the daily one.
    async fn fund_county_kind_sums(
        &mut self,
        place: PlaceFilter,
        from: JalaliDate,
        to: JalaliDate,
    ) -> StoreResult<Vec<CountyKindSum>>;
    /// [`CountyMembers`] of the counties of a place for `from..=to`.
    async fn fund_county_members(
        &mut self,
        place: PlaceFilter,
        from: JalaliDate,
        to: JalaliDate,
    ) -> StoreResult<Vec<CountyMembers>>;
    /// [`CountyLoans`] of the counties of a place at the end of `day`.
    async fn fund_county_loans(
        &mut self,
        place: PlaceFilter,
        day: JalaliDate,
    ) -> StoreResult<Vec<CountyLoans>>;
}
