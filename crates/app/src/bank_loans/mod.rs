//! Bank self-employment loans (issue 20): the office refers a woman — or a group, as its
//! members — to an agent bank, records the bank's answer, the payout, each instalment she pays
//! with its day, and the end: settled, in default, or withdrawn by the office.
//!
//! **Double support.** Before a referral the double-support check of the facility history
//! runs ([`App::support_warnings_in_tx`], the province's window); when it names earlier
//! support, nothing is written but the showing of her history (`woman.view_facilities`) and
//! the warning goes back to the page, which asks the expert to confirm; the referral then
//! keeps how many facilities the warning named. From the day the bank pays out, the loan is
//! in her facility history (source `referral`, body `bank`, kind `loan`, the amount paid out,
//! the payout day as `granted_on`, a note naming the bank and the referral), written in the
//! same transaction, so every later grant or referral is warned about it; withdrawing the
//! referral afterwards withdraws that row (never deletes it), and it stops counting.
//!
//! **A group** is referred as its members: one referral per current member, each for the
//! amount and terms of the form, each keeping the group's id. Banks lend to a person, with her
//! guarantors, and the double-support rule and the facility history are a woman's, so a
//! referral "of the group as a whole" would have to be split per woman anyway. Members may
//! guarantee each other: a registry guarantor who is herself the borrower is left off her own
//! letter only.
//!
//! **Who.** Referring and recording what the bank did is the office's work on money a woman
//! owes, done by the experts who propose spending (`ProposeSpending`: national, provincial,
//! county). Reading referrals shows money per woman, so it needs `ViewMoneyRecords` and
//! `ViewPersonalData` (the experts, the administrator and the auditor). Records outside the
//! actor's place are `NotFound`. Every write is one transaction with its audit row (entity
//! `bank_loan`, the referral's province and county; ids, codes, amounts and days — never her
//! name); opening a referral's page is audited as `bank_loan.view` and a page of the list as
//! `bank_loan.view_list`, naming the women shown as subjects.

mod read;
mod refer;
mod steps;

use hamyar_domain::bank_loans::{AgentBank, Arrears, Instalment, arrears, fee_rials, schedule};
use hamyar_domain::{JalaliDate, Rials};
use serde_json::json;

use crate::access::{Actor, Permission};
use crate::error::{AppError, AppResult};
use crate::ports::Tx;
use crate::ports::bank_loans::{BankLoanId, BankLoanRow, GuarantorRow, InstalmentRow};
use crate::service::{App, AuditEntry};

pub use read::{BankLoanLine, BankLoanPage, BankLoanView, WomanLoans};
pub use refer::ReferralOutcome;

/// How many referrals a page of the list shows.
pub const PAGE_SIZE: i64 = 50;

/// Whether the actor may refer and record what the bank did.
pub fn may_refer(actor: &Actor) -> bool {
    actor.can(Permission::ProposeSpending)
}

/// Whether the actor may read referrals.
pub fn may_read(actor: &Actor) -> bool {
    actor.can(Permission::ViewMoneyRecords) && actor.can(Permission::ViewPersonalData)
}

fn require_read(actor: &Actor) -> AppResult<()> {
    actor.require(Permission::ViewMoneyRecords)?;
    actor.require(Permission::ViewPersonalData)
}

/// The referral, if the actor's scope covers its place; `NotFound` otherwise.
async fn loan_in_scope(tx: &mut dyn Tx, actor: &Actor, id: BankLoanId) -> AppResult<BankLoanRow> {
    tx.bank_loan_by_id(id)
        .await?
        .filter(|loan| {
            actor
                .scope
                .covers(Some(loan.province_id), Some(loan.county_id))
        })
        .ok_or(AppError::NotFound)
}

