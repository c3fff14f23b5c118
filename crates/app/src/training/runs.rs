//! Planning a course run: a course kind taught by a province's provider in one county, on a
//! Jalali schedule of sessions, for at most `capacity` women, paid from a training or job
//! preparation line of that place and of the year it starts in (or from none yet). The
//! schedule is the list of session days as typed (Persian or Latin digits, one per line or
//! separated by «،» or commas); each session lasts `session_hours` (blank: the kind's hours
//! shared out over the sessions, rounded up, at most 12). The run starts on its first
//! session and ends on its last. Every problem of the form is reported at once.

use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::{JalaliDate, Message, MessageArg, to_latin_digits};
use serde_json::json;

use crate::access::{Actor, Permission};
use crate::budget::{line_category, scope_reaches_line};
use crate::error::{AppError, AppResult, FieldError};
use crate::places::load_tree;
use crate::ports::StoreError;
use crate::ports::budget::BudgetLineId;
use crate::ports::training::{
    CourseKindId, CourseKindRow, CourseRunId, CourseRunRow, ProviderId, ProviderRow, SessionRow,
};
use crate::registry::women::resolve_county;
use crate::service::{App, AuditEntry, actor_name};

/// The most sessions one run may have.
const MAX_SESSIONS: usize = 200;

/// A course run as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunInput {
    /// Unique in the province: Latin letters, digits and `-`.
    pub code: String,
    pub course_kind_id: String,
    pub provider_id: String,
    /// The county, by name or id.
    pub county: String,
    /// Blank: not yet paid from a line.
    pub budget_line_id: String,
    pub trainer_name: String,
    pub place: String,
    pub online: bool,
    pub capacity: String,
    /// Session days.
    pub sessions: String,
    /// Blank: the kind's hours over the sessions.
    pub session_hours: String,
}

fn problem(field: &'static str, key: &'static str) -> FieldError {
    FieldError::new(field, Message::new(key))
}

/// A run's code as stored: Latin digits, upper case.
pub(crate) fn run_code(text: &str) -> Option<String> {
    let code = to_latin_digits(text.trim()).to_ascii_uppercase();
    let plain = !code.is_empty()
        && code.len() <= 30
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
    plain.then_some(code)
}

