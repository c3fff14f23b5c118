//! The `BankLoansRepo` port on both engines: referrals to agent banks, their guarantors and
//! instalments (migration 0033). A referral changes state by a conditional update
//! (`… WHERE id = $1 AND status = $2`) that reports whether a row changed; a list is one query
//! over the place's referrals with the woman's name joined and what she paid summed in a
//! subquery, so a county's page is one round trip. Instalments are append-only, and the
//! refusal of the database's triggers arrives as `StoreError::AppendOnly`; withdrawing a
//! referral's facility row is the one update of the facility history made here.

use async_trait::async_trait;
use hamyar_app::ports::StoreError;
use hamyar_app::ports::StoreResult;
use hamyar_app::ports::bank_loans::{
    BankLoanChange, BankLoanId, BankLoanListRow, BankLoanQuery, BankLoanRow, BankLoansRepo,
    GuarantorRow, InstalmentRow,
};
use hamyar_app::ports::registry::WomanId;
use hamyar_domain::JalaliDate;
use hamyar_domain::bank_loans::LoanStatus;
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::{RowReader, stored};
use crate::sql::SqlBuilder;
use crate::tx::AnyTx;

/// What the triggers say when they refuse a change.
const APPEND_ONLY: &str = "is append-only";

fn loan_error(error: sqlx::Error) -> StoreError {
    if error
        .as_database_error()
        .is_some_and(|e| e.message().contains(APPEND_ONLY))
    {
        return StoreError::AppendOnly;
    }
    store_error(error)
}

const LOAN_COLUMNS: &str = "l.id, l.province_id, l.county_id, l.woman_id, l.group_id, \
     l.bank, l.bank_name, l.amount_rials, l.fee_basis_points, l.term_months, l.referred_on, \
     l.note, l.warned_facilities, l.status, l.decided_on, l.approved_amount_rials, \
     l.decision_note, l.disbursed_on, l.disbursed_amount_rials, l.facility_id, l.closed_on, \
     l.closing_note, l.created_by, l.created_by_name, l.recorded_at, l.updated_at";

const NEWEST_FIRST: &str = " ORDER BY l.referred_on DESC, l.id DESC";

fn read_loan(row: &AnyRow) -> StoreResult<BankLoanRow> {
    let r = RowReader::new(row, "bank_loans");
    Ok(BankLoanRow {
        id: r.id("id")?,
        province_id: r.id("province_id")?,
        county_id: r.id("county_id")?,
        woman_id: r.id("woman_id")?,
        group_id: r.opt_id("group_id")?,
        bank: r.code("bank")?,
        bank_name: r.text("bank_name")?,
        amount_rials: r.int("amount_rials")?,
        fee_basis_points: r.int("fee_basis_points")?,
        term_months: r.int("term_months")?,
        referred_on: r.date("referred_on")?,
        note: r.text("note")?,
        warned_facilities: r.int("warned_facilities")?,
        status: r.code("status")?,
        decided_on: r.opt_date("decided_on")?,
        approved_amount_rials: r.opt_int("approved_amount_rials")?,
        decision_note: r.text("decision_note")?,
        disbursed_on: r.opt_date("disbursed_on")?,
        disbursed_amount_rials: r.opt_int("disbursed_amount_rials")?,
        facility_id: r.opt_int("facility_id")?,
        closed_on: r.opt_date("closed_on")?,
        closing_note: r.text("closing_note")?,
        created_by: r.opt_id("created_by")?,
        created_by_name: r.text("created_by_name")?,
        recorded_at: r.timestamp("recorded_at")?,
        updated_at: r.timestamp("updated_at")?,
    })
}

fn read_guarantor(row: &AnyRow) -> StoreResult<GuarantorRow> {
    let r = RowReader::new(row, "bank_loan_guarantors");
    Ok(GuarantorRow {
        loan_id: r.id("loan_id")?,
        province_id: r.id("province_id")?,
        county_id: r.id("county_id")?,
        position: r.int("position")?,
        woman_id: r.opt_id("woman_id")?,
        name: r.text("name")?,
        national_id: r.text("national_id")?,
    })
}

fn read_instalment(row: &AnyRow) -> StoreResult<InstalmentRow> {
    let r = RowReader::new(row, "bank_loan_instalments");
    Ok(InstalmentRow {
        id: r.int("id")?,
        loan_id: r.id("loan_id")?,
        province_id: r.id("province_id")?,
        county_id: r.id("county_id")?,
        paid_on: r.date("paid_on")?,
        amount_rials: r.int("amount_rials")?,
        note: r.text("note")?,
        recorded_by: r.opt_id("recorded_by")?,
        recorded_by_name: r.text("recorded_by_name")?,
        recorded_at: r.timestamp("recorded_at")?,
    })
}

