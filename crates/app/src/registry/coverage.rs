//! Coverage decisions: a dated episode (applicant → waiting list → covered → pensioner →
//! exited, and re-application) with who decided and why. The current status is the latest
//! episode's and is kept on the record for filtering. Transitions follow
//! `hamyar_domain::registry::can_transition`; an exit needs its reason.

use hamyar_domain::JalaliDate;
use hamyar_domain::registry::{CoverageStatus, ExitReason, transition_problem};
use hamyar_domain::{Message, MessageArg};

use crate::access::{Actor, Permission};
use crate::error::{AppError, AppResult, FieldError};
use crate::ports::Tx;
use crate::ports::registry::{EpisodeRow, WomanId, WomanRow};
use crate::registry::woman_in_scope;
use crate::service::actor_name;
use crate::service::{App, AuditEntry};

/// A coverage decision as typed.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct CoverageInput {
    pub status: String,
    pub exit_reason: String,
    pub started_on: String,
    pub reason: String,
}

fn parse_decision(
    input: &CoverageInput,
) -> Result<(CoverageStatus, Option<ExitReason>, JalaliDate, String), Vec<FieldError>> {
    let mut errors = Vec::new();
    let status = CoverageStatus::parse(&input.status);
    if status.is_none() {
        errors.push(FieldError::new(
            "status",
            Message::new("coverage-choose_status_from_list"),
        ));
    }
    let exit_reason = ExitReason::parse(&input.exit_reason);
    if status == Some(CoverageStatus::Exited) && exit_reason.is_none() {
        errors.push(FieldError::new(
            "exit_reason",
            Message::new("coverage-choose_reason_exit"),
        ));
    }
    let started_on = JalaliDate::parse(&input.started_on)
        .map_err(|e| errors.push(FieldError::new("started_on", e.message())))
        .ok();
    let reason = input
        .reason
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if reason.is_empty() {
        errors.push(FieldError::new(
            "reason",
            Message::new("coverage-write_reason_minutes_decision"),
        ));
    } else if reason.chars().count() > 500 {
        errors.push(FieldError::new(
            "reason",
            Message::new("coverage-reason_exceed_500_characters"),
        ));
    }
    match (status, started_on) {
        (Some(status), Some(started_on)) if errors.is_empty() => Ok((
            status,
            exit_reason.filter(|_| status == CoverageStatus::Exited),
            started_on,
            reason,
        )),
        _ => Err(errors),
    }
}

/// A coverage decision read from its form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decision {
    pub status: CoverageStatus,
    pub exit_reason: Option<ExitReason>,
    pub started_on: JalaliDate,
    pub reason: String,
}

/// Writes a decision for a woman inside the caller's transaction, with every rule of the
/// coverage history (allowed move, not before the latest episode, not after today) and its
/// audit row: the coverage form's and an approved exit proposal's one write
/// (`outcomes::graduation`).
pub(crate) async fn record_decision_in_tx(
    app: &App,
    tx: &mut dyn Tx,
    actor: &Actor,
    woman: &WomanRow,
    decision: Decision,
) -> AppResult<()> {
    let Decision {
        status,
        exit_reason,
        started_on,
        reason,
    } = decision;
    if started_on > app.today() {
        return Err(AppError::invalid(
            "started_on",
            Message::new("coverage-decision_date_cannot_future"),
        ));
    }
    let id = woman.id;
    let episodes = tx.episodes_of(id).await?;
    let current = episodes.last().map(|e| e.status);
    if let Some(problem) = transition_problem(current, status) {
        return Err(AppError::Invalid(vec![FieldError::new(
            "status",
            problem.message,
        )]));
    }
    if let Some(last) = episodes.last().filter(|e| e.started_on > started_on) {
        let since = last.started_on;
        return Err(AppError::invalid(
            "started_on",
            Message::new("coverage-decision_before_latest").arg("since", MessageArg::digits(since)),
        ));
    }
    let now = app.now();
    let episode = EpisodeRow {
        id: 0,
        woman_id: id,
        status,
        exit_reason,
        started_on,
        decided_by: actor.user_id,
        decided_by_name: actor_name(tx, actor).await?,
        reason: reason.clone(),
        recorded_at: now,
    };
    tx.insert_episode(&episode).await?;
    tx.set_coverage_status(id, status.code(), now).await?;
    app.audit_in_tx(tx, AuditEntry {
        actor, action: "woman.coverage", entity_kind: "woman", entity_id: id.to_string(),
        province_id: Some(woman.record.province_id), county_id: Some(woman.record.county_id),
        before: Some(serde_json::json!({"status": woman.coverage_status})),
        after: Some(serde_json::json!({"status": status.code(), "exit_reason": episode.exit_reason, "started_on": episode.started_on.to_iso_string(), "reason": reason})),
    }).await?;
    Ok(())
}

impl App {
    /// Records a coverage decision for a woman. An exit as *empowered* is not decided here: it
    /// is proposed with its evidence and approved by a second person
    /// (`App::propose_woman_exit`, `App::decide_exit`).
    pub async fn record_coverage(
        &self,
        actor: &Actor,
        id: WomanId,
        input: &CoverageInput,
    ) -> AppResult<()> {
        actor.require(Permission::DecideCoverage)?;
        let (status, exit_reason, started_on, reason) =
            parse_decision(input).map_err(AppError::Invalid)?;
        if exit_reason == Some(ExitReason::Empowered) {
            return Err(AppError::invalid(
                "exit_reason",
                Message::new("coverage-empowered_through_proposal"),
            ));
        }
        let mut tx = self.db.write().await?;
        let woman = woman_in_scope(tx.as_mut(), actor, id).await?;
        record_decision_in_tx(
            self,
            tx.as_mut(),
            actor,
            &woman,
            Decision {
                status,
                exit_reason,
                started_on,
                reason,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
