//! `/api/v1/groups/{id}/fund` and `/fund/meetings`: a group's fund as the meeting screen
//! shows it (the open cycle's rules needed to type a meeting, the cash in the box and at the
//! bank as the books say, each member's shares, savings and loan left), and a fund meeting
//! recorded through the same use-case as the screen, done once per `Idempotency-Key`
//! (`fund_screen`, `record_fund_meeting_once`). The field app takes the fund before it goes
//! offline and sends its meetings back, here or in a sync (`kind: fund_meeting`, `sync.rs`).
//!
//! The body of a meeting is the screen's form as typed — amounts as text (Persian or Latin
//! digits, separators allowed), presence as a boolean — so the domain checks it exactly as it
//! checks the form. Loans are not taken over the API yet: a body with `loans` is malformed.
//! Money in answers is whole rials. Reading the fund is audited as the screen is
//! (`fund.view`, with the members as subjects).

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use hamyar_app::fund::FundScreen;
use hamyar_app::ids::GroupId;
use hamyar_domain::fund::meeting::{MeetingInput, MemberLineInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::caller::Caller;
use crate::api::group_life::Recorded;
use crate::api::input::{ApiPath, Write};
use crate::api::paging::recorded;
use crate::api::problem::{Problem, ProblemBody};
use crate::state::AppState;

/// The most member lines one meeting takes (a group has at most a few dozen members).
pub const LINES_MAX: usize = 200;

/// The open cycle's rules a meeting is typed with.
#[derive(Debug, Serialize, ToSchema)]
pub struct FundCycle {
    pub id: i64,
    /// The group's cycles are numbered from 1.
    pub number: i64,
    /// Jalali, `1405/01/15`: a meeting falls between the first and last day.
    pub starts_on: String,
    pub ends_on: String,
    /// The price of one share, rials.
    pub share_price: i64,
    /// The most shares a member buys at one meeting.
    pub max_shares: i64,
    /// Each member's contribution to the social fund at a meeting, rials (may be 0).
    pub social_contribution: i64,
    /// `weekly`, `fortnightly` or `monthly`.
    pub meeting_every: String,
}

/// A member of the group today, with her standing in the fund.
#[derive(Debug, Serialize, ToSchema)]
pub struct FundMember {
    pub woman_id: i64,
    pub name: String,
    /// Shares bought in the cycle.
    pub shares: i64,
    /// Her savings in the cycle, rials.
    pub savings: i64,
    /// What is left of her loan, rials; 0 without one.
    pub loan_left: i64,
    /// Days her loan is behind its schedule today; 0 when it is not, or without a loan.
    pub loan_days_late: i64,
}

/// A group's fund, as the meeting screen shows it before a meeting.
#[derive(Debug, Serialize, ToSchema)]
pub struct FundView {
    pub group_id: i64,
    /// The open cycle; `null` when the group has none (no meeting can be recorded then, and
    /// the figures below are those of its last cycle, if any).
    pub cycle: Option<FundCycle>,
    /// Cash the books say is in the box, rials.
    pub cash_in_box: i64,
    /// Cash the books say is at the bank, rials.
    pub cash_at_bank: i64,
    /// Jalali day of the open cycle's last meeting: a new one must come after it.
    pub last_meeting_on: Option<String>,
    pub members: Vec<FundMember>,
}

/// One member's row of a meeting, as typed on the screen.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FundMeetingLine {
    pub woman_id: i64,
    /// She came.
    #[serde(default)]
    pub present: bool,
    /// Shares she bought (blank: none).
    #[serde(default)]
    pub shares: String,
    /// Her social-fund contribution, rials (blank: none).
    #[serde(default)]
    pub social: String,
    /// Her loan repayment, rials (blank: none).
    #[serde(default)]
    pub repayment: String,
    /// A fine, rials (blank: none).
    #[serde(default)]
    pub fine: String,
}

/// A fund meeting as the facilitator typed it (no loans over the API yet).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewFundMeeting {
    /// Jalali date it was held, `1405/09/16`.
    pub held_on: String,
    #[serde(default)]
    pub lines: Vec<FundMeetingLine>,
    /// Cash taken to the bank, rials; negative: drawn from it into the box (blank: none).
    #[serde(default)]
    pub to_bank: String,
    /// Cash counted in the box at the end, rials.
    pub cash_counted: String,
    #[serde(default)]
    pub note: String,
}

