//! What happens after the letter, each step in one transaction with its audit row: the
//! bank's decision, the payout (which writes the loan into her facility history), an
//! instalment paid (the one that clears the balance settles the loan; one that clears a
//! defaulted loan's arrears brings it back to repaying), an early settlement (the balance paid
//! in one), a default, and a withdrawal (which withdraws the facility row after a payout).
//! Each is refused with a message, changing nothing, when the referral's state does not allow
//! it; the update names the state it read, so a step recorded twice at once is recorded once.

use hamyar_domain::bank_loans::events::StepInput;
use hamyar_domain::bank_loans::{
    ClosingDraft, DecisionDraft, DisbursementDraft, LoanStatus, PaymentDraft, arrears,
};
use hamyar_domain::facilities::{FacilityBody, FacilityKind, FacilitySource};
use hamyar_domain::{JalaliDate, Message, Rials};

use crate::access::{Actor, Permission};
use crate::error::{AppError, AppResult};
use crate::facilities::programme::{RECORDED, WITHDRAWN};
use crate::group_life::invalid;
use crate::ports::Tx;
use crate::ports::bank_loans::{BankLoanChange, BankLoanId, BankLoanRow, InstalmentRow};
use crate::ports::facilities::FacilityRow;
use crate::service::{App, AuditEntry, actor_name};

use super::{Repayment, bank_name_fa, instalment_snapshot, loan_in_scope, snapshot};

fn wrong_state(loan: &BankLoanRow) -> AppError {
    AppError::invalid(
        "status",
        Message::new("bank-loans-not_in_this_state").arg(
            "status",
            hamyar_domain::MessageArg::label(loan.status.label_fa(), loan.status.label_en()),
        ),
    )
}

fn changed_meanwhile() -> AppError {
    AppError::invalid("status", Message::new("bank-loans-changed_meanwhile"))
}

/// The last day anything happened to the referral.
fn last_fact(loan: &BankLoanRow, instalments: &[InstalmentRow]) -> JalaliDate {
    [
        loan.decided_on,
        loan.disbursed_on,
        instalments.last().map(|i| i.paid_on),
    ]
    .into_iter()
    .flatten()
    .fold(loan.referred_on, JalaliDate::max)
}

impl App {
    /// Opens a write transaction on a referral the actor may change.
    async fn loan_for_change(
        &self,
        actor: &Actor,
        id: BankLoanId,
    ) -> AppResult<(Box<dyn Tx>, BankLoanRow)> {
        actor.require(Permission::ProposeSpending)?;
        let mut tx = self.db.write().await?;
        let loan = loan_in_scope(tx.as_mut(), actor, id).await?;
        Ok((tx, loan))
    }