/// The session days, in order; every problem named.
fn session_days(text: &str, problems: &mut Vec<FieldError>) -> Vec<JalaliDate> {
    let mut days = Vec::new();
    for part in text
        .split(['\n', '،', ',', '؛', ';'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
    {
        match JalaliDate::parse(part) {
            Ok(day) => days.push(day),
            Err(error) => problems.push(FieldError::new("sessions", error.message())),
        }
    }
    days.sort();
    if days.windows(2).any(|pair| pair[0] == pair[1]) {
        problems.push(problem("sessions", "training-session_twice"));
    }
    if days.is_empty() {
        problems.push(problem("sessions", "training-sessions_required"));
    } else if days.len() > MAX_SESSIONS {
        problems.push(FieldError::new(
            "sessions",
            Message::new("training-too_many_sessions").arg("max", MessageArg::digits(MAX_SESSIONS)),
        ));
    }
    days
}

fn whole(field: &'static str, text: &str, max: i64, problems: &mut Vec<FieldError>) -> Option<i64> {
    let value = to_latin_digits(text.trim())
        .parse::<i64>()
        .ok()
        .filter(|v| (1..=max).contains(v));
    if value.is_none() {
        problems.push(FieldError::new(
            field,
            Message::new("training-number_out_of_range")
                .arg("min", MessageArg::digits(1))
                .arg("max", MessageArg::digits(max)),
        ));
    }
    value
}

impl App {
    /// Plans a run with its sessions; returns its id.
    pub async fn plan_course_run(&self, actor: &Actor, input: &RunInput) -> AppResult<CourseRunId> {
        actor.require(Permission::ManageTraining)?;
        let mut problems = Vec::new();
        let code = run_code(&input.code);
        if code.is_none() {
            problems.push(problem("code", "training-run_code_latin"));
        }
        let trainer_name = hamyar_domain::persian_letters(input.trainer_name.trim());
        if trainer_name.is_empty() {
            problems.push(problem("trainer_name", "training-required"));
        }
        let place = hamyar_domain::persian_letters(input.place.trim());
        if place.is_empty() && !input.online {
            problems.push(problem("place", "training-place_or_online"));
        }
        if trainer_name.chars().count() > 200 || place.chars().count() > 300 {
            problems.push(problem("place", "training-too_long"));
        }
        let capacity = whole("capacity", &input.capacity, 500, &mut problems);
        let days = session_days(&input.sessions, &mut problems);

        let mut tx = self.db.write().await?;
        let kind = self
            .kind_for(tx.as_mut(), &input.course_kind_id, &mut problems)
            .await?;
        let provider = self
            .provider_for(tx.as_mut(), actor, &input.provider_id, &mut problems)
            .await?;
        let tree = load_tree(tx.as_mut(), &self.today().to_iso_string()).await?;
        let place_ids = match resolve_county(&tree, actor, &input.county) {
            Ok(ids) => Some(ids),
            Err(error) => {
                problems.push(error);
                None
            }
        };
        if let (Some(provider), Some((province, _))) = (&provider, place_ids)
            && provider.province_id != province
        {
            problems.push(problem(
                "provider_id",
                "training-provider_of_another_province",
            ));
        }
        let session_hours = match (&kind, input.session_hours.trim().is_empty()) {
            (Some(kind), true) if !days.is_empty() => {
                let sessions = i64::try_from(days.len()).unwrap_or(i64::MAX);
                Some(((kind.hours + sessions - 1) / sessions).clamp(1, 12))
            }
            (_, false) => whole("session_hours", &input.session_hours, 12, &mut problems),
            _ => None,
        };
        let line = match (input.budget_line_id.trim(), place_ids, days.first()) {
            ("", _, _) => None,
            (text, Some((province, county)), Some(first)) => {
                match self
                    .line_for_run(tx.as_mut(), actor, text, province, county, first.year())
                    .await?
                {
                    Ok(line) => Some(line),
                    Err(error) => {
                        problems.push(error);
                        None
                    }
                }
            }
            _ => None,
        };
        let (
            Some(code),
            Some(capacity),
            Some(kind),
            Some(provider),
            Some((province_id, county_id)),
            Some(session_hours),
        ) = (code, capacity, kind, provider, place_ids, session_hours)
        else {
            return Err(AppError::Invalid(problems));
        };
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        let (Some(first), Some(last)) = (days.first().copied(), days.last().copied()) else {
            return Err(AppError::Invalid(problems));
        };
        let run = CourseRunRow {
            id: CourseRunId::default(),
            province_id,
            county_id,
            code,
            course_kind_id: kind.id,
            provider_id: provider.id,
            budget_line_id: line,
            trainer_name,
            place,
            online: input.online,
            capacity,
            starts_on: first,
            ends_on: last,
            cancelled_on: None,
            created_by: actor.user_id,
            created_by_name: actor_name(tx.as_mut(), actor).await?,
            created_at: self.now(),
        };
        let id = match tx.insert_course_run(&run).await {
            Err(StoreError::Unique(_)) => {
                return Err(AppError::invalid(
                    "code",
                    Message::new("training-run_code_in_use"),
                ));
            }
            other => other?,
        };
        for (index, day) in days.iter().enumerate() {
            tx.insert_course_session(&SessionRow {
                id: Default::default(),
                run_id: id,
                seq: i64::try_from(index + 1).unwrap_or(i64::MAX),
                held_on: *day,
                hours: session_hours,
            })
            .await?;
        }
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "training.run_plan",
                entity_kind: "course_run",
                entity_id: id.to_string(),
                province_id: Some(province_id),
                county_id: Some(county_id),
                before: None,
                after: Some(json!({
                    "code": run.code, "course_kind_id": kind.id, "provider_id": provider.id,
                    "budget_line_id": line, "capacity": capacity, "online": run.online,
                    "sessions": days.iter().map(|d| d.to_iso_string()).collect::<Vec<_>>(),
                    "session_hours": session_hours,
                })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn kind_for(
        &self,
        tx: &mut dyn crate::ports::Tx,
        text: &str,
        problems: &mut Vec<FieldError>,
    ) -> AppResult<Option<CourseKindRow>> {
        let kind = match text.trim().parse::<CourseKindId>() {
            Ok(id) => tx.course_kind_by_id(id).await?.filter(|kind| kind.active),
            Err(_) => None,
        };
        if kind.is_none() {
            problems.push(problem("course_kind_id", "training-choose_course_kind"));
        }
        Ok(kind)
    }

    async fn provider_for(
        &self,
        tx: &mut dyn crate::ports::Tx,
        actor: &Actor,
        text: &str,
        problems: &mut Vec<FieldError>,
    ) -> AppResult<Option<ProviderRow>> {
        let provider = match text.trim().parse::<ProviderId>() {
            Ok(id) => tx.provider_by_id(id).await?.filter(|provider| {
                actor
                    .scope
                    .province()
                    .is_none_or(|p| p == provider.province_id)
            }),
            Err(_) => None,
        };
        if provider.is_none() {
            problems.push(problem("provider_id", "training-choose_provider"));
        }
        Ok(provider)
    }

    /// The line a run is paid from: in the actor's scope, reaching the run's county, a
    /// training or job-preparation line of the year the run starts.
    async fn line_for_run(
        &self,
        tx: &mut dyn crate::ports::Tx,
        actor: &Actor,
        text: &str,
        province: crate::access::PlaceId,
        county: crate::access::PlaceId,
        year: i32,
    ) -> AppResult<Result<BudgetLineId, FieldError>> {
        let refused = || Ok(Err(problem("budget_line_id", "training-line_not_for_run")));
        let Ok(id) = text.parse::<BudgetLineId>() else {
            return refused();
        };
        let Some(line) = tx
            .budget_line_by_id(id)
            .await?
            .filter(|line| scope_reaches_line(actor.scope, line))
        else {
            return refused();
        };
        let reaches = line.province_id == province && line.county_id.is_none_or(|c| c == county);
        let category = line_category(&line)?;
        let pays_training = matches!(
            category,
            BudgetCategory::Training | BudgetCategory::JobPreparation
        );
        if reaches && pays_training && line.fiscal_year == year {
            Ok(Ok(line.id))
        } else {
            refused()
        }
    }
}