/// The conditions of a list query, after its `FROM`.
fn push_filter(sql: &mut SqlBuilder, query: &BankLoanQuery) {
    if let Some(province) = query.place.province_id {
        sql.push_equals("l.province_id", province);
    }
    if let Some(county) = query.place.county_id {
        sql.push_equals("l.county_id", county);
    }
    if !query.statuses.is_empty() {
        sql.push_condition("l.status IN (");
        for (index, status) in query.statuses.iter().enumerate() {
            if index > 0 {
                sql.push(", ");
            }
            sql.push_bound(status.code());
        }
        sql.push(")");
    }
}

fn day(date: Option<JalaliDate>) -> Option<String> {
    date.map(|day| day.to_iso_string())
}

#[async_trait]
impl BankLoansRepo for AnyTx {
    async fn insert_bank_loan(&mut self, loan: &BankLoanRow) -> StoreResult<BankLoanId> {
        sqlx::query_scalar(
            "INSERT INTO bank_loans (province_id, county_id, woman_id, group_id, bank, \
             bank_name, amount_rials, fee_basis_points, term_months, referred_on, note, \
             warned_facilities, status, decided_on, approved_amount_rials, decision_note, \
             disbursed_on, disbursed_amount_rials, facility_id, closed_on, closing_note, \
             created_by, created_by_name, recorded_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, \
             $17, $18, $19, $20, $21, $22, $23, $24, $25) RETURNING id",
        )
        .bind(loan.province_id)
        .bind(loan.county_id)
        .bind(loan.woman_id)
        .bind(loan.group_id)
        .bind(loan.bank.code())
        .bind(loan.bank_name.as_str())
        .bind(loan.amount_rials)
        .bind(loan.fee_basis_points)
        .bind(loan.term_months)
        .bind(loan.referred_on.to_iso_string())
        .bind(loan.note.as_str())
        .bind(loan.warned_facilities)
        .bind(loan.status.code())
        .bind(day(loan.decided_on))
        .bind(loan.approved_amount_rials)
        .bind(loan.decision_note.as_str())
        .bind(day(loan.disbursed_on))
        .bind(loan.disbursed_amount_rials)
        .bind(loan.facility_id)
        .bind(day(loan.closed_on))
        .bind(loan.closing_note.as_str())
        .bind(loan.created_by)
        .bind(loan.created_by_name.as_str())
        .bind(stored(loan.recorded_at))
        .bind(stored(loan.updated_at))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(loan_error)
    }

    async fn bank_loan_by_id(&mut self, id: BankLoanId) -> StoreResult<Option<BankLoanRow>> {
        let sql = format!("SELECT {LOAN_COLUMNS} FROM bank_loans l WHERE l.id = $1");
        // Only constant fragments are joined; every value is bound.
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(loan_error)?;
        row.as_ref().map(read_loan).transpose()
    }

    async fn bank_loans_of_woman(&mut self, woman_id: WomanId) -> StoreResult<Vec<BankLoanRow>> {
        let sql =
            format!("SELECT {LOAN_COLUMNS} FROM bank_loans l WHERE l.woman_id = $1{NEWEST_FIRST}");
        // Only constant fragments are joined; every value is bound.
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(woman_id)
            .fetch_all(&mut *self.tx)
            .await
            .map_err(loan_error)?;
        rows.iter().map(read_loan).collect()
    }

    async fn bank_loans_in(&mut self, query: &BankLoanQuery) -> StoreResult<Vec<BankLoanListRow>> {
        let mut sql = SqlBuilder::new("SELECT ");
        sql.push(LOAN_COLUMNS).push(
            ", w.first_name, w.last_name, CAST(COALESCE((SELECT SUM(i.amount_rials) \
             FROM bank_loan_instalments i WHERE i.loan_id = l.id), 0) AS BIGINT) AS paid_rials \
             FROM bank_loans l JOIN women w ON w.id = l.woman_id",
        );
        push_filter(&mut sql, query);
        sql.push(NEWEST_FIRST);
        sql.push_page(query.limit, query.offset);
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(loan_error)?;
        rows.iter()
            .map(|row| {
                let r = RowReader::new(row, "bank_loans");
                Ok(BankLoanListRow {
                    loan: read_loan(row)?,
                    first_name: r.text("first_name")?,
                    last_name: r.text("last_name")?,
                    paid_rials: r.int("paid_rials")?,
                })
            })
            .collect()
    }