    /// Applies a change from the state read, audits it, and commits.
    async fn change_loan(
        &self,
        mut tx: Box<dyn Tx>,
        actor: &Actor,
        loan: &BankLoanRow,
        change: BankLoanChange,
        action: &str,
    ) -> AppResult<()> {
        if !tx.update_bank_loan(loan.id, loan.status, &change).await? {
            return Err(changed_meanwhile());
        }
        let after = BankLoanRow {
            status: change.status,
            decided_on: change.decided_on,
            approved_amount_rials: change.approved_amount_rials,
            decision_note: change.decision_note.clone(),
            disbursed_on: change.disbursed_on,
            disbursed_amount_rials: change.disbursed_amount_rials,
            facility_id: change.facility_id,
            closed_on: change.closed_on,
            closing_note: change.closing_note.clone(),
            updated_at: change.updated_at,
            ..loan.clone()
        };
        self.audit_loan(
            tx.as_mut(),
            actor,
            action,
            &after,
            Some(snapshot(loan)),
            snapshot(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records the bank's answer to a referral: approved (for the amount asked unless typed
    /// less) or refused.
    pub async fn record_bank_decision(
        &self,
        actor: &Actor,
        id: BankLoanId,
        input: &StepInput,
    ) -> AppResult<()> {
        let (tx, loan) = self.loan_for_change(actor, id).await?;
        if loan.status != LoanStatus::Referred {
            return Err(wrong_state(&loan));
        }
        let draft = DecisionDraft::parse(
            input,
            self.today(),
            loan.referred_on,
            Rials::new(loan.amount_rials),
        )
        .map_err(invalid)?;
        let status = if draft.approved {
            LoanStatus::Approved
        } else {
            LoanStatus::Refused
        };
        let change = BankLoanChange {
            status,
            decided_on: Some(draft.decided_on),
            approved_amount_rials: draft.approved_amount.map(Rials::value),
            decision_note: draft.note,
            closed_on: (!draft.approved).then_some(draft.decided_on),
            ..BankLoanChange::from_row(&loan, self.now())
        };
        self.change_loan(tx, actor, &loan, change, "bank_loan.decide")
            .await
    }

    /// Records the payout and writes the loan into her facility history.
    pub async fn record_bank_disbursement(
        &self,
        actor: &Actor,
        id: BankLoanId,
        input: &StepInput,
    ) -> AppResult<()> {
        let (mut tx, loan) = self.loan_for_change(actor, id).await?;
        let (LoanStatus::Approved, Some(decided_on), Some(approved)) =
            (loan.status, loan.decided_on, loan.approved_amount_rials)
        else {
            return Err(wrong_state(&loan));
        };
        let draft = DisbursementDraft::parse(input, self.today(), decided_on, Rials::new(approved))
            .map_err(invalid)?;
        let facility = FacilityRow {
            id: 0,
            woman_id: loan.woman_id,
            source: FacilitySource::Referral.code().into(),
            body: FacilityBody::Bank.code().into(),
            body_name: bank_name_fa(loan.bank, &loan.bank_name),
            kind: FacilityKind::Loan.code().into(),
            amount_rials: draft.amount.value(),
            granted_on: draft.disbursed_on,
            group_id: loan.group_id,
            group_name: None,
            grant_tranche_id: None,
            note: format!(
                "وام خوداشتغالی {}، معرفی‌نامهٔ شمارهٔ {} همیار",
                bank_name_fa(loan.bank, &loan.bank_name),
                loan.id
            ),
            withdrawn_on: None,
            recorded_by: actor.user_id,
            recorded_by_name: actor_name(tx.as_mut(), actor).await?,
            recorded_at: self.now(),
        };
        let facility_id = tx.insert_facility(&facility).await?;
        self.audit_facility(
            tx.as_mut(),
            actor,
            &loan,
            RECORDED,
            None,
            Some((facility_id, &facility)),
        )
        .await?;
        let change = BankLoanChange {
            status: LoanStatus::Disbursed,
            disbursed_on: Some(draft.disbursed_on),
            disbursed_amount_rials: Some(draft.amount.value()),
            facility_id: Some(facility_id),
            ..BankLoanChange::from_row(&loan, self.now())
        };
        self.change_loan(tx, actor, &loan, change, "bank_loan.disburse")
            .await
    }

    /// Records an instalment she paid, with its day.
    pub async fn record_bank_instalment(
        &self,
        actor: &Actor,
        id: BankLoanId,
        input: &StepInput,
    ) -> AppResult<i64> {
        let (mut tx, loan) = self.loan_for_change(actor, id).await?;
        let Some(disbursed_on) = loan
            .disbursed_on
            .filter(|_| loan.status.takes_instalments())
        else {
            return Err(wrong_state(&loan));
        };
        let instalments = tx.bank_loan_instalments(id).await?;
        let paid: i64 = instalments.iter().map(|i| i.amount_rials).sum();
        let before = Repayment::of(&loan, paid, self.today());
        let draft =
            PaymentDraft::parse(input, self.today(), disbursed_on, before.owed).map_err(invalid)?;
        let instalment_id = self
            .insert_instalment(
                tx.as_mut(),
                actor,
                &loan,
                draft.paid_on,
                draft.amount,
                draft.note,
            )
            .await?;
        let paid = Rials::new(paid + draft.amount.value());
        let status = if paid >= before.total {
            LoanStatus::Settled
        } else if loan.status == LoanStatus::Defaulted
            && arrears(&before.schedule, paid, draft.paid_on).instalments > 0
        {
            LoanStatus::Defaulted
        } else {
            LoanStatus::Repaying
        };
        let change = BankLoanChange {
            status,
            closed_on: match status {
                LoanStatus::Settled => Some(draft.paid_on),
                LoanStatus::Defaulted => loan.closed_on,
                _ => None,
            },
            ..BankLoanChange::from_row(&loan, self.now())
        };
        if change.status == loan.status {
            tx.commit().await?;
        } else {
            self.change_loan(tx, actor, &loan, change, "bank_loan.repaid")
                .await?;
        }
        Ok(instalment_id)
    }

    /// Settles a disbursed loan early: what she still owes is recorded as paid on the day.
    pub async fn settle_bank_loan(
        &self,
        actor: &Actor,
        id: BankLoanId,
        input: &StepInput,
    ) -> AppResult<()> {
        let (mut tx, loan) = self.loan_for_change(actor, id).await?;
        if !loan.status.may_become(LoanStatus::Settled) {
            return Err(wrong_state(&loan));
        }
        let instalments = tx.bank_loan_instalments(id).await?;
        let draft = ClosingDraft::parse(input, self.today(), last_fact(&loan, &instalments), false)
            .map_err(invalid)?;
        let paid: i64 = instalments.iter().map(|i| i.amount_rials).sum();
        let owed = Repayment::of(&loan, paid, draft.on).owed;
        if owed.value() > 0 {
            self.insert_instalment(
                tx.as_mut(),
                actor,
                &loan,
                draft.on,
                owed,
                draft.note.clone(),
            )
            .await?;
        }
        let change = BankLoanChange {
            status: LoanStatus::Settled,
            closed_on: Some(draft.on),
            closing_note: draft.note,
            ..BankLoanChange::from_row(&loan, self.now())
        };
        self.change_loan(tx, actor, &loan, change, "bank_loan.settle")
            .await
    }

    /// Records that the bank declared the loan in default.
    pub async fn record_bank_default(
        &self,
        actor: &Actor,
        id: BankLoanId,
        input: &StepInput,
    ) -> AppResult<()> {
        let (mut tx, loan) = self.loan_for_change(actor, id).await?;
        if !loan.status.may_become(LoanStatus::Defaulted) {
            return Err(wrong_state(&loan));
        }
        let instalments = tx.bank_loan_instalments(id).await?;
        let draft = ClosingDraft::parse(input, self.today(), last_fact(&loan, &instalments), false)
            .map_err(invalid)?;
        let change = BankLoanChange {
            status: LoanStatus::Defaulted,
            closed_on: Some(draft.on),
            closing_note: draft.note,
            ..BankLoanChange::from_row(&loan, self.now())
        };
        self.change_loan(tx, actor, &loan, change, "bank_loan.default")
            .await
    }

    /// Withdraws a referral (cancelled, or recorded in error), with a reason; after a payout
    /// its facility row is withdrawn on the same day and no longer counts.
    pub async fn withdraw_bank_loan(
        &self,
        actor: &Actor,
        id: BankLoanId,
        input: &StepInput,
    ) -> AppResult<()> {
        let (mut tx, loan) = self.loan_for_change(actor, id).await?;
        if !loan.status.may_become(LoanStatus::Withdrawn) {
            return Err(wrong_state(&loan));
        }
        let instalments = tx.bank_loan_instalments(id).await?;
        let draft = ClosingDraft::parse(input, self.today(), last_fact(&loan, &instalments), true)
            .map_err(invalid)?;
        if let Some(facility_id) = loan.facility_id {
            let rows = tx.facilities_of(loan.woman_id).await?;
            let row = rows.into_iter().find(|row| row.id == facility_id);
            if tx.withdraw_referral_facility(facility_id, draft.on).await?
                && let Some(row) = row
            {
                let after = FacilityRow {
                    withdrawn_on: Some(draft.on),
                    ..row.clone()
                };
                self.audit_facility(
                    tx.as_mut(),
                    actor,
                    &loan,
                    WITHDRAWN,
                    Some((facility_id, &row)),
                    Some((facility_id, &after)),
                )
                .await?;
            }
        }
        let change = BankLoanChange {
            status: LoanStatus::Withdrawn,
            closed_on: Some(draft.on),
            closing_note: draft.note,
            ..BankLoanChange::from_row(&loan, self.now())
        };
        self.change_loan(tx, actor, &loan, change, "bank_loan.withdraw")
            .await
    }

    async fn insert_instalment(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        loan: &BankLoanRow,
        paid_on: JalaliDate,
        amount: Rials,
        note: String,
    ) -> AppResult<i64> {
        let row = InstalmentRow {
            id: 0,
            loan_id: loan.id,
            province_id: loan.province_id,
            county_id: loan.county_id,
            paid_on,
            amount_rials: amount.value(),
            note,
            recorded_by: actor.user_id,
            recorded_by_name: actor_name(tx, actor).await?,
            recorded_at: self.now(),
        };
        let id = tx.insert_bank_loan_instalment(&row).await?;
        self.audit_loan(
            tx,
            actor,
            "bank_loan.instalment",
            loan,
            None,
            instalment_snapshot(id, &row),
        )
        .await?;
        Ok(id)
    }

    /// The audit row of her facility history's change, as the facilities code writes it
    /// (entity `woman`, her place; the referral's place is hers on the day of the letter).
    async fn audit_facility(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        loan: &BankLoanRow,
        action: &str,
        before: Option<(i64, &FacilityRow)>,
        after: Option<(i64, &FacilityRow)>,
    ) -> AppResult<()> {
        let woman = tx
            .woman_by_id(loan.woman_id)
            .await?
            .ok_or(AppError::NotFound)?;
        self.audit_in_tx(
            tx,
            AuditEntry {
                actor,
                action,
                entity_kind: "woman",
                entity_id: loan.woman_id.to_string(),
                province_id: Some(woman.record.province_id),
                county_id: Some(woman.record.county_id),
                before: before.map(|(id, row)| crate::facilities::snapshot(id, row)),
                after: after.map(|(id, row)| crate::facilities::snapshot(id, row)),
            },
        )
        .await
    }
}
