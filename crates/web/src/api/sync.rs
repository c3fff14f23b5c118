//! `POST /api/v1/sync`: the field app's offline records, sent together when the phone is
//! back online — meetings with attendance, visits and fund meetings (`fund_meeting`, the body
//! of `POST /api/v1/groups/{id}/fund/meetings`), each under the idempotency key the
//! phone gave it when it was made — and answered one by one: `recorded`, `repeated` (that key
//! was already done; nothing new), `conflict` (a woman marked who was not a member that day, a
//! meeting of the group — or the fund's meeting — already recorded that day: hers to settle)
//! or `refused`, each with the problem document the single-record operations would have
//! answered. A record that fails never stops the others, and the same request sent twice
//! records nothing the second time.
//!
//! The work and its exactness are the app's (`App::sync_field_records`); this module reads
//! the batch at the edge — a record that cannot be read is refused on its own, not the whole
//! batch — and fingerprints each record by its kind, group and canonical body (the parsed
//! form serialised in its fields' fixed order), so the same record resent in another order or
//! spacing is recognised, and another record under a used key is refused.

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::StatusCode;
use hamyar_app::AppError;
use hamyar_app::group_life::field_sync::{FieldOutcome, FieldRecord, FieldWork};
use hamyar_app::ids::GroupId;
use hamyar_app::once::IdempotencyKey;
use hamyar_domain::Message;
use hamyar_domain::group_life::{AttendanceInput, MeetingInput, VisitInput};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::api::caller::Caller;
use crate::api::fund::NewFundMeeting;
use crate::api::group_life::{NewMeeting, NewVisit};
use crate::api::problem::{Problem, ProblemBody};
use crate::state::AppState;

/// The most records one sync takes: a week of twenty groups is about 500.
pub const RECORDS_MAX: usize = 600;

/// The most bytes a sync's body may have. Larger than the API's 256 KiB on purpose, for this
/// route only: 600 meetings of 25 members each with their topics are about 1 MiB of JSON.
/// Read with this explicit limit by the handler, so no other route is widened.
const SYNC_BODY_BYTES: usize = 2 * 1024 * 1024;

/// The most attendance marks, requests or referrals of one record (as the single routes).
const ENTRIES_MAX: usize = 200;

/// The phone's queue.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SyncRequest {
    /// At most 600.
    pub records: Vec<SyncRecord>,
}

/// One offline record.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SyncRecord {
    /// The key the phone gave the record when it was made (8–120 of `A-Za-z0-9-_.:`).
    pub key: String,
    /// `meeting`, `visit` or `fund_meeting`.
    pub kind: String,
    pub group_id: i64,
    /// The meeting (as `NewMeeting`), the visit (as `NewVisit`) or the fund meeting (as
    /// `NewFundMeeting`).
    #[schema(value_type = Object)]
    pub body: Value,
    /// Record this meeting although the group's meeting of that day is already recorded
    /// (not for a fund meeting: a fund has one meeting a day).
    #[serde(default)]
    pub confirm_duplicate: bool,
}

/// What became of one record.
#[derive(Debug, Serialize, ToSchema)]
pub struct SyncOutcome {
    pub key: String,
    /// `recorded`, `repeated`, `conflict` or `refused`.
    pub outcome: &'static str,
    /// The meeting's, visit's or fund meeting's id, when it is recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Why it is a conflict or was refused, with the field and the messages in both
    /// languages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<ProblemBody>,
    /// The women whose marks (or fund lines) to drop, when the conflict is that they were
    /// not members.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_members: Vec<i64>,
}

/// The answer: one outcome per record, in the request's order.
#[derive(Debug, Serialize, ToSchema)]
pub struct SyncAnswer {
    pub outcomes: Vec<SyncOutcome>,
}

/// Records the phone's offline records, each once under its own key.
#[utoipa::path(post, path = "/api/v1/sync", tag = "group life",
    request_body = SyncRequest,
    responses(
        (status = 200, description = "One outcome per record, in order", body = SyncAnswer),
        (status = 400, description = "A malformed body", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The role may neither record group life nor keep a fund, or a read token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 413, description = "More than 600 records, or a body over 2 MiB", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate is exceeded", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("token" = [])))]
pub async fn sync(
    State(state): State<AppState>,
    caller: Caller,
    body: Body,
) -> Result<Json<SyncAnswer>, Problem> {
    let bytes = axum::body::to_bytes(body, SYNC_BODY_BYTES)
        .await
        .map_err(|_| too_large(&caller, "body", Message::new("api-body_too_large")))?;
    let request: SyncRequest = serde_json::from_slice(&bytes).map_err(|_| {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "bad_request",
            "api-problem_bad_request",
        )
        .field("body", Message::new("api-body_malformed"))
        .in_lang(caller.lang)
    })?;
    if request.records.len() > RECORDS_MAX {
        let message = Message::new("field-too_many_records").arg("max", RECORDS_MAX);
        return Err(too_large(&caller, "records", message));
    }
    // Read each record; those that cannot be read are answered here and skip the app.
    let mut read = Vec::with_capacity(request.records.len());
    let mut outcomes: Vec<Option<SyncOutcome>> = Vec::with_capacity(request.records.len());
    for record in &request.records {
        match read_record(record) {
            Ok(parsed) => {
                read.push(parsed);
                outcomes.push(None);
            }
            Err(problem) => outcomes.push(Some(refused(&caller, &record.key, problem))),
        }
    }
    let done = state
        .app
        .sync_field_records(&caller.actor, &read)
        .await
        .map_err(|e| caller.problem(e))?;
    let mut done = read.iter().zip(done);
    let outcomes = outcomes
        .into_iter()
        .map(|outcome| match outcome {
            Some(outcome) => outcome,
            None => match done.next() {
                Some((record, outcome)) => answer(&caller, record.key.as_str(), outcome),
                None => refused(&caller, "", Problem::internal()),
            },
        })
        .collect();
    Ok(Json(SyncAnswer { outcomes }))
}

fn too_large(caller: &Caller, field: &str, message: Message) -> Problem {
    Problem::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "bad_request",
        "api-problem_bad_request",
    )
    .field(field, message)
    .in_lang(caller.lang)
}

