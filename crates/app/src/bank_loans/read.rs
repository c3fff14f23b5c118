//! Reading referrals: a referral's page (with her name, the guarantors, the instalments paid
//! and the schedule with its arrears), a place's list with each referral's arrears, and a
//! woman's referrals for her file. A referral names a woman and what she owes, so an opening
//! of its page is audited (`bank_loan.view`, naming her as subject) and so is each page of the
//! list (`bank_loan.view_list`, naming every woman shown); her own file's list is part of the
//! file's audited opening.

use hamyar_domain::bank_loans::LoanStatus;
use serde_json::json;

use crate::access::Actor;
use crate::audit::shown::women_subjects;
use crate::error::{AppError, AppResult};
use crate::group_life::place_of;
use crate::ports::bank_loans::{
    BankLoanId, BankLoanListRow, BankLoanQuery, BankLoanRow, GuarantorRow, InstalmentRow,
};
use crate::ports::registry::WomanId;
use crate::registry::woman_in_scope;
use crate::service::{App, AuditEntry};

use super::{PAGE_SIZE, Repayment, loan_in_scope, require_read};

/// A referral with everything its page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankLoanView {
    pub loan: BankLoanRow,
    pub first_name: String,
    pub last_name: String,
    pub guarantors: Vec<GuarantorRow>,
    pub instalments: Vec<InstalmentRow>,
    pub repayment: Repayment,
}

/// A referral as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankLoanLine {
    pub row: BankLoanListRow,
    pub repayment: Repayment,
}

/// A woman's referrals, for her file and the referral form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WomanLoans {
    pub first_name: String,
    pub last_name: String,
    /// Newest letter first, each with what it comes to.
    pub loans: Vec<(BankLoanRow, Repayment)>,
}

/// A page of a place's referrals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankLoanPage {
    pub lines: Vec<BankLoanLine>,
    pub total: i64,
    pub page: i64,
}

impl App {
    /// A referral's page; `opening` records the showing (false when drawing it again after a
    /// refused form).
    pub async fn bank_loan(
        &self,
        actor: &Actor,
        id: BankLoanId,
        opening: bool,
    ) -> AppResult<BankLoanView> {
        require_read(actor)?;
        let mut tx = if opening {
            self.db.write().await?
        } else {
            self.db.read().await?
        };
        let loan = loan_in_scope(tx.as_mut(), actor, id).await?;
        let woman = tx
            .woman_by_id(loan.woman_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let guarantors = tx.bank_loan_guarantors(id).await?;
        let instalments = tx.bank_loan_instalments(id).await?;
        let paid = instalments.iter().map(|i| i.amount_rials).sum();
        if opening {
            self.audit_with_subjects_in_tx(
                tx.as_mut(),
                AuditEntry {
                    actor,
                    action: "bank_loan.view",
                    entity_kind: "bank_loan",
                    entity_id: id.to_string(),
                    province_id: Some(loan.province_id),
                    county_id: Some(loan.county_id),
                    before: None,
                    after: Some(json!({"woman_id": loan.woman_id})),
                },
                women_subjects([(loan.woman_id, loan.province_id, loan.county_id)]),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(BankLoanView {
            repayment: Repayment::of(&loan, paid, self.today()),
            loan,
            first_name: woman.record.first_name,
            last_name: woman.record.last_name,
            guarantors,
            instalments,
        })
    }

    /// A page (from 1) of the referrals of the actor's place, in the given states (none:
    /// all), the newest letter first.
    pub async fn bank_loans(
        &self,
        actor: &Actor,
        statuses: &[LoanStatus],
        page: i64,
    ) -> AppResult<BankLoanPage> {
        require_read(actor)?;
        let page = page.max(1);
        let query = BankLoanQuery {
            place: place_of(actor),
            statuses: statuses.to_vec(),
            limit: PAGE_SIZE,
            offset: (page - 1).saturating_mul(PAGE_SIZE),
        };
        let mut tx = self.db.write().await?;
        let rows = tx.bank_loans_in(&query).await?;
        let total = tx.count_bank_loans_in(&query).await?;
        if !rows.is_empty() {
            let ids: Vec<_> = rows.iter().map(|r| r.loan.id).collect();
            self.audit_with_subjects_in_tx(
                tx.as_mut(),
                AuditEntry {
                    actor,
                    action: "bank_loan.view_list",
                    entity_kind: "bank_loan",
                    entity_id: String::new(),
                    province_id: actor.scope.province(),
                    county_id: actor.scope.county(),
                    before: None,
                    after: Some(json!({
                        "bank_loans": ids,
                        "page": page,
                        "statuses": statuses.iter().map(|s| s.code()).collect::<Vec<_>>(),
                    })),
                },
                women_subjects(
                    rows.iter()
                        .map(|r| (r.loan.woman_id, r.loan.province_id, r.loan.county_id)),
                ),
            )
            .await?;
        }
        tx.commit().await?;
        let today = self.today();
        let lines = rows
            .into_iter()
            .map(|row| BankLoanLine {
                repayment: Repayment::of(&row.loan, row.paid_rials, today),
                row,
            })
            .collect();
        Ok(BankLoanPage { lines, total, page })
    }

    /// A woman's referrals with what each comes to, for her file (whose opening is audited).
    pub async fn bank_loans_of_woman(
        &self,
        actor: &Actor,
        woman_id: WomanId,
    ) -> AppResult<WomanLoans> {
        require_read(actor)?;
        let mut tx = self.db.read().await?;
        let woman = woman_in_scope(tx.as_mut(), actor, woman_id).await?;
        let mut loans = Vec::new();
        for loan in tx.bank_loans_of_woman(woman_id).await? {
            let paid = tx
                .bank_loan_instalments(loan.id)
                .await?
                .iter()
                .map(|i| i.amount_rials)
                .sum();
            let repayment = Repayment::of(&loan, paid, self.today());
            loans.push((loan, repayment));
        }
        tx.commit().await?;
        Ok(WomanLoans {
            first_name: woman.record.first_name,
            last_name: woman.record.last_name,
            loans,
        })
    }
}
