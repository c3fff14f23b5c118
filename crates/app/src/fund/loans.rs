//! One loan of a group's fund: its page (terms, guarantors, every version of its schedule,
//! repayments, how late it is), rescheduling what is still owed over new months (the old
//! schedule stays on record and reports as of an earlier day still read it), and writing off
//! what is left by the group's decision — a journal line and a ledger transaction, never an
//! edit of the loan's money.

use hamyar_domain::fund::loan::{days_late, schedule};
use hamyar_domain::fund::{EntryKind, FundPosition, Instalment};
use hamyar_domain::{JalaliDate, Rials};
use serde_json::json;

use crate::access::Actor;
use crate::error::{AppError, AppResult, FieldError};
use crate::fund::book::BookPosting;
use crate::fund::{fund_group, refuse};
use crate::ports::Tx;
use crate::ports::fund::{FundCycleRow, FundLoanId, FundLoanRow, NewFundEntry, ScheduleVersion};
use crate::ports::groups::GroupRow;
use crate::ports::registry::WomanId;
use crate::service::{App, AuditEntry};

/// A loan as its page shows it.
#[derive(Debug, Clone)]
pub struct FundLoanView {
    pub group: GroupRow,
    pub cycle: FundCycleRow,
    pub loan: FundLoanRow,
    pub borrower: String,
    /// Guarantors' names, in id order.
    pub guarantors: Vec<String>,
    pub schedules: Vec<ScheduleVersion>,
    /// Her repayments: day and amount.
    pub repayments: Vec<(JalaliDate, i64)>,
    pub repaid: i64,
    pub written_off: i64,
    pub outstanding: i64,
    pub days_late: i64,
}

/// The rescheduling form as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct RescheduleInput {
    pub on: String,
    pub months: String,
    pub reason: String,
}

/// The write-off form as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct WriteOffInput {
    pub on: String,
    pub reason: String,
}

async fn woman_name(tx: &mut dyn Tx, id: WomanId) -> AppResult<String> {
    Ok(tx
        .woman_by_id(id)
        .await?
        .map(|w| format!("{} {}", w.record.first_name, w.record.last_name))
        .unwrap_or_default())
}

fn parse_day(field: &'static str, text: &str, today: JalaliDate) -> AppResult<JalaliDate> {
    let day = JalaliDate::parse(text).map_err(|error| {
        AppError::Invalid(vec![FieldError::new(
            field,
            hamyar_domain::LocalizedMessage::message(&error),
        )])
    })?;
    if day > today {
        return Err(refuse(field, "fund-day_after_today"));
    }
    Ok(day)
}

fn reason_of(text: &str) -> AppResult<String> {
    let reason = hamyar_domain::letters::persian_letters(text.trim());
    if reason.is_empty()
        || reason.chars().count() > 1_000
        || reason.chars().any(|c| c.is_control() && c != '\n')
    {
        return Err(refuse("reason", "fund-reason_required"));
    }
    Ok(reason)
}

impl App {
    async fn loan_in(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        id: FundLoanId,
        write: bool,
    ) -> AppResult<(GroupRow, FundLoanRow, FundCycleRow)> {
        let loan = tx.fund_loan(id).await?.ok_or(AppError::NotFound)?;
        let group = fund_group(tx, actor, loan.group_id, write).await?;
        let cycle = tx
            .fund_cycle(loan.cycle_id)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok((group, loan, cycle))
    }

