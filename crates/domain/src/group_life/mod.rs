//! The life of a Hamyar group after it is formed: its monthly business record, its meetings,
//! the monitoring visits of officials (with the requests members raise and the follow-up the
//! office owes them) and its permits (health code and business licence).
//!
//! Everything here is pure validation: forms arrive as text and leave as drafts whose dates
//! are [`JalaliDate`]s and whose money is [`Rials`], or as
//! every [`Problem`](crate::registry::Problem) at once, tied to the form's field names and
//! explained in Persian and English. Which woman was a member in which month, who may record
//! what and where it is stored are the application's; "today" is always a parameter.
//!
//! - [`codes`]: sales channels, attendance, referral bodies and permit kinds.
//! - [`business`]: the monthly business record and the calendar months a chart spans.
//! - [`meeting`]: a meeting with each member's attendance.
//! - [`visit`]: a monitoring visit, its requests and referrals, its follow-up and when it is
//!   due or overdue, and the provincial "no visit for N months" threshold.
//! - [`permit`]: a permit's dates and whether it is about to expire.

pub mod business;
pub mod codes;
pub mod meeting;
pub mod permit;
pub mod visit;

pub use business::{BusinessDraft, BusinessInput, PaymentInput, YearMonth, months_from};
pub use codes::{Attendance, PermitKind, Referral, SalesChannel};
pub use meeting::{AttendanceInput, MeetingDraft, MeetingInput};
pub use permit::{EXPIRY_WARNING_DAYS, PermitDraft, PermitInput, PermitState};
pub use visit::{
    DUE_WITHIN_DAYS, FollowUpDraft, FollowUpState, NO_VISIT_MONTHS_DEFAULT, NoVisitMonths,
    ResolutionDraft, VisitDraft, VisitInput, follow_up_state,
};

use crate::JalaliDate;
use crate::message::{Message, MessageArg};
use crate::registry::Problem;
use crate::registry::fields::is_blank;

/// A required Jalali date that is not after `today`; `what` is the catalogue id of the date's
/// name in messages (`meeting-what_held_on`: «تاریخ جلسه», "meeting date").
pub(crate) fn past_date(
    field: &'static str,
    text: &str,
    today: JalaliDate,
    what: &'static str,
) -> Result<JalaliDate, Problem> {
    let date = required_date(field, text, what)?;
    if date > today {
        return Err(Problem::new(
            field,
            Message::new("group_life-date_after_today")
                .arg("what", MessageArg::Message(Message::new(what))),
        ));
    }
    Ok(date)
}

/// A required Jalali date, with Persian, Arabic or Latin digits; `what` is the catalogue id of
/// its name, as for [`past_date`].
pub(crate) fn required_date(
    field: &'static str,
    text: &str,
    what: &'static str,
) -> Result<JalaliDate, Problem> {
    if is_blank(text) {
        return Err(Problem::new(
            field,
            Message::new("group_life-date_required")
                .arg("what", MessageArg::Message(Message::new(what))),
        ));
    }
    JalaliDate::parse(text).map_err(|error| Problem::from_error(field, &error))
}

/// An optional Jalali date: blank is `None`.
pub(crate) fn optional_date(
    field: &'static str,
    text: &str,
) -> Result<Option<JalaliDate>, Problem> {
    if is_blank(text) {
        return Ok(None);
    }
    JalaliDate::parse(text)
        .map(Some)
        .map_err(|error| Problem::from_error(field, &error))
}
