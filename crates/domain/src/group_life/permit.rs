//! A group's permits: the health code (کد بهداشتی) and the business licence (پروانه کسب),
//! each with its number, issue date and expiry date. Missing or lapsed permits are among the
//! commonest reasons groups stop selling, so the group page warns [`EXPIRY_WARNING_DAYS`]
//! ahead. A permit that would expire before it was issued is refused.

use crate::message::Message;
use serde::Serialize;

use crate::group_life::codes::PermitKind;
use crate::group_life::{past_date, required_date};
use crate::jalali::JalaliDate;
use crate::registry::Problem;
use crate::registry::fields::{Collector, free_text, required_code};

/// A permit expiring within this many days is "about to expire".
pub const EXPIRY_WARNING_DAYS: i64 = 60;

/// The permit form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct PermitInput {
    /// Named as the form and the problems name it.
    #[serde(rename = "permit_kind")]
    pub kind: String,
    #[serde(rename = "permit_number")]
    pub number: String,
    pub issued_on: String,
    pub expires_on: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PermitDraft {
    pub kind: PermitKind,
    pub number: String,
    pub issued_on: JalaliDate,
    pub expires_on: JalaliDate,
}

impl PermitDraft {
    pub fn parse(input: &PermitInput, today: JalaliDate) -> Result<PermitDraft, Vec<Problem>> {
        let mut problems = Collector::default();
        let kind = problems.take(required_code::<PermitKind>("permit_kind", &input.kind));
        let number = problems.take(
            free_text("permit_number", &input.number, 60, false).and_then(|n| {
                if n.is_empty() {
                    Err(Problem::new(
                        "permit_number",
                        Message::new("permit-permit_number_required"),
                    ))
                } else {
                    Ok(n)
                }
            }),
        );
        let issued_on = problems.take(past_date(
            "issued_on",
            &input.issued_on,
            today,
            "permit-what_issued_on",
        ));
        let expires_on = problems.take(
            required_date("expires_on", &input.expires_on, "permit-what_expires_on").and_then(
                |expires_on| match issued_on {
                    Some(issued_on) if expires_on < issued_on => Err(Problem::new(
                        "expires_on",
                        Message::new("permit-permit_cannot_expire_before_was"),
                    )),
                    _ => Ok(expires_on),
                },
            ),
        );
        problems.finish(|| {
            Some(PermitDraft {
                kind: kind?,
                number: number?,
                issued_on: issued_on?,
                expires_on: expires_on?,
            })
        })
    }
}

/// Where a permit stands on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PermitState {
    Valid,
    /// Expires within [`EXPIRY_WARNING_DAYS`] (today included).
    ExpiringSoon,
    Expired,
}

impl PermitState {
    pub fn on(expires_on: JalaliDate, today: JalaliDate) -> PermitState {
        if expires_on < today {
            PermitState::Expired
        } else if today.days_until(expires_on) <= EXPIRY_WARNING_DAYS {
            PermitState::ExpiringSoon
        } else {
            PermitState::Valid
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u8, day: u8) -> JalaliDate {
        JalaliDate::new(year, month, day).unwrap()
    }

    #[test]
    fn a_permit_expiring_before_it_was_issued_is_refused() {
        let input = PermitInput {
            kind: "کد بهداشتی".into(),
            number: "۱۲۳۴".into(),
            issued_on: "1405/03/01".into(),
            expires_on: "1405/02/31".into(),
        };
        let problems = PermitDraft::parse(&input, day(1405, 9, 8)).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, "expires_on");
        assert!(problems[0].message.fa().contains("پیش از تاریخ صدور"));
        let input = PermitInput {
            expires_on: "1406/03/01".into(),
            ..input
        };
        let draft = PermitDraft::parse(&input, day(1405, 9, 8)).unwrap();
        assert_eq!(draft.kind, PermitKind::HealthCode);
    }

    #[test]
    fn permits_warn_sixty_days_ahead() {
        let today = day(1405, 9, 8);
        assert_eq!(
            PermitState::on(day(1405, 9, 7), today),
            PermitState::Expired
        );
        assert_eq!(PermitState::on(today, today), PermitState::ExpiringSoon);
        assert_eq!(
            PermitState::on(today.add_days(60), today),
            PermitState::ExpiringSoon
        );
        assert_eq!(
            PermitState::on(today.add_days(61), today),
            PermitState::Valid
        );
    }
}