fn malformed(field: &str, message: &'static str) -> Problem {
    Problem::new(
        StatusCode::BAD_REQUEST,
        "bad_request",
        "api-problem_bad_request",
    )
    .field(field, Message::new(message))
}

/// One record read into the app's form, or the problem that stops it.
fn read_record(record: &SyncRecord) -> Result<FieldRecord, Problem> {
    let key = IdempotencyKey::parse(&record.key)
        .ok_or_else(|| malformed("key", "api-idempotency_key_malformed"))?;
    let body_malformed = |_| malformed("body", "api-body_malformed");
    let (work, canonical) = match record.kind.as_str() {
        "meeting" => {
            let meeting: NewMeeting =
                serde_json::from_value(record.body.clone()).map_err(body_malformed)?;
            let input = meeting_input(&meeting)?;
            let canonical = serde_json::to_string(&input).unwrap_or_default();
            let confirm_duplicate = record.confirm_duplicate;
            (
                FieldWork::Meeting {
                    input,
                    confirm_duplicate,
                },
                canonical,
            )
        }
        "visit" => {
            let visit: NewVisit =
                serde_json::from_value(record.body.clone()).map_err(body_malformed)?;
            let input = visit_input(&visit)?;
            let canonical = serde_json::to_string(&input).unwrap_or_default();
            (FieldWork::Visit(input), canonical)
        }
        "fund_meeting" => {
            let meeting: NewFundMeeting =
                serde_json::from_value(record.body.clone()).map_err(body_malformed)?;
            let input = meeting.input().map_err(Problem::from)?;
            let canonical = serde_json::to_string(&input).unwrap_or_default();
            (FieldWork::FundMeeting(input), canonical)
        }
        _ => return Err(malformed("kind", "field-kind_unknown")),
    };
    let mut hash = Sha256::new();
    hash.update(b"sync\n");
    hash.update(record.kind.as_bytes());
    hash.update(format!("\n{}\n", record.group_id).as_bytes());
    hash.update(canonical.as_bytes());
    Ok(FieldRecord {
        key,
        fingerprint: hex::encode(hash.finalize()),
        group_id: GroupId::new(record.group_id),
        work,
    })
}

fn too_many(field: &'static str) -> Problem {
    Problem::from(AppError::Invalid(vec![hamyar_app::FieldError::new(
        field,
        Message::new("api-too_many_entries"),
    )]))
}

fn meeting_input(meeting: &NewMeeting) -> Result<MeetingInput, Problem> {
    if meeting.attendance.len() > ENTRIES_MAX {
        return Err(too_many("attendance"));
    }
    Ok(MeetingInput {
        held_on: meeting.held_on.clone(),
        place: meeting.place.clone(),
        topics: meeting.topics.clone(),
        decisions: meeting.decisions.clone(),
        attendance: meeting
            .attendance
            .iter()
            .map(|mark| AttendanceInput {
                woman_id: mark.woman_id,
                attendance: mark.attendance.clone(),
            })
            .collect(),
    })
}

fn visit_input(visit: &NewVisit) -> Result<VisitInput, Problem> {
    if visit.requests.len() > ENTRIES_MAX || visit.referrals.len() > ENTRIES_MAX {
        return Err(too_many("requests"));
    }
    Ok(VisitInput {
        visited_on: visit.visited_on.clone(),
        visitor_name: visit.visitor_name.clone(),
        purpose: visit.purpose.clone(),
        findings: visit.findings.clone(),
        requests: visit.requests.clone(),
        referrals: visit.referrals.clone(),
        referral_other: visit.referral_other.clone(),
        follow_up_due: visit.follow_up_due.clone(),
    })
}

fn refused(caller: &Caller, key: &str, problem: Problem) -> SyncOutcome {
    SyncOutcome {
        key: key.to_owned(),
        outcome: "refused",
        id: None,
        problem: Some(problem.in_lang(caller.lang).body()),
        not_members: Vec::new(),
    }
}

fn answer(caller: &Caller, key: &str, outcome: FieldOutcome) -> SyncOutcome {
    let (name, id, problem, not_members) = match outcome {
        FieldOutcome::Recorded { id } => ("recorded", Some(id), None, Vec::new()),
        FieldOutcome::Repeated { id } => ("repeated", Some(id), None, Vec::new()),
        FieldOutcome::Conflict { error, women } => {
            let women = women.iter().map(|w| w.get()).collect();
            ("conflict", None, Some(caller.problem(error).body()), women)
        }
        FieldOutcome::Refused(error) => (
            "refused",
            None,
            Some(caller.problem(error).body()),
            Vec::new(),
        ),
    };
    SyncOutcome {
        key: key.to_owned(),
        outcome: name,
        id,
        problem,
        not_members,
    }
}
