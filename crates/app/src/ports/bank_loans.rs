//! The `BankLoansRepo` port: a woman's referrals to agent banks, their guarantors and the
//! instalments she paid (migration 0033). Coded values travel as the domain's enums, days as
//! `JalaliDate`, money as integer rials. A referral moves from state to state only by an
//! update that names the state the caller read ([`BankLoansRepo::update_bank_loan`]), so two
//! people recording the bank's answer at once cannot both win. Instalments are append-only
//! (the database refuses to change or delete one).
//!
//! The loan's row in the woman's facility history is written through `FacilitiesRepo`; the
//! one change this port makes to that history is withdrawing a referral's row
//! ([`BankLoansRepo::withdraw_referral_facility`]), which the database allows once.

use async_trait::async_trait;
use hamyar_domain::JalaliDate;
use hamyar_domain::bank_loans::{AgentBank, LoanStatus};
use jiff::Timestamp;

use super::StoreResult;
use super::groups::PlaceFilter;
use crate::access::{PlaceId, UserId};
use crate::ids::{GroupId, WomanId};

pub use crate::ids::BankLoanId;

/// A referral as stored (`id` is ignored on insert).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankLoanRow {
    pub id: BankLoanId,
    /// The woman's place on the day of the letter.
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    pub woman_id: WomanId,
    /// The group she was referred with, when the group was referred.
    pub group_id: Option<GroupId>,
    pub bank: AgentBank,
    pub bank_name: String,
    pub amount_rials: i64,
    pub fee_basis_points: i64,
    pub term_months: i64,
    pub referred_on: JalaliDate,
    pub note: String,
    /// How many earlier facilities the double-support warning named when she was referred
    /// (0: there was no warning).
    pub warned_facilities: i64,
    pub status: LoanStatus,
    pub decided_on: Option<JalaliDate>,
    pub approved_amount_rials: Option<i64>,
    pub decision_note: String,
    pub disbursed_on: Option<JalaliDate>,
    pub disbursed_amount_rials: Option<i64>,
    /// Her facility history's row of the loan, from the disbursement.
    pub facility_id: Option<i64>,
    /// The day of a refusal, default, settlement or withdrawal.
    pub closed_on: Option<JalaliDate>,
    pub closing_note: String,
    pub created_by: Option<UserId>,
    pub created_by_name: String,
    pub recorded_at: Timestamp,
    pub updated_at: Timestamp,
}

/// What a step changes in a referral: every field that may change, as it is to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankLoanChange {
    pub status: LoanStatus,
    pub decided_on: Option<JalaliDate>,
    pub approved_amount_rials: Option<i64>,
    pub decision_note: String,
    pub disbursed_on: Option<JalaliDate>,
    pub disbursed_amount_rials: Option<i64>,
    pub facility_id: Option<i64>,
    pub closed_on: Option<JalaliDate>,
    pub closing_note: String,
    pub updated_at: Timestamp,
}

impl BankLoanChange {
    /// The referral's changeable fields as they are now, to be edited.
    pub fn from_row(row: &BankLoanRow, updated_at: Timestamp) -> BankLoanChange {
        BankLoanChange {
            status: row.status,
            decided_on: row.decided_on,
            approved_amount_rials: row.approved_amount_rials,
            decision_note: row.decision_note.clone(),
            disbursed_on: row.disbursed_on,
            disbursed_amount_rials: row.disbursed_amount_rials,
            facility_id: row.facility_id,
            closed_on: row.closed_on,
            closing_note: row.closing_note.clone(),
            updated_at,
        }
    }
}

/// A guarantor as stored: her name and national id as the letter gave them (copied from the
/// registry when she is a woman of it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuarantorRow {
    pub loan_id: BankLoanId,
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    /// 1–3, the order on the letter.
    pub position: i64,
    pub woman_id: Option<WomanId>,
    pub name: String,
    pub national_id: String,
}

/// An instalment as paid (`id` is ignored on insert).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstalmentRow {
    pub id: i64,
    pub loan_id: BankLoanId,
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    pub paid_on: JalaliDate,
    pub amount_rials: i64,
    pub note: String,
    pub recorded_by: Option<UserId>,
    pub recorded_by_name: String,
    pub recorded_at: Timestamp,
}

/// Which referrals a list shows: those of a place, optionally in some states, newest letter
/// first, a page at a time.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BankLoanQuery {
    pub place: PlaceFilter,
    /// None listed: every state.
    pub statuses: Vec<LoanStatus>,
    /// 0: all.
    pub limit: i64,
    pub offset: i64,
}

/// A referral as a list shows it: the row, her name and what she has paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankLoanListRow {
    pub loan: BankLoanRow,
    pub first_name: String,
    pub last_name: String,
    pub paid_rials: i64,
}

#[async_trait]
pub trait BankLoansRepo {
    async fn insert_bank_loan(&mut self, loan: &BankLoanRow) -> StoreResult<BankLoanId>;
    async fn bank_loan_by_id(&mut self, id: BankLoanId) -> StoreResult<Option<BankLoanRow>>;
    /// A woman's referrals, the newest letter first.
    async fn bank_loans_of_woman(&mut self, woman_id: WomanId) -> StoreResult<Vec<BankLoanRow>>;
    /// A page of a place's referrals, the newest letter first (then the newest id).
    async fn bank_loans_in(&mut self, query: &BankLoanQuery) -> StoreResult<Vec<BankLoanListRow>>;
    async fn count_bank_loans_in(&mut self, query: &BankLoanQuery) -> StoreResult<i64>;
    /// Changes the referral only while its state is `expected`; false otherwise.
    async fn update_bank_loan(
        &mut self,
        id: BankLoanId,
        expected: LoanStatus,
        change: &BankLoanChange,
    ) -> StoreResult<bool>;

    /// Fails with a unique violation when the position is taken.
    async fn insert_bank_loan_guarantor(&mut self, guarantor: &GuarantorRow) -> StoreResult<()>;
    /// A referral's guarantors by position.
    async fn bank_loan_guarantors(&mut self, loan_id: BankLoanId)
    -> StoreResult<Vec<GuarantorRow>>;

    async fn insert_bank_loan_instalment(&mut self, instalment: &InstalmentRow)
    -> StoreResult<i64>;
    /// A referral's instalments in the order they were paid.
    async fn bank_loan_instalments(
        &mut self,
        loan_id: BankLoanId,
    ) -> StoreResult<Vec<InstalmentRow>>;

    /// Marks a referral's facility row withdrawn on `on` if it is not yet; returns whether it
    /// changed. Rows of other sources are never touched.
    async fn withdraw_referral_facility(
        &mut self,
        facility_id: i64,
        on: JalaliDate,
    ) -> StoreResult<bool>;
}
