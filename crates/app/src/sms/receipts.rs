//! The receipts of a fund meeting: each member who saved gets what she saved, each who paid
//! back part of a loan gets what she paid and what is left. They are enqueued inside the
//! meeting's own transaction (`fund::meetings` calls this before it commits), so a meeting
//! saved is a meeting whose receipts are in the outbox, and a meeting not saved sent none.
//! Keys name the meeting and the woman, so the same meeting can never queue a receipt twice.

use std::collections::BTreeMap;

use hamyar_domain::fund::EntryKind;
use hamyar_domain::fund::meeting::DraftLine;
use hamyar_domain::fund::position::LoanMoney;
use hamyar_domain::sms::SmsTemplate;
use hamyar_domain::{JalaliDate, Rials};

use crate::error::AppResult;
use crate::ports::Tx;
use crate::ports::registry::WomanId;
use crate::service::App;

use super::outbox::EnqueueReport;

/// The meeting a receipt is for.
pub(crate) struct MeetingReceipts<'a> {
    pub meeting_id: i64,
    pub group_name: &'a str,
    pub held_on: JalaliDate,
    pub lines: &'a [DraftLine],
    /// The cycle's loans after the meeting, by loan id.
    pub loans_after: &'a BTreeMap<i64, LoanMoney>,
}

impl App {
    /// Enqueues the meeting's receipts inside its transaction.
    pub(crate) async fn enqueue_meeting_receipts_in_tx(
        &self,
        tx: &mut dyn Tx,
        meeting: &MeetingReceipts<'_>,
    ) -> AppResult<EnqueueReport> {
        let messages = receipts(meeting);
        let women: Vec<WomanId> = messages.iter().map(|(woman, ..)| *woman).collect();
        let consents = tx.sms_consents_in_force(&women).await?;
        let mut report = EnqueueReport::default();
        for (woman, template, key) in messages {
            let Some(row) = tx.woman_by_id(woman).await? else {
                continue;
            };
            let consent = consents.iter().find(|c| c.woman_id == woman);
            let outcome = self
                .enqueue_sms_in_tx(tx, &row, consent, &template, key)
                .await?;
            report.add(outcome);
        }
        Ok(report)
    }
}

/// Each receipt the meeting owes: to whom, what it says, its key.
fn receipts(meeting: &MeetingReceipts<'_>) -> Vec<(WomanId, SmsTemplate, String)> {
    let mut saved: BTreeMap<i64, i64> = BTreeMap::new();
    let mut repaid: BTreeMap<i64, i64> = BTreeMap::new();
    for line in meeting.lines {
        let Some(woman) = line.woman_id else { continue };
        match line.kind {
            EntryKind::Savings if line.amount > 0 => {
                *saved.entry(woman).or_default() += line.amount
            }
            EntryKind::Repayment if line.amount > 0 => {
                *repaid.entry(woman).or_default() += line.amount;
            }
            _ => {}
        }
    }
    let group_name = meeting.group_name.to_owned();
    let mut messages = Vec::new();
    for (woman, amount) in saved {
        let template = SmsTemplate::SavingReceipt {
            group_name: group_name.clone(),
            on: meeting.held_on,
            amount: Rials::new(amount),
        };
        let key = format!(
            "saving_receipt.meeting.{}.woman.{woman}",
            meeting.meeting_id
        );
        messages.push((WomanId::new(woman), template, key));
    }
    for (woman, amount) in repaid {
        // What is left of her loans of the cycle after this meeting.
        let left: i64 = meeting
            .loans_after
            .values()
            .filter(|loan| loan.woman_id == woman)
            .map(LoanMoney::outstanding)
            .sum();
        let template = SmsTemplate::RepaymentReceipt {
            group_name: group_name.clone(),
            on: meeting.held_on,
            amount: Rials::new(amount),
            remaining: Rials::new(left),
        };
        let key = format!(
            "repayment_receipt.meeting.{}.woman.{woman}",
            meeting.meeting_id
        );
        messages.push((WomanId::new(woman), template, key));
    }
    messages
}