    /// A loan's page; audited as a showing of the borrower's debt.
    pub async fn fund_loan(&self, actor: &Actor, id: FundLoanId) -> AppResult<FundLoanView> {
        let mut tx = self.db.write().await?;
        let (group, loan, cycle) = self.loan_in(tx.as_mut(), actor, id, false).await?;
        let view = self.loan_view(tx.as_mut(), group, loan, cycle).await?;
        self.audit_with_subjects_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "fund.loan_view",
                entity_kind: "fund_loan",
                entity_id: id.to_string(),
                province_id: Some(view.loan.province_id),
                county_id: Some(view.loan.county_id),
                before: None,
                after: None,
            },
            vec![crate::ports::AuditSubject::woman(
                view.loan.woman_id,
                Some(view.loan.province_id),
                Some(view.loan.county_id),
            )],
        )
        .await?;
        tx.commit().await?;
        Ok(view)
    }

    async fn loan_view(
        &self,
        tx: &mut dyn Tx,
        group: GroupRow,
        loan: FundLoanRow,
        cycle: FundCycleRow,
    ) -> AppResult<FundLoanView> {
        let today = self.today();
        let journal = tx.fund_journal(group.id).await?;
        let repayments: Vec<(JalaliDate, i64)> = journal
            .iter()
            .filter(|l| l.loan_id == Some(loan.id.get()) && l.kind == EntryKind::Repayment)
            .map(|l| (l.on, l.amount))
            .collect();
        let position = FundPosition::fold(&journal, cycle.id.get());
        let money = position
            .loans
            .get(&loan.id.get())
            .copied()
            .unwrap_or_default();
        let schedules = tx.fund_schedules(loan.id).await?;
        let late = schedules
            .iter()
            .rev()
            .find(|v| v.effective_on <= today)
            .map(|v| days_late(&v.instalments, money.repaid + money.written_off, today))
            .unwrap_or(0);
        let borrower = woman_name(tx, loan.woman_id).await?;
        let mut guarantors = Vec::new();
        for g in &loan.guarantors {
            guarantors.push(woman_name(tx, *g).await?);
        }
        Ok(FundLoanView {
            group,
            cycle,
            borrower,
            guarantors,
            schedules,
            repaid: money.repaid,
            written_off: money.written_off,
            outstanding: money.outstanding(),
            days_late: if money.outstanding() > 0 { late } else { 0 },
            repayments,
            loan,
        })
    }

    /// Spreads what the loan still owes over `months` new monthly instalments from a day.
    pub async fn reschedule_fund_loan(
        &self,
        actor: &Actor,
        id: FundLoanId,
        input: &RescheduleInput,
    ) -> AppResult<()> {
        let mut tx = self.db.write().await?;
        let (group, loan, cycle) = self.loan_in(tx.as_mut(), actor, id, true).await?;
        let on = parse_day("on", &input.on, self.today())?;
        let months: u8 = hamyar_domain::digits::to_latin_digits(input.months.trim())
            .parse()
            .ok()
            .filter(|m| (1..=24).contains(m))
            .ok_or_else(|| refuse("months", "fund-reschedule_months"))?;
        let reason = reason_of(&input.reason)?;
        if loan.state != "active" {
            return Err(refuse("on", "fund-loan_closed"));
        }
        if on < loan.disbursed_on {
            return Err(refuse("on", "fund-day_before_loan"));
        }
        let view = self
            .loan_view(tx.as_mut(), group.clone(), loan.clone(), cycle)
            .await?;
        let version = view.schedules.last().map(|v| v.version).unwrap_or(0) + 1;
        if view.schedules.last().is_some_and(|v| on < v.effective_on) {
            return Err(refuse("on", "fund-day_before_schedule"));
        }
        let ahead = schedule(Rials::new(view.outstanding), months, on);
        if ahead.is_empty() {
            return Err(refuse("on", "fund-loan_closed"));
        }
        // Every version schedules the whole loan, so lateness always reads all that was paid
        // against it: what was settled before `on` is the new version's first line, due on
        // `on` and covered already, and what is left follows month by month.
        let settled = view.repaid + view.written_off;
        let mut instalments = Vec::with_capacity(ahead.len() + 1);
        if settled > 0 {
            instalments.push(Instalment {
                number: 1,
                due_on: on,
                amount: Rials::new(settled),
            });
        }
        let offset = u16::try_from(instalments.len()).unwrap_or(0);
        instalments.extend(ahead.into_iter().map(|i| Instalment {
            number: i.number + offset,
            ..i
        }));
        tx.insert_fund_schedule(
            id,
            &ScheduleVersion {
                version,
                effective_on: on,
                reason: reason.clone(),
                instalments: instalments.clone(),
            },
        )
        .await?;
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "fund.loan_rescheduled",
                entity_kind: "fund_loan",
                entity_id: id.to_string(),
                province_id: Some(loan.province_id),
                county_id: Some(loan.county_id),
                before: None,
                after: Some(json!({ "version": version, "on": on.to_iso_string(), "months": months, "owed_rials": view.outstanding })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Writes off what the loan still owes, by the group's decision (the reason says which).
    pub async fn write_off_fund_loan(
        &self,
        actor: &Actor,
        id: FundLoanId,
        input: &WriteOffInput,
    ) -> AppResult<()> {
        let mut tx = self.db.write().await?;
        let (group, loan, cycle) = self.loan_in(tx.as_mut(), actor, id, true).await?;
        let on = parse_day("on", &input.on, self.today())?;
        let reason = reason_of(&input.reason)?;
        if loan.state != "active" {
            return Err(refuse("on", "fund-loan_closed"));
        }
        if on < loan.disbursed_on {
            return Err(refuse("on", "fund-day_before_loan"));
        }
        let view = self
            .loan_view(tx.as_mut(), group.clone(), loan.clone(), cycle.clone())
            .await?;
        if view.outstanding <= 0 {
            return Err(refuse("on", "fund-loan_closed"));
        }
        let key = format!("fund.write_off.{}", id.get());
        let transaction = self
            .post_fund_lines_in_tx(
                tx.as_mut(),
                actor,
                &group,
                BookPosting {
                    key: &key,
                    on,
                    description: &format!("سوخت وام {} صندوق گروه {}", id.get(), group.record.name),
                    lines: &[(EntryKind::WriteOff, loan.woman_id.get(), view.outstanding)],
                    closing: &[],
                },
            )
            .await?;
        tx.insert_fund_entries(&[NewFundEntry {
            group_id: group.id,
            cycle_id: cycle.id,
            province_id: loan.province_id,
            county_id: loan.county_id,
            meeting_id: None,
            loan_id: Some(id),
            woman_id: Some(loan.woman_id),
            kind: EntryKind::WriteOff,
            shares: 0,
            amount_rials: view.outstanding,
            happened_on: on,
            ledger_transaction_id: transaction,
        }])
        .await?;
        if !tx
            .close_fund_loan(id, "written_off", on, Some(&reason))
            .await?
        {
            return Err(refuse("on", "fund-loan_closed"));
        }
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "fund.loan_written_off",
                entity_kind: "fund_loan",
                entity_id: id.to_string(),
                province_id: Some(loan.province_id),
                county_id: Some(loan.county_id),
                before: None,
                after: Some(json!({ "on": on.to_iso_string(), "amount_rials": view.outstanding })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