    async fn count_bank_loans_in(&mut self, query: &BankLoanQuery) -> StoreResult<i64> {
        let mut sql = SqlBuilder::new("SELECT CAST(COUNT(*) AS BIGINT) FROM bank_loans l");
        push_filter(&mut sql, query);
        let row = sql
            .build()
            .fetch_one(&mut *self.tx)
            .await
            .map_err(loan_error)?;
        sqlx::Row::try_get(&row, 0).map_err(store_error)
    }

    async fn update_bank_loan(
        &mut self,
        id: BankLoanId,
        expected: LoanStatus,
        change: &BankLoanChange,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE bank_loans SET status = $3, decided_on = $4, approved_amount_rials = $5, \
             decision_note = $6, disbursed_on = $7, disbursed_amount_rials = $8, \
             facility_id = $9, closed_on = $10, closing_note = $11, updated_at = $12 \
             WHERE id = $1 AND status = $2",
        )
        .bind(id)
        .bind(expected.code())
        .bind(change.status.code())
        .bind(day(change.decided_on))
        .bind(change.approved_amount_rials)
        .bind(change.decision_note.as_str())
        .bind(day(change.disbursed_on))
        .bind(change.disbursed_amount_rials)
        .bind(change.facility_id)
        .bind(day(change.closed_on))
        .bind(change.closing_note.as_str())
        .bind(stored(change.updated_at))
        .execute(&mut *self.tx)
        .await
        .map_err(loan_error)?;
        Ok(done.rows_affected() == 1)
    }

    async fn insert_bank_loan_guarantor(&mut self, guarantor: &GuarantorRow) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO bank_loan_guarantors (loan_id, province_id, county_id, position, \
             woman_id, name, national_id) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(guarantor.loan_id)
        .bind(guarantor.province_id)
        .bind(guarantor.county_id)
        .bind(guarantor.position)
        .bind(guarantor.woman_id)
        .bind(guarantor.name.as_str())
        .bind(guarantor.national_id.as_str())
        .execute(&mut *self.tx)
        .await
        .map_err(loan_error)?;
        Ok(())
    }

    async fn bank_loan_guarantors(
        &mut self,
        loan_id: BankLoanId,
    ) -> StoreResult<Vec<GuarantorRow>> {
        let rows = sqlx::query(
            "SELECT loan_id, province_id, county_id, position, woman_id, name, national_id \
             FROM bank_loan_guarantors WHERE loan_id = $1 ORDER BY position",
        )
        .bind(loan_id)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(loan_error)?;
        rows.iter().map(read_guarantor).collect()
    }

    async fn insert_bank_loan_instalment(
        &mut self,
        instalment: &InstalmentRow,
    ) -> StoreResult<i64> {
        sqlx::query_scalar(
            "INSERT INTO bank_loan_instalments (loan_id, province_id, county_id, paid_on, \
             amount_rials, note, recorded_by, recorded_by_name, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(instalment.loan_id)
        .bind(instalment.province_id)
        .bind(instalment.county_id)
        .bind(instalment.paid_on.to_iso_string())
        .bind(instalment.amount_rials)
        .bind(instalment.note.as_str())
        .bind(instalment.recorded_by)
        .bind(instalment.recorded_by_name.as_str())
        .bind(stored(instalment.recorded_at))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(loan_error)
    }

    async fn bank_loan_instalments(
        &mut self,
        loan_id: BankLoanId,
    ) -> StoreResult<Vec<InstalmentRow>> {
        let rows = sqlx::query(
            "SELECT id, loan_id, province_id, county_id, paid_on, amount_rials, note, \
             recorded_by, recorded_by_name, recorded_at FROM bank_loan_instalments \
             WHERE loan_id = $1 ORDER BY paid_on, id",
        )
        .bind(loan_id)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(loan_error)?;
        rows.iter().map(read_instalment).collect()
    }

    async fn withdraw_referral_facility(
        &mut self,
        facility_id: i64,
        on: JalaliDate,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE woman_facilities SET withdrawn_on = $1 WHERE id = $2 \
             AND source = 'referral' AND withdrawn_on IS NULL",
        )
        .bind(on.to_iso_string())
        .bind(facility_id)
        .execute(&mut *self.tx)
        .await
        .map_err(loan_error)?;
        Ok(done.rows_affected() == 1)
    }
}
