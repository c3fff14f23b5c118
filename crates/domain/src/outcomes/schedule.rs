//! When a woman's forms fall due (issue 19). She is *followed* from the day she first joined a
//! group or enrolled in a course (her *start*): a **baseline** then, a **follow-up** every six
//! Jalali months after it while she is covered, one **at exit** on the day her coverage ended,
//! and two **after exit**, six and twelve months later, which say whether she stayed
//! independent. Months are calendar months (`months_after`), so a start on 31 Shahrivar has
//! its follow-up on 29 or 30 Esfand, never a count of days.
//!
//! An occasion is stored as its code and a round (the follow-up's number, 0 for the others).
//! Of the follow-ups only the latest one due is owed: a round missed is not asked after the
//! next has come due, because a late form cannot say how she was six months ago.

use crate::jalali::JalaliDate;
use crate::training::follow_up::months_after;

/// The most follow-up rounds a schedule counts (twenty years).
pub const MAX_ROUNDS: u16 = 40;

/// Which form of her schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Occasion {
    Baseline,
    /// The n-th six-monthly follow-up (n ≥ 1).
    FollowUp(u16),
    Exit,
    AfterExit6,
    AfterExit12,
}

impl Occasion {
    /// The stored code.
    pub const fn code(self) -> &'static str {
        match self {
            Occasion::Baseline => "baseline",
            Occasion::FollowUp(_) => "follow_up",
            Occasion::Exit => "exit",
            Occasion::AfterExit6 => "after_exit_6",
            Occasion::AfterExit12 => "after_exit_12",
        }
    }

    /// The stored round: the follow-up's number, 0 for the others.
    pub const fn round(self) -> u16 {
        match self {
            Occasion::FollowUp(round) => round,
            _ => 0,
        }
    }

    /// The occasion of a stored code and round.
    pub fn from_stored(code: &str, round: i64) -> Option<Occasion> {
        match (code, round) {
            ("baseline", 0) => Some(Occasion::Baseline),
            ("follow_up", round) if (1..=i64::from(MAX_ROUNDS)).contains(&round) => {
                u16::try_from(round).ok().map(Occasion::FollowUp)
            }
            ("exit", 0) => Some(Occasion::Exit),
            ("after_exit_6", 0) => Some(Occasion::AfterExit6),
            ("after_exit_12", 0) => Some(Occasion::AfterExit12),
            _ => None,
        }
    }

    /// Reads `baseline`, `exit`, `after_exit_6`, `after_exit_12` or `follow_up_N`
    /// (the form a spreadsheet column or a form field carries).
    pub fn parse(text: &str) -> Option<Occasion> {
        let text = crate::digits::to_latin_digits(text.trim());
        match text.strip_prefix("follow_up_") {
            Some(round) => Occasion::from_stored("follow_up", round.parse().ok()?),
            None => Occasion::from_stored(&text, 0),
        }
    }

    /// The form [`Occasion::parse`] reads.
    pub fn key(self) -> String {
        match self {
            Occasion::FollowUp(round) => format!("follow_up_{round}"),
            other => other.code().to_string(),
        }
    }
}

/// What her schedule is drawn from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Followed {
    /// The day she first joined a group or enrolled in a course.
    pub started_on: JalaliDate,
    /// The day her coverage ended, if it has.
    pub exited_on: Option<JalaliDate>,
}

/// The day an occasion of her schedule falls due; `None` when her schedule has no such
/// occasion (a follow-up after her exit, an after-exit form before she exited).
pub fn due_on(followed: &Followed, occasion: Occasion) -> Option<JalaliDate> {
    match occasion {
        Occasion::Baseline => Some(followed.started_on),
        Occasion::FollowUp(round) => {
            let months = u8::try_from(u32::from(round) * 6).ok()?;
            let day = months_after(followed.started_on, months);
            match followed.exited_on {
                Some(exit) if day >= exit => None,
                _ => Some(day),
            }
        }
        Occasion::Exit => followed.exited_on,
        Occasion::AfterExit6 => followed.exited_on.map(|exit| months_after(exit, 6)),
        Occasion::AfterExit12 => followed.exited_on.map(|exit| months_after(exit, 12)),
    }
}

