//! A woman's quiet hours: the part of the day, in Tehran time, when no message may reach
//! her phone (by default 21:00 to 08:00). A window may cross midnight; a window that starts
//! where it ends is no quiet time at all. [`QuietHours::next_allowed`] is the one answer the
//! outbox needs: the first moment at or after an instant when a message may go.

use jiff::{Span, Timestamp};

use crate::jalali::tehran_time_zone;

const MINUTES_PER_DAY: u16 = 24 * 60;

/// A daily window of quiet, as minutes after midnight in Tehran, `start` inclusive and
/// `end` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    start_minute: u16,
    end_minute: u16,
}

impl Default for QuietHours {
    /// 21:00 to 08:00.
    fn default() -> Self {
        Self {
            start_minute: 21 * 60,
            end_minute: 8 * 60,
        }
    }
}

impl QuietHours {
    /// A window from `start_minute` to `end_minute` after midnight; `None` past a day.
    pub fn new(start_minute: u16, end_minute: u16) -> Option<QuietHours> {
        (start_minute < MINUTES_PER_DAY && end_minute < MINUTES_PER_DAY).then_some(Self {
            start_minute,
            end_minute,
        })
    }

    /// Reads `21:00-08:00` (Persian or Latin digits).
    pub fn parse(text: &str) -> Option<QuietHours> {
        let latin = crate::digits::to_latin_digits(text.trim());
        let (start, end) = latin.split_once('-')?;
        Self::new(minute_of(start)?, minute_of(end)?)
    }

    pub fn start_minute(self) -> u16 {
        self.start_minute
    }

    pub fn end_minute(self) -> u16 {
        self.end_minute
    }

    /// `21:00-08:00`, with Latin digits.
    pub fn label(self) -> String {
        format!(
            "{}-{}",
            clock_label(self.start_minute),
            clock_label(self.end_minute)
        )
    }

    /// Whether the minute after Tehran's midnight lies in the window.
    pub fn is_quiet_minute(self, minute: u16) -> bool {
        let (start, end) = (self.start_minute, self.end_minute);
        match start.cmp(&end) {
            std::cmp::Ordering::Equal => false,
            std::cmp::Ordering::Less => (start..end).contains(&minute),
            std::cmp::Ordering::Greater => minute >= start || minute < end,
        }
    }

    /// The first moment at or after `at` that is outside the window: `at` itself when it is
    /// not quiet, else the window's end (the same night's morning, or the next day's).
    pub fn next_allowed(self, at: Timestamp) -> Timestamp {
        let local = at.to_zoned_datetime(tehran_time_zone());
        let minute = u16::try_from(local.hour()).unwrap_or(0) * 60
            + u16::try_from(local.minute()).unwrap_or(0);
        if !self.is_quiet_minute(minute) {
            return at;
        }
        let wait_minutes =
            i64::from((self.end_minute + MINUTES_PER_DAY - minute) % MINUTES_PER_DAY);
        let into_minute = Span::new()
            .seconds(i64::from(local.second()))
            .nanoseconds(i64::from(local.subsec_nanosecond()));
        at.checked_add(Span::new().minutes(wait_minutes))
            .and_then(|later| later.checked_sub(into_minute))
            .unwrap_or(at)
    }
}

fn minute_of(text: &str) -> Option<u16> {
    let (hour, minute) = text.trim().split_once(':')?;
    let hour: u16 = hour.parse().ok()?;
    let minute: u16 = minute.parse().ok()?;
    (hour < 24 && minute < 60).then_some(hour * 60 + minute)
}

fn clock_label(minute: u16) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// An instant at a Tehran wall-clock time (Tehran is +03:30 all year since 1401).
    fn tehran(text: &str) -> Timestamp {
        format!("{text}+03:30").parse().unwrap()
    }

    #[test]
    fn the_default_window_holds_a_late_message_until_eight_the_next_morning() {
        let quiet = QuietHours::default();
        assert_eq!(
            quiet.next_allowed(tehran("2026-12-07T22:15:30")),
            tehran("2026-12-08T08:00:00")
        );
        assert_eq!(
            quiet.next_allowed(tehran("2026-12-08T03:00:00")),
            tehran("2026-12-08T08:00:00")
        );
        let noon = tehran("2026-12-08T12:00:00");
        assert_eq!(quiet.next_allowed(noon), noon);
        let eight = tehran("2026-12-08T08:00:00");
        assert_eq!(quiet.next_allowed(eight), eight);
        assert_eq!(
            quiet.next_allowed(tehran("2026-12-08T21:00:00")),
            tehran("2026-12-09T08:00:00")
        );
    }

    #[test]
    fn a_window_inside_one_day_and_an_empty_window() {
        let siesta = QuietHours::parse("۱۳:۰۰-۱۶:۳۰").unwrap();
        assert_eq!(siesta.label(), "13:00-16:30");
        assert_eq!(
            siesta.next_allowed(tehran("2026-12-08T14:00:00")),
            tehran("2026-12-08T16:30:00")
        );
        let none = QuietHours::new(600, 600).unwrap();
        let late = tehran("2026-12-08T23:59:00");
        assert_eq!(none.next_allowed(late), late);
        assert_eq!(QuietHours::new(1440, 0), None);
        assert_eq!(QuietHours::parse("25:00-08:00"), None);
    }

    proptest! {
        #[test]
        fn the_next_allowed_moment_is_never_quiet_early_or_a_day_away(
            seconds in 1_700_000_000i64..1_900_000_000,
            start in 0u16..1440,
            end in 0u16..1440,
        ) {
            let quiet = QuietHours::new(start, end).unwrap();
            let at = Timestamp::from_second(seconds).unwrap();
            let next = quiet.next_allowed(at);
            prop_assert!(next >= at);
            prop_assert!(next.as_second() - at.as_second() <= 24 * 3600);
            let local = next.to_zoned_datetime(tehran_time_zone());
            let minute = u16::try_from(i32::from(local.hour()) * 60 + i32::from(local.minute())).unwrap();
            prop_assert!(!quiet.is_quiet_minute(minute));
            if next != at {
                prop_assert_eq!(minute, end);
            }
        }
    }
}
