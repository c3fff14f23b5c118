//! A group's business in one Jalali month: what it sold, what it spent, the profit (derived,
//! never typed, and negative in a losing month), what each member was paid, where it sold,
//! and how many people it employed.
//!
//! This is the group's own bookkeeping as its members report it, not programme money: it is
//! kept in integer rials like all money, but it does not pass through the ledger, which holds
//! only what Behzisti allocates, commits and pays.

use crate::message::{Message, MessageArg};
use serde::Serialize;

use crate::digits::{to_latin_digits, to_persian_digits};
use crate::group_life::codes::SalesChannel;
use crate::jalali::JalaliDate;
use crate::money::Rials;
use crate::registry::Problem;
use crate::registry::fields::{Collector, free_text, is_blank, optional_code};

/// At most this many people counted in one month's jobs.
const MAX_PEOPLE: u32 = 1_000;

/// A Jalali calendar month, ordered in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct YearMonth {
    pub year: i32,
    pub month: u8,
}

impl YearMonth {
    /// The month, if `month` is 1–12 and the year has four digits.
    pub fn new(year: i32, month: u8) -> Option<YearMonth> {
        ((1000..=9999).contains(&year) && (1..=12).contains(&month))
            .then_some(YearMonth { year, month })
    }

    /// The month a day falls in.
    pub fn of(date: JalaliDate) -> YearMonth {
        YearMonth {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The month after this one.
    pub fn next(self) -> YearMonth {
        if self.month == 12 {
            YearMonth {
                year: self.year + 1,
                month: 1,
            }
        } else {
            YearMonth {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// «آذر ۱۴۰۵».
    pub fn label_fa(self) -> String {
        let name = crate::jalali::month_name_fa(self.month).unwrap_or("");
        to_persian_digits(&format!("{name} {}", self.year))
    }

    /// "Azar 1405".
    pub fn label_en(self) -> String {
        let name = crate::jalali::month_name_en(self.month).unwrap_or("");
        format!("{name} {}", self.year)
    }
}

/// Every month from `first` to `last`, both included (empty when `last` is earlier).
pub fn months_from(first: YearMonth, last: YearMonth) -> Vec<YearMonth> {
    let mut months = Vec::new();
    let mut month = first;
    while month <= last {
        months.push(month);
        month = month.next();
    }
    months
}

/// What one member was paid in the month, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct PaymentInput {
    /// The woman's id in the registry.
    pub woman_id: i64,
    /// Blank means nothing was paid.
    pub amount: String,
}

/// The business form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct BusinessInput {
    pub year: String,
    pub month: String,
    pub revenue: String,
    pub costs: String,
    pub members_working: String,
    pub people_hired: String,
    /// Codes (or labels) of the channels ticked.
    pub channels: Vec<String>,
    /// What "other" means, when ticked.
    pub channel_other: String,
    pub payments: Vec<PaymentInput>,
}

/// A valid month's record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BusinessDraft {
    pub month: YearMonth,
    pub revenue: Rials,
    pub costs: Rials,
    /// Revenue minus costs; negative in a losing month.
    pub profit: Rials,
    pub members_working: u32,
    pub people_hired: u32,
    /// In list order, each once.
    pub channels: Vec<SalesChannel>,
    pub channel_other: String,
    /// Members paid something (zero included when typed), by woman id.
    pub payments: Vec<(i64, Rials)>,
}

impl BusinessDraft {
    /// Checks every field against `today` (a month still to come cannot be reported) and
    /// reports every problem at once.
    pub fn parse(input: &BusinessInput, today: JalaliDate) -> Result<BusinessDraft, Vec<Problem>> {
        let mut problems = Collector::default();
        let month = problems.take(month(input, today));
        let revenue = problems.take(amount("revenue", &input.revenue, "business-what_revenue"));
        let costs = problems.take(amount("costs", &input.costs, "business-what_costs"));
        let working = problems.take(people("members_working", &input.members_working));
        let hired = problems.take(people("people_hired", &input.people_hired));
        let channels = problems.take(channels(&input.channels));
        let other = problems.take(channel_other(channels.as_deref(), &input.channel_other));
        let payments = problems.take(payments(&input.payments));
        let profit = match (revenue, costs) {
            (Some(revenue), Some(costs)) => {
                problems.take(revenue.checked_sub(costs).ok_or_else(|| {
                    Problem::new("costs", Message::new("business-profit_overflows"))
                }))
            }
            _ => None,
        };
        problems.finish(|| {
            Some(BusinessDraft {
                month: month?,
                revenue: revenue?,
                costs: costs?,
                profit: profit?,
                members_working: working?,
                people_hired: hired?,
                channels: channels?,
                channel_other: other?,
                payments: payments?,
            })
        })
    }

    /// The channel codes joined with `,`, as stored.
    pub fn channel_codes(&self) -> String {
        self.channels
            .iter()
            .map(|channel| channel.code())
            .collect::<Vec<_>>()
            .join(",")
    }
}

fn month(input: &BusinessInput, today: JalaliDate) -> Result<YearMonth, Problem> {
    let number = |text: &str| to_latin_digits(text.trim()).parse::<i64>().ok();
    let (Some(year), Some(month)) = (number(&input.year), number(&input.month)) else {
        return Err(Problem::new(
            "month",
            Message::new("business-enter_year_month_numbers_e"),
        ));
    };
    let month = i32::try_from(year)
        .ok()
        .zip(u8::try_from(month).ok())
        .and_then(|(year, month)| YearMonth::new(year, month))
        .ok_or_else(|| {
            Problem::new(
                "month",
                Message::new("business-year_have_four_digits_month"),
            )
        })?;
    if month > YearMonth::of(today) {
        return Err(Problem::new(
            "month",
            Message::new("business-month_not_yet").arg(
                "month",
                MessageArg::label(month.label_fa(), month.label_en()),
            ),
        ));
    }
    Ok(month)
}

/// A required, non-negative amount of rials; `what` is the catalogue id of its name in
/// messages (`business-what_revenue`: «درآمد», "revenue").
fn amount(field: &'static str, text: &str, what: &'static str) -> Result<Rials, Problem> {
    if is_blank(text) {
        return Err(Problem::new(
            field,
            Message::new("business-amount_required")
                .arg("what", MessageArg::Message(Message::new(what))),
        ));
    }
    let value = Rials::parse(text).map_err(|error| Problem::from_error(field, &error))?;
    if value.is_negative() {
        return Err(Problem::new(
            field,
            Message::new("business-amount_negative")
                .arg("what", MessageArg::Message(Message::new(what))),
        ));
    }
    Ok(value)
}

/// A head count from 0 to [`MAX_PEOPLE`]; blank is 0.
fn people(field: &'static str, text: &str) -> Result<u32, Problem> {
    if is_blank(text) {
        return Ok(0);
    }
    to_latin_digits(text.trim())
        .parse::<u32>()
        .ok()
        .filter(|count| *count <= MAX_PEOPLE)
        .ok_or_else(|| {
            Problem::new(
                field,
                Message::new("business-people_out_of_range")
                    .arg("max", MessageArg::digits(MAX_PEOPLE)),
            )
        })
}

fn channels(texts: &[String]) -> Result<Vec<SalesChannel>, Problem> {
    let mut channels = Vec::new();
    for text in texts {
        if let Some(channel) = optional_code::<SalesChannel>("channels", text)? {
            channels.push(channel);
        }
    }
    channels.sort();
    channels.dedup();
    Ok(channels)
}

fn channel_other(channels: Option<&[SalesChannel]>, text: &str) -> Result<String, Problem> {
    let text = free_text("channel_other", text, 200, false)?;
    let other_ticked = channels.is_some_and(|c| c.contains(&SalesChannel::Other));
    if other_ticked && text.is_empty() {
        return Err(Problem::new(
            "channel_other",
            Message::new("business-describe_other_sales_channel"),
        ));
    }
    Ok(if other_ticked { text } else { String::new() })
}

fn payments(inputs: &[PaymentInput]) -> Result<Vec<(i64, Rials)>, Problem> {
    let mut payments: Vec<(i64, Rials)> = Vec::new();
    for input in inputs {
        if is_blank(&input.amount) {
            continue;
        }
        let value = amount("payments", &input.amount, "business-what_payment")?;
        if payments.iter().any(|(woman, _)| *woman == input.woman_id) {
            return Err(Problem::new(
                "payments",
                Message::new("business-enter_one_payment_per_member"),
            ));
        }
        payments.push((input.woman_id, value));
    }
    Ok(payments)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> JalaliDate {
        JalaliDate::new(1405, 9, 8).unwrap()
    }

    fn input() -> BusinessInput {
        BusinessInput {
            year: "۱۴۰۵".into(),
            month: "۸".into(),
            revenue: "۱۲٬۰۰۰٬۰۰۰".into(),
            costs: "15000000".into(),
            members_working: "6".into(),
            people_hired: "".into(),
            channels: vec!["shop".into(), "online".into(), "shop".into()],
            channel_other: "ignored".into(),
            payments: vec![
                PaymentInput {
                    woman_id: 7,
                    amount: "۱۰۰۰".into(),
                },
                PaymentInput {
                    woman_id: 8,
                    amount: " ".into(),
                },
            ],
        }
    }

    #[test]
    fn a_losing_month_has_a_negative_profit_and_persian_digits_are_read() {
        let draft = BusinessDraft::parse(&input(), today()).unwrap();
        assert_eq!(draft.month, YearMonth::new(1405, 8).unwrap());
        assert_eq!(draft.profit, Rials::new(-3_000_000));
        assert_eq!(draft.people_hired, 0);
        assert_eq!(draft.channel_codes(), "shop,online");
        assert_eq!(draft.channel_other, "");
        assert_eq!(draft.payments, vec![(7, Rials::new(1000))]);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut bad = input();
        bad.month = "9".into();
        bad.year = "1406".into();
        bad.revenue = "-5".into();
        bad.costs = "".into();
        bad.members_working = "دو".into();
        bad.channels = vec!["other".into()];
        bad.channel_other = " ".into();
        bad.payments[0].amount = "-1".into();
        let problems = BusinessDraft::parse(&bad, today()).unwrap_err();
        let fields: Vec<_> = problems.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                "month",
                "revenue",
                "costs",
                "members_working",
                "channel_other",
                "payments"
            ]
        );
        assert_eq!(problems[0].message.id(), "business-month_not_yet");
        assert_eq!(
            problems[0].message.args(),
            &[("month", MessageArg::label("آذر ۱۴۰۶", "Azar 1406"))]
        );
        assert_eq!(problems[1].message.id(), "business-amount_negative");
        assert_eq!(
            problems[1].message.args(),
            &[(
                "what",
                MessageArg::Message(Message::new("business-what_revenue"))
            )]
        );
        assert_eq!(problems[2].message.id(), "business-amount_required");
        assert_eq!(problems[3].message.id(), "business-people_out_of_range");
    }

    #[test]
    fn months_run_across_the_new_year() {
        let months = months_from(
            YearMonth::new(1404, 11).unwrap(),
            YearMonth::new(1405, 2).unwrap(),
        );
        let labels: Vec<_> = months.iter().map(|m| (m.year, m.month)).collect();
        assert_eq!(labels, [(1404, 11), (1404, 12), (1405, 1), (1405, 2)]);
        assert!(
            months_from(
                YearMonth::new(1405, 2).unwrap(),
                YearMonth::new(1405, 1).unwrap()
            )
            .is_empty()
        );
    }
}
