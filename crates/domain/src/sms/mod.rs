//! Text messages to the women (issue 21's SMS outbox): what a message says and when it may
//! go, with no storage, no clock and no network. The outbox that keeps, sends and retries
//! them is the app's (`hamyar_app::sms`); the gateways that carry them are `hamyar-sms`.
//!
//! - [`SmsKind`]: the five kinds of message, with the stable codes the outbox stores.
//! - [`template`]: each kind's Persian text, rendered from values (a group's name, a Jalali
//!   day, an amount in rials) with Persian digits and the app's own date and money formats,
//!   refused when it would carry a national ID or not fit the segments allowed.
//! - [`segments`]: how many SMS parts a text takes (GSM 7-bit or UCS-2).
//! - [`quiet`]: a woman's quiet hours in Tehran time and the next moment a message may go.
//! - [`reminder`]: the day a group's fund is next expected to meet.
//! - [`retry`]: the backoff between attempts and when to give up.

pub mod quiet;
pub mod reminder;
pub mod retry;
pub mod segments;
pub mod template;

pub use quiet::QuietHours;
pub use reminder::expected_meeting_on;
pub use retry::{RetryDecision, RetrySchedule};
pub use segments::{Encoding, Segments};
pub use template::{SmsTemplate, SmsText, SmsTextError};

/// The kinds of message the outbox sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SmsKind {
    /// The day before (or the morning of) her group's meeting.
    MeetingReminder,
    /// What she saved at a fund meeting.
    SavingReceipt,
    /// What she paid back of her fund loan at a meeting.
    RepaymentReceipt,
    /// An official's visit to her group.
    VisitNotice,
    /// A questionnaire of her follow-up schedule falls due.
    AssessmentDue,
}

impl SmsKind {
    pub const ALL: [SmsKind; 5] = [
        SmsKind::MeetingReminder,
        SmsKind::SavingReceipt,
        SmsKind::RepaymentReceipt,
        SmsKind::VisitNotice,
        SmsKind::AssessmentDue,
    ];

    /// The stable code stored in the outbox.
    pub fn code(self) -> &'static str {
        match self {
            SmsKind::MeetingReminder => "meeting_reminder",
            SmsKind::SavingReceipt => "saving_receipt",
            SmsKind::RepaymentReceipt => "repayment_receipt",
            SmsKind::VisitNotice => "visit_notice",
            SmsKind::AssessmentDue => "assessment_due",
        }
    }

    pub fn parse(code: &str) -> Option<SmsKind> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_code() {
        for kind in SmsKind::ALL {
            assert_eq!(SmsKind::parse(kind.code()), Some(kind));
        }
        assert_eq!(SmsKind::parse("newsletter"), None);
    }
}