/// The bank's name as a letter gives it: the typed name of "other", else the list's label
/// (with what was typed beside it).
pub fn bank_name_fa(bank: AgentBank, typed: &str) -> String {
    match (bank, typed.trim()) {
        (AgentBank::Other, name) if !name.is_empty() => name.to_owned(),
        (_, "") => bank.label_fa().to_owned(),
        (_, name) => format!("{} ({name})", bank.label_fa()),
    }
}

/// What a disbursed loan comes to: its schedule, and what she paid and still owes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Repayment {
    /// The fee on the amount paid out (or, before the payout, on the amount asked).
    pub fee: Rials,
    /// Paid out plus the fee; zero before the payout.
    pub total: Rials,
    pub schedule: Vec<Instalment>,
    pub paid: Rials,
    pub owed: Rials,
    pub arrears: Arrears,
}

impl Repayment {
    /// The repayment of `loan` having paid `paid`, with its arrears on `on`.
    pub fn of(loan: &BankLoanRow, paid: i64, on: JalaliDate) -> Repayment {
        let basis_points = u16::try_from(loan.fee_basis_points).unwrap_or(u16::MAX);
        let (Some(disbursed_on), Some(amount)) = (loan.disbursed_on, loan.disbursed_amount_rials)
        else {
            return Repayment {
                fee: fee_rials(Rials::new(loan.amount_rials), basis_points),
                ..Repayment::default()
            };
        };
        let fee = fee_rials(Rials::new(amount), basis_points);
        let term = u8::try_from(loan.term_months).unwrap_or(u8::MAX);
        let plan = schedule(disbursed_on, Rials::new(amount), fee, term);
        let total = amount.saturating_add(fee.value());
        let paid = Rials::new(paid);
        Repayment {
            fee,
            total: Rials::new(total),
            arrears: arrears(&plan, paid, on),
            schedule: plan,
            owed: Rials::new((total - paid.value()).max(0)),
            paid,
        }
    }
}

/// What the audit trail keeps of a referral: codes, amounts and days, never her name.
fn snapshot(loan: &BankLoanRow) -> serde_json::Value {
    let day = |d: Option<JalaliDate>| d.map(|d| d.to_iso_string());
    json!({
        "woman_id": loan.woman_id,
        "group_id": loan.group_id,
        "bank": loan.bank.code(),
        "bank_name": loan.bank_name,
        "amount_rials": loan.amount_rials,
        "fee_basis_points": loan.fee_basis_points,
        "term_months": loan.term_months,
        "referred_on": loan.referred_on.to_iso_string(),
        "warned_facilities": loan.warned_facilities,
        "status": loan.status.code(),
        "decided_on": day(loan.decided_on),
        "approved_amount_rials": loan.approved_amount_rials,
        "disbursed_on": day(loan.disbursed_on),
        "disbursed_amount_rials": loan.disbursed_amount_rials,
        "facility_id": loan.facility_id,
        "closed_on": day(loan.closed_on),
    })
}

fn guarantors_snapshot(guarantors: &[GuarantorRow]) -> serde_json::Value {
    json!(
        guarantors
            .iter()
            .map(|g| json!({"position": g.position, "woman_id": g.woman_id}))
            .collect::<Vec<_>>()
    )
}

fn instalment_snapshot(id: i64, instalment: &InstalmentRow) -> serde_json::Value {
    json!({
        "instalment_id": id,
        "paid_on": instalment.paid_on.to_iso_string(),
        "amount_rials": instalment.amount_rials,
    })
}

impl App {
    /// Appends the audit row of a change to a referral.
    async fn audit_loan(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        action: &str,
        loan: &BankLoanRow,
        before: Option<serde_json::Value>,
        after: serde_json::Value,
    ) -> AppResult<()> {
        self.audit_in_tx(
            tx,
            AuditEntry {
                actor,
                action,
                entity_kind: "bank_loan",
                entity_id: loan.id.to_string(),
                province_id: Some(loan.province_id),
                county_id: Some(loan.county_id),
                before,
                after: Some(after),
            },
        )
        .await
    }
}
