//! The meeting reminders for a day: every group whose open fund cycle expects a meeting that
//! day (its first day, or its last meeting plus the agreed interval) and every woman who is a
//! member of it that day. Run by `hamyar sms remind --on <day>` — the evening before or the
//! morning of. Keys name the cycle, the day and the woman, so running it twice for the same
//! day queues nothing more.

use std::collections::BTreeSet;

use hamyar_domain::JalaliDate;
use hamyar_domain::sms::{SmsTemplate, expected_meeting_on};

use crate::access::{Actor, Permission};
use crate::error::AppResult;
use crate::group_life::member_between;
use crate::ports::registry::WomanId;
use crate::service::App;

use super::outbox::EnqueueReport;

impl App {
    /// Enqueues the reminders of the meetings expected on `day`, in the actor's scope.
    pub async fn enqueue_meeting_reminders(
        &self,
        actor: &Actor,
        day: JalaliDate,
    ) -> AppResult<EnqueueReport> {
        actor.require(Permission::ChangeRecords)?;
        let mut tx = self.db.write().await?;
        let cycles = tx.meeting_reminder_cycles(day).await?;
        let mut report = EnqueueReport::default();
        for cycle in cycles {
            let in_scope = actor
                .scope
                .covers(Some(cycle.province_id), Some(cycle.county_id));
            let expected =
                expected_meeting_on(cycle.meeting_every, cycle.last_held_on, cycle.starts_on);
            if !in_scope || expected != day {
                continue;
            }
            let spans = tx.member_spans(cycle.group_id).await?;
            let members: BTreeSet<WomanId> = spans
                .iter()
                .filter(|span| member_between(&spans, span.woman_id, day, day))
                .map(|span| span.woman_id)
                .collect();
            let women: Vec<WomanId> = members.into_iter().collect();
            let consents = tx.sms_consents_in_force(&women).await?;
            let template = SmsTemplate::MeetingReminder {
                group_name: cycle.group_name.clone(),
                on: day,
            };
            for woman_id in women {
                let Some(woman) = tx.woman_by_id(woman_id).await? else {
                    continue;
                };
                let consent = consents.iter().find(|c| c.woman_id == woman_id);
                let key = format!(
                    "meeting_reminder.cycle.{}.on.{}.woman.{woman_id}",
                    cycle.cycle_id,
                    day.to_iso_string()
                );
                let outcome = self
                    .enqueue_sms_in_tx(tx.as_mut(), &woman, consent, &template, key)
                    .await?;
                report.add(outcome);
            }
        }
        tx.commit().await?;
        Ok(report)
    }
}
