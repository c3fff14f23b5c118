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
        let mut saved: BTreeMap<i64, i64> = BTreeMap::new();
        let mut repaid: BTreeMap<i64, (i64, i64)> = BTreeMap::new();
        for line in meeting.lines {
            let Some(woman) = line.woman_id else { continue };
            match line.kind {
                EntryKind::Savings if line.amount > 0 => {
                    *saved.entry(woman).or_default() += line.amount;
                }
                EntryKind::Repayment if line.amount > 0 => {
                    let left: i64 = meeting
                        .loans_after
                        .values()
                        .filter(|loan| loan.woman_id == woman)
                        .map(LoanMoney::outstanding)
                        .sum();
                    let entry = repaid.entry(woman).or_insert((0, left));
                    entry.0 += line.amount;
                }
                _ => {}
            }
        }
        let women: Vec<WomanId> = saved
            .keys()
            .chain(repaid.keys())
            .copied()
            .map(WomanId::new)
            .collect();
        let consents = tx.sms_consents_in_force(&women).await?;
        let mut report = EnqueueReport::default();
        let group_name = meeting.group_name.to_owned();
        let mut messages = Vec::new();
        for (woman, amount) in &saved {
            let template = SmsTemplate::SavingReceipt {
                group_name: group_name.clone(),
                on: meeting.held_on,
                amount: Rials::new(*amount),
            };
            let key = format!(
                "saving_receipt.meeting.{}.woman.{woman}",
                meeting.meeting_id
            );
            messages.push((*woman, template, key));
        }
        for (woman, (amount, left)) in &repaid {
            let template = SmsTemplate::RepaymentReceipt {
                group_name: group_name.clone(),
                on: meeting.held_on,
                amount: Rials::new(*amount),
                remaining: Rials::new(*left),
            };
            let key = format!(
                "repayment_receipt.meeting.{}.woman.{woman}",
                meeting.meeting_id
            );
            messages.push((*woman, template, key));
        }
        for (woman, template, key) in messages {
            let Some(row) = tx.woman_by_id(WomanId::new(woman)).await? else {
                continue;
            };
            let consent = consents.iter().find(|c| c.woman_id.get() == woman);
            let outcome = self
                .enqueue_sms_in_tx(tx, &row, consent, &template, key)
                .await?;
            report.add(outcome);
        }
        Ok(report)
    }
}
