//! The `MoneyReportsRepo` port: the programme's money per recipient for a fiscal year — what
//! was committed (approved, paid or not) and paid to or for each group and each woman, from
//! payments linked to them and grants made to them. These sums are read from the spending and
//! grant records, whose status moves in the same database transaction as their ledger
//! postings; the budget report itself reads the ledger.

use async_trait::async_trait;

use super::StoreResult;
use crate::access::PlaceId;

/// Which recipients: one fiscal year of one province, optionally one county.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecipientMoneyFilter {
    pub fiscal_year: i32,
    pub province_id: PlaceId,
    pub county_id: Option<PlaceId>,
}

/// One group's or one woman's money in the year. A payment linked to several recipients of
/// a kind is shared equally among them (the remainder one rial each to the lowest ids), so
/// the rows add up to the payments once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientMoneyRow {
    /// The group's or the woman's id.
    pub recipient_id: i64,
    /// The group's code, or the woman's national ID.
    pub code: String,
    /// The group's name, or the woman's first and last name.
    pub name: String,
    pub county_id: PlaceId,
    pub payments_committed_rials: i64,
    pub payments_paid_rials: i64,
    pub grants_committed_rials: i64,
    pub grants_paid_rials: i64,
}

#[async_trait]
pub trait MoneyReportsRepo {
    /// Groups with any committed payment or grant in the year, ordered by code.
    async fn money_by_group(
        &mut self,
        filter: RecipientMoneyFilter,
    ) -> StoreResult<Vec<RecipientMoneyRow>>;
    /// Women with any committed payment linked to them or grant made to them in the year,
    /// ordered by last and first name.
    async fn money_by_woman(
        &mut self,
        filter: RecipientMoneyFilter,
    ) -> StoreResult<Vec<RecipientMoneyRow>>;
}