impl NewFundMeeting {
    /// The screen's input, or a refusal of a list too long to read.
    pub fn input(&self) -> Result<MeetingInput, hamyar_app::AppError> {
        if self.lines.len() > LINES_MAX {
            return Err(hamyar_app::AppError::Invalid(vec![
                hamyar_app::FieldError::new(
                    "lines",
                    hamyar_domain::Message::new("api-too_many_entries"),
                ),
            ]));
        }
        Ok(MeetingInput {
            held_on: self.held_on.clone(),
            lines: self
                .lines
                .iter()
                .map(|line| MemberLineInput {
                    woman_id: line.woman_id,
                    present: line.present,
                    shares: line.shares.clone(),
                    social: line.social.clone(),
                    repayment: line.repayment.clone(),
                    fine: line.fine.clone(),
                })
                .collect(),
            loans: Vec::new(),
            to_bank: self.to_bank.clone(),
            cash_counted: self.cash_counted.clone(),
            note: self.note.clone(),
        })
    }
}

fn view(screen: FundScreen) -> FundView {
    let cycle = screen.cycle.as_ref().map(|cycle| FundCycle {
        id: cycle.id.get(),
        number: cycle.number,
        starts_on: cycle.starts_on.to_string(),
        ends_on: cycle.ends_on.to_string(),
        share_price: cycle.share_value_rials,
        max_shares: cycle.max_shares,
        social_contribution: cycle.social_rials,
        meeting_every: cycle.meeting_every.code().to_owned(),
    });
    // The screen's meetings are the open cycle's when it has one.
    let last_meeting_on = cycle
        .as_ref()
        .and_then(|_| screen.meetings.last())
        .map(|meeting| meeting.held_on.to_string());
    FundView {
        group_id: screen.group.id.get(),
        cycle,
        cash_in_box: screen.position.cash,
        cash_at_bank: screen.position.bank,
        last_meeting_on,
        members: screen
            .members
            .into_iter()
            .map(|member| {
                let (loan_left, loan_days_late) = member
                    .loan
                    .map_or((0, 0), |(_, left, late)| (left, late.max(0)));
                FundMember {
                    woman_id: member.woman_id.get(),
                    name: member.name,
                    shares: member.shares,
                    savings: member.savings,
                    loan_left,
                    loan_days_late,
                }
            })
            .collect(),
    }
}

/// The group's fund: the open cycle's rules, the cash, each member's standing.
#[utoipa::path(get, path = "/api/v1/groups/{id}/fund", tag = "fund",
    params(("id" = i64, Path, description = "The group's id")),
    responses(
        (status = 200, description = "The fund; `cycle` is null when the group has no open cycle", body = FundView),
        (status = 400, description = "A malformed id", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The role may not see funds, or a facilitator of another group", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such group in the caller's place", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate is exceeded", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("token" = [])))]
pub async fn show(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<FundView>, Problem> {
    let screen = state
        .app
        .fund_screen(&caller.actor, GroupId::new(id))
        .await
        .map_err(|e| caller.problem(e))?;
    Ok(Json(view(screen)))
}

/// Records a meeting of the group's open fund cycle, once per idempotency key.
#[utoipa::path(post, path = "/api/v1/groups/{id}/fund/meetings", tag = "fund",
    params(
        ("id" = i64, Path, description = "The group's id"),
        ("Idempotency-Key" = String, Header, description = "The client's key for this record: a repeat answers as the first", min_length = 8, max_length = 120, pattern = r"^[A-Za-z0-9._:-]{8,120}$"),
    ),
    request_body = NewFundMeeting,
    responses(
        (status = 201, description = "Recorded", body = Recorded),
        (status = 200, description = "Already recorded under this key", body = Recorded),
        (status = 400, description = "A malformed body or key (a body with `loans` too)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The role or a read token may not keep funds, or a facilitator of another group", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such group in the caller's place", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "Fields refused (no open cycle, a day already met or before the last meeting, a woman not a member that day, the cash counted…)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate is exceeded", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("token" = [])))]
pub async fn record_meeting(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    write: Write<NewFundMeeting>,
) -> Result<Response, Problem> {
    let input = write.body.input().map_err(|e| caller.problem(e))?;
    let once = state
        .app
        .record_fund_meeting_once(&caller.actor, GroupId::new(id), &input, write.request())
        .await
        .map_err(|e| caller.problem(e))?;
    let location = format!("/api/v1/groups/{id}/fund/meetings/{}", once.value);
    let body = Recorded {
        id: once.value,
        repeated: once.repeated,
    };
    Ok(recorded(body, once.repeated, Some(&location)))
}
