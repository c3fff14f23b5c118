//! Recording a woman's answer about text messages: yes or no, the day she gave it, and her
//! quiet hours. Whoever may edit her file may record it, within the same scope; the answer is
//! kept as a new row of her history (never changed) with an audit row naming her. Withdrawing
//! consent cancels her queued messages in the same transaction, so none leaves after she
//! said no.

use hamyar_domain::sms::QuietHours;
use hamyar_domain::{JalaliDate, Message};
use serde_json::json;

use crate::access::{Actor, Permission};
use crate::error::{AppError, AppResult};
use crate::ports::AuditSubject;
use crate::ports::registry::WomanId;
use crate::ports::sms::SmsConsentRow;
use crate::registry::woman_in_scope;
use crate::service::{App, AuditEntry, actor_name};

/// The day and the quiet hours of the form, checked.
fn parse(input: &ConsentInput, today: JalaliDate) -> AppResult<(JalaliDate, QuietHours)> {
    let decided_on = JalaliDate::parse(&input.decided_on)
        .map_err(|error| AppError::invalid("decided_on", error.message()))?;
    if decided_on > today {
        return Err(AppError::invalid(
            "decided_on",
            Message::new("sms-consent_in_future"),
        ));
    }
    let quiet = if input.quiet_hours.trim().is_empty() {
        QuietHours::default()
    } else {
        QuietHours::parse(&input.quiet_hours)
            .ok_or_else(|| AppError::invalid("quiet_hours", Message::new("sms-bad_quiet_hours")))?
    };
    Ok((decided_on, quiet))
}

/// The form of her answer, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConsentInput {
    pub consented: bool,
    /// The day she answered (Jalali, Persian or Latin digits).
    pub decided_on: String,
    /// `21:00-08:00`; empty for the default.
    pub quiet_hours: String,
}

impl App {
    /// Records her answer; returns the new row's id.
    pub async fn record_sms_consent(
        &self,
        actor: &Actor,
        woman_id: WomanId,
        input: &ConsentInput,
    ) -> AppResult<i64> {
        actor.require(Permission::RegisterWomen)?;
        let (decided_on, quiet) = parse(input, self.today())?;
        let mut tx = self.db.write().await?;
        let woman = woman_in_scope(tx.as_mut(), actor, woman_id).await?;
        let (province_id, county_id) = (woman.record.province_id, woman.record.county_id);
        let row = SmsConsentRow {
            id: 0,
            woman_id,
            province_id,
            county_id,
            consented: input.consented,
            decided_on,
            quiet,
            recorded_by: actor.user_id,
            recorded_by_name: actor_name(tx.as_mut(), actor).await?,
            recorded_at: self.now(),
        };
        let id = tx.insert_sms_consent(&row).await?;
        let cancelled = if input.consented {
            0
        } else {
            tx.cancel_queued_sms_of(woman_id, "consent_withdrawn", self.now())
                .await?
        };
        self.audit_with_subjects_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "sms.consent",
                entity_kind: "sms_consent",
                entity_id: id.to_string(),
                province_id: Some(province_id),
                county_id: Some(county_id),
                before: None,
                after: Some(json!({
                    "consented": input.consented,
                    "decided_on": decided_on.to_iso_string(),
                    "quiet_hours": quiet.label(),
                    "cancelled_messages": cancelled,
                })),
            },
            vec![AuditSubject::woman(
                woman_id,
                Some(province_id),
                Some(county_id),
            )],
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Her answer in force, if she ever gave one (read with her file: same scope).
    pub async fn sms_consent(
        &self,
        actor: &Actor,
        woman_id: WomanId,
    ) -> AppResult<Option<SmsConsentRow>> {
        actor.require(Permission::ViewPersonalData)?;
        let mut tx = self.db.read().await?;
        woman_in_scope(tx.as_mut(), actor, woman_id).await?;
        let consent = tx.sms_consents_in_force(&[woman_id]).await?.pop();
        tx.commit().await?;
        Ok(consent)
    }
}
