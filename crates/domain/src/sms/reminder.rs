//! When a group's fund is next expected to meet, for the meeting reminder: the cycle's first
//! day until it has met, then its last meeting plus the agreed interval (a week, a fortnight,
//! or the same day of the next Jalali month, clamped at the month's end). A meeting held on
//! another day than expected moves the expectation with it, as the group does.

use crate::fund::MeetingEvery;
use crate::jalali::JalaliDate;
use crate::training::follow_up::months_after;

/// The day the group is next expected to meet.
pub fn expected_meeting_on(
    every: MeetingEvery,
    last_held_on: Option<JalaliDate>,
    starts_on: JalaliDate,
) -> JalaliDate {
    let Some(last) = last_held_on else {
        return starts_on;
    };
    match every {
        MeetingEvery::Weekly => last.add_days(7),
        MeetingEvery::Fortnightly => last.add_days(14),
        MeetingEvery::Monthly => months_after(last, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> JalaliDate {
        JalaliDate::parse(text).unwrap()
    }

    #[test]
    fn a_group_is_expected_on_its_first_day_then_one_interval_after_its_last_meeting() {
        let starts = day("1405/07/01");
        assert_eq!(
            expected_meeting_on(MeetingEvery::Weekly, None, starts),
            starts
        );
        let last = day("1405/09/18");
        assert_eq!(
            expected_meeting_on(MeetingEvery::Weekly, Some(last), starts),
            day("1405/09/25")
        );
        assert_eq!(
            expected_meeting_on(MeetingEvery::Fortnightly, Some(last), starts),
            day("1405/10/02")
        );
        assert_eq!(
            expected_meeting_on(MeetingEvery::Monthly, Some(day("1405/06/31")), starts),
            day("1405/07/30")
        );
    }
}