/// The occasions of her schedule due by `today`, with their days: the baseline, the latest
/// follow-up due, and the exit's when she has exited. The caller drops those already taken.
pub fn owed(followed: &Followed, today: JalaliDate) -> Vec<(Occasion, JalaliDate)> {
    let mut owed = Vec::new();
    let mut push = |occasion: Occasion| {
        if let Some(day) = due_on(followed, occasion).filter(|day| *day <= today) {
            owed.push((occasion, day));
        }
    };
    push(Occasion::Baseline);
    let latest = (1..=MAX_ROUNDS)
        .take_while(|round| {
            due_on(followed, Occasion::FollowUp(*round)).is_some_and(|day| day <= today)
        })
        .last();
    if let Some(round) = latest {
        push(Occasion::FollowUp(round));
    }
    push(Occasion::Exit);
    push(Occasion::AfterExit6);
    push(Occasion::AfterExit12);
    owed
}

/// The occasion a new form of hers most likely answers on `day`: the latest of her schedule
/// due by then (the form's default).
pub fn likely_occasion(followed: &Followed, day: JalaliDate) -> Occasion {
    owed(followed, day)
        .into_iter()
        .max_by_key(|(_, due)| *due)
        .map(|(occasion, _)| occasion)
        .unwrap_or(Occasion::Baseline)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u8, day: u8) -> JalaliDate {
        JalaliDate::new(year, month, day).unwrap()
    }

    #[test]
    fn follow_ups_fall_every_six_calendar_months() {
        let followed = Followed {
            started_on: day(1402, 6, 31),
            exited_on: None,
        };
        assert_eq!(
            due_on(&followed, Occasion::FollowUp(1)),
            Some(day(1402, 12, 29))
        );
        assert_eq!(
            due_on(&followed, Occasion::FollowUp(2)),
            Some(day(1403, 6, 31))
        );
        assert_eq!(due_on(&followed, Occasion::Exit), None);
    }

    #[test]
    fn only_the_latest_follow_up_is_owed() {
        let followed = Followed {
            started_on: day(1401, 1, 10),
            exited_on: None,
        };
        let owed = owed(&followed, day(1402, 8, 1));
        assert_eq!(
            owed,
            [
                (Occasion::Baseline, day(1401, 1, 10)),
                (Occasion::FollowUp(3), day(1402, 7, 10)),
            ]
        );
    }

    #[test]
    fn exit_ends_the_follow_ups_and_starts_the_after_exit_forms() {
        let followed = Followed {
            started_on: day(1401, 1, 10),
            exited_on: Some(day(1401, 9, 1)),
        };
        let owed = owed(&followed, day(1402, 4, 1));
        assert_eq!(
            owed,
            [
                (Occasion::Baseline, day(1401, 1, 10)),
                (Occasion::FollowUp(1), day(1401, 7, 10)),
                (Occasion::Exit, day(1401, 9, 1)),
                (Occasion::AfterExit6, day(1402, 3, 1)),
            ]
        );
        assert_eq!(
            likely_occasion(&followed, day(1402, 4, 1)),
            Occasion::AfterExit6
        );
    }

    #[test]
    fn occasions_read_back_from_their_keys() {
        for occasion in [
            Occasion::Baseline,
            Occasion::FollowUp(3),
            Occasion::Exit,
            Occasion::AfterExit6,
            Occasion::AfterExit12,
        ] {
            assert_eq!(Occasion::parse(&occasion.key()), Some(occasion));
            assert_eq!(
                Occasion::from_stored(occasion.code(), i64::from(occasion.round())),
                Some(occasion)
            );
        }
        assert_eq!(Occasion::parse("follow_up_۲"), Some(Occasion::FollowUp(2)));
        assert_eq!(Occasion::parse("follow_up_0"), None);
        assert_eq!(Occasion::parse("later"), None);
    }
}
