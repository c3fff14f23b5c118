//! What one group or one woman adds to the dashboards, worked out from that owner's own rows
//! alone (pure functions, so the kept read model and a full rebuild cannot disagree). Each
//! event is a number on a day: summed over the days up to some day it gives a state (a stage
//! held, a woman being a member, a group registered or ended), summed over a span it gives a
//! flow (moves into a stage, visits, business months).

use hamyar_domain::groups::GroupStage;
use hamyar_domain::groups::lifecycle::{counts_as_registered, has_ended};
use std::collections::BTreeMap;

use hamyar_app::ports::{StoreError, StoreResult};
use hamyar_domain::JalaliDate;

/// Moves into a stage (+1 on the day of each move), per stage code.
pub(crate) const STAGE_IN: &str = "stage_in";
/// The stage a group holds: +1 into it on the day of a move, -1 out of it on the day of the
/// group's next move. Summed up to a day, it counts the groups in each stage that day.
pub(crate) const STAGE_HELD: &str = "stage";
/// +1 on the day a group was first registered (under follow-up from then on).
pub(crate) const REGISTERED: &str = "registered";
/// +1 on the day a registered group was dissolved or graduated (under follow-up until then).
pub(crate) const ENDED: &str = "ended";
/// A visit on its day; code [`FOLLOWED`] when the group was under follow-up that day.
pub(crate) const VISIT: &str = "visit";
pub(crate) const FOLLOWED: &str = "followed";
pub(crate) const NOT_FOLLOWED: &str = "other";
/// A business month on its first day: `n` 1, `a` revenue, `b` profit (rials).
pub(crate) const BUSINESS: &str = "business";
/// On the first day of a Jalali year: `n` holds the months a group reported that year as bits
/// (bit 0 is Farvardin), so the groups reporting in a span of months are counted exactly.
pub(crate) const BUSINESS_MONTHS: &str = "business_months";
/// A woman's days as a member of a group not ended: +1 when she starts counting, -1 when she
/// stops, per county (`member_c`), per province (`member_p`, county 0) and over the country
/// (`member_all`, province and county 0), each the union of her memberships there.
pub(crate) const MEMBER_COUNTY: &str = "member_c";
pub(crate) const MEMBER_PROVINCE: &str = "member_p";
pub(crate) const MEMBER_COUNTRY: &str = "member_all";

/// Where an event is counted and what it is; with the day, the key of a stored event.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct EventKey {
    pub measure: String,
    pub code: String,
    pub province_id: i64,
    pub county_id: i64,
    pub day: String,
}

/// The numbers of an event (or of a tally): a count and two amounts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Amounts {
    pub n: i64,
    pub a: i64,
    pub b: i64,
}

impl Amounts {
    pub(crate) fn add(&mut self, other: Amounts, sign: i64) {
        self.n += sign * other.n;
        self.a += sign * other.a;
        self.b += sign * other.b;
    }

    pub(crate) fn is_zero(self) -> bool {
        self == Amounts::default()
    }
}

/// One owner's events, netted per key and without zeros, in key order.
pub(crate) type Events = BTreeMap<EventKey, Amounts>;

/// A group's own rows, as the events need them.
#[derive(Debug, Clone, Default)]
pub(crate) struct GroupFacts {
    pub province_id: i64,
    pub county_id: i64,
    /// `(effective_on, stage)`, oldest first (by day, then in the order recorded).
    pub moves: Vec<(String, GroupStage)>,
    pub visits: Vec<String>,
    /// `(year, month, revenue, profit)`.
    pub business: Vec<(i64, i64, i64, i64)>,
}

/// A place: (province, county); 0 stands for "all" at the wider levels.
type Place = (i64, i64);
/// Days `[start, end)`; no end: still counting.
type Span = (String, Option<String>);
/// Where a membership counts at one level: the measure and the place it is counted in.
type Level = (&'static str, fn(Place) -> Place);

/// One membership of a woman, with its group's place and end.
#[derive(Debug, Clone)]
pub(crate) struct MembershipFacts {
    pub province_id: i64,
    pub county_id: i64,
    pub joined_on: String,
    pub left_on: Option<String>,
    pub group_ended_on: Option<String>,
}

struct Builder {
    events: Events,
}

impl Builder {
    fn push(&mut self, measure: &str, code: &str, place: Place, day: &str, amounts: Amounts) {
        let key = EventKey {
            measure: measure.to_owned(),
            code: code.to_owned(),
            province_id: place.0,
            county_id: place.1,
            day: day.to_owned(),
        };
        self.events.entry(key).or_default().add(amounts, 1);
    }

    fn count(&mut self, measure: &str, code: &str, place: Place, day: &str, n: i64) {
        self.push(measure, code, place, day, Amounts { n, a: 0, b: 0 });
    }

    fn finish(mut self) -> Events {
        self.events.retain(|_, amounts| !amounts.is_zero());
        self.events
    }
}

/// The first day the group moved into a stage the domain's `wanted` rule picks.
fn first_day_with(facts: &GroupFacts, wanted: fn(GroupStage) -> bool) -> Option<&str> {
    let mut first: Option<&str> = None;
    for (day, stage) in &facts.moves {
        if wanted(*stage) && first.is_none_or(|earliest| day.as_str() < earliest) {
            first = Some(day.as_str());
        }
    }
    first
}

fn iso_of(year: i64, month: i64) -> StoreResult<String> {
    let (year, month) = (i32::try_from(year), u8::try_from(month));
    match (year, month) {
        (Ok(year), Ok(month)) => JalaliDate::new(year, month, 1)
            .map(|day| day.to_iso_string())
            .map_err(|e| StoreError::Database(format!("stored month: {e}"))),
        _ => Err(StoreError::Database("stored month out of range".into())),
    }
}

/// The events of one group.
pub(crate) fn group_events(facts: &GroupFacts) -> StoreResult<Events> {
    let place = (facts.province_id, facts.county_id);
    let mut out = Builder {
        events: Events::new(),
    };
    for (index, (day, stage)) in facts.moves.iter().enumerate() {
        out.count(STAGE_IN, stage.code(), place, day, 1);
        out.count(STAGE_HELD, stage.code(), place, day, 1);
        if let Some((next_day, _)) = facts.moves.get(index + 1) {
            out.count(STAGE_HELD, stage.code(), place, next_day, -1);
        }
    }
    let registered = first_day_with(facts, counts_as_registered);
    let ended = first_day_with(facts, has_ended);
    // Under follow-up from registration to the end, both days included; a group that ended
    // before it was ever registered was never followed.
    let followed = match (registered, ended) {
        (Some(from), Some(until)) if until >= from => Some((from, Some(until))),
        (Some(from), None) => Some((from, None)),
        _ => None,
    };
    if let Some((from, until)) = followed {
        out.count(REGISTERED, "", place, from, 1);
        if let Some(until) = until {
            out.count(ENDED, "", place, until, 1);
        }
    }
    for day in &facts.visits {
        let inside = followed.is_some_and(|(from, until)| {
            day.as_str() >= from && until.is_none_or(|until| day.as_str() <= until)
        });
        let code = if inside { FOLLOWED } else { NOT_FOLLOWED };
        out.count(VISIT, code, place, day, 1);
    }
    let mut months_by_year: BTreeMap<i64, i64> = BTreeMap::new();
    for &(year, month, revenue, profit) in &facts.business {
        let amounts = Amounts {
            n: 1,
            a: revenue,
            b: profit,
        };
        out.push(BUSINESS, "", place, &iso_of(year, month)?, amounts);
        if (1..=12).contains(&month) {
            *months_by_year.entry(year).or_default() |= 1 << (month - 1);
        }
    }
    for (year, bits) in months_by_year {
        out.count(BUSINESS_MONTHS, "", place, &iso_of(year, 1)?, bits);
    }
    Ok(out.finish())
}

/// The day after an ISO day.
fn next_day(day: &str) -> StoreResult<String> {
    JalaliDate::from_iso_str(day)
        .map(|date| date.add_days(1).to_iso_string())
        .map_err(|e| StoreError::Database(format!("stored day: {e}")))
}

/// The events of one woman: her days as a member, per county, province and the country.
pub(crate) fn woman_events(memberships: &[MembershipFacts]) -> StoreResult<Events> {
    // Each membership counts from the day she joined up to and including the day she left,
    // and no longer than the day before its group ended: `[start, end)`.
    let mut spans: Vec<(Place, Span)> = Vec::new();
    for membership in memberships {
        let left = membership.left_on.as_deref().map(next_day).transpose()?;
        let end = match (left, membership.group_ended_on.clone()) {
            (Some(left), Some(ended)) => Some(left.min(ended)),
            (left, ended) => left.or(ended),
        };
        if end
            .as_deref()
            .is_some_and(|end| end <= membership.joined_on.as_str())
        {
            continue;
        }
        let place = (membership.province_id, membership.county_id);
        spans.push((place, (membership.joined_on.clone(), end)));
    }
    let mut out = Builder {
        events: Events::new(),
    };
    let levels: [Level; 3] = [
        (MEMBER_COUNTY, |place| place),
        (MEMBER_PROVINCE, |place| (place.0, 0)),
        (MEMBER_COUNTRY, |_| (0, 0)),
    ];
    for (measure, area) in levels {
        let mut by_area: BTreeMap<Place, Vec<Span>> = BTreeMap::new();
        for (place, span) in &spans {
            by_area.entry(area(*place)).or_default().push(span.clone());
        }
        for (place, mut list) in by_area {
            list.sort();
            let mut merged: Vec<Span> = Vec::new();
            for (start, end) in list {
                match merged.last_mut() {
                    // Overlapping or touching: one longer span (an open end wins).
                    Some((_, last_end))
                        if last_end.as_deref().is_none_or(|e| e >= start.as_str()) =>
                    {
                        if last_end.is_some()
                            && end.as_deref().is_none_or(|e| Some(e) > last_end.as_deref())
                        {
                            *last_end = end;
                        }
                    }
                    _ => merged.push((start, end)),
                }
            }
            for (start, end) in merged {
                out.count(measure, "", place, &start, 1);
                if let Some(end) = end {
                    out.count(measure, "", place, &end, -1);
                }
            }
        }
    }
    Ok(out.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n_of(events: &Events, measure: &str, code: &str, day: &str) -> i64 {
        events
            .iter()
            .filter(|(key, _)| key.measure == measure && key.code == code && key.day == day)
            .map(|(_, amounts)| amounts.n)
            .sum()
    }

    fn held_on(events: &Events, stage: &str, day: &str) -> i64 {
        events
            .iter()
            .filter(|(key, _)| {
                key.measure == STAGE_HELD && key.code == stage && key.day.as_str() <= day
            })
            .map(|(_, amounts)| amounts.n)
            .sum()
    }

    fn moves(list: &[(&str, &str)]) -> Vec<(String, GroupStage)> {
        list.iter()
            .map(|(day, stage)| (day.to_string(), GroupStage::from_code(stage).unwrap()))
            .collect()
    }

    #[test]
    fn a_group_holds_one_stage_at_a_time_and_counts_each_move() {
        let facts = GroupFacts {
            province_id: 1,
            county_id: 2,
            moves: moves(&[
                ("2026-01-10", "identified"),
                ("2026-02-01", "registered"),
                ("2026-02-01", "active"),
                ("2026-05-01", "dissolved"),
            ]),
            ..GroupFacts::default()
        };
        let events = group_events(&facts).unwrap();
        assert_eq!(held_on(&events, "identified", "2026-01-31"), 1);
        assert_eq!(held_on(&events, "identified", "2026-02-01"), 0);
        // Two moves on one day: the later one is the stage held that day.
        assert_eq!(held_on(&events, "registered", "2026-02-01"), 0);
        assert_eq!(held_on(&events, "active", "2026-03-01"), 1);
        assert_eq!(held_on(&events, "dissolved", "2026-06-01"), 1);
        assert_eq!(n_of(&events, STAGE_IN, "registered", "2026-02-01"), 1);
        assert_eq!(n_of(&events, REGISTERED, "", "2026-02-01"), 1);
        assert_eq!(n_of(&events, ENDED, "", "2026-05-01"), 1);
        assert!(
            events
                .keys()
                .all(|key| key.province_id == 1 && key.county_id == 2)
        );
    }

    #[test]
    fn visits_count_as_follow_up_only_while_the_group_is_followed() {
        let facts = GroupFacts {
            moves: moves(&[("2026-01-10", "identified"), ("2026-02-01", "registered")]),
            visits: vec![
                "2026-01-20".into(),
                "2026-02-01".into(),
                "2026-03-01".into(),
            ],
            ..GroupFacts::default()
        };
        let events = group_events(&facts).unwrap();
        assert_eq!(n_of(&events, VISIT, NOT_FOLLOWED, "2026-01-20"), 1);
        assert_eq!(n_of(&events, VISIT, FOLLOWED, "2026-02-01"), 1);
        assert_eq!(n_of(&events, VISIT, FOLLOWED, "2026-03-01"), 1);
    }

    #[test]
    fn business_months_are_summed_and_marked_per_year() {
        let facts = GroupFacts {
            business: vec![(1405, 1, 100, 10), (1405, 3, 200, 20), (1404, 12, 50, 5)],
            ..GroupFacts::default()
        };
        let events = group_events(&facts).unwrap();
        let farvardin = JalaliDate::new(1405, 1, 1).unwrap().to_iso_string();
        assert_eq!(n_of(&events, BUSINESS_MONTHS, "", &farvardin), 0b101);
        let esfand = JalaliDate::new(1404, 12, 1).unwrap().to_iso_string();
        let key = events
            .iter()
            .find(|(key, _)| key.measure == BUSINESS && key.day == esfand)
            .unwrap();
        assert_eq!(*key.1, Amounts { n: 1, a: 50, b: 5 });
    }

    fn membership(
        county: i64,
        joined: &str,
        left: Option<&str>,
        ended: Option<&str>,
    ) -> MembershipFacts {
        MembershipFacts {
            province_id: 1,
            county_id: county,
            joined_on: joined.into(),
            left_on: left.map(Into::into),
            group_ended_on: ended.map(Into::into),
        }
    }

    fn member_on(events: &Events, measure: &str, day: &str) -> i64 {
        events
            .iter()
            .filter(|(key, _)| key.measure == measure && key.day.as_str() <= day)
            .map(|(_, amounts)| amounts.n)
            .sum()
    }

    #[test]
    fn a_woman_in_two_groups_counts_once_per_area() {
        let events = woman_events(&[
            membership(2, "2026-01-01", None, None),
            membership(3, "2026-02-01", Some("2026-03-01"), None),
            membership(2, "2026-01-15", None, Some("2026-04-01")),
        ])
        .unwrap();
        assert_eq!(member_on(&events, MEMBER_COUNTRY, "2026-02-15"), 1);
        assert_eq!(member_on(&events, MEMBER_PROVINCE, "2026-02-15"), 1);
        assert_eq!(member_on(&events, MEMBER_COUNTY, "2026-02-15"), 2);
        // She left county 3's group on 03-01: still a member that day, not the next.
        let county_3 = |day: &str| {
            events
                .iter()
                .filter(|(k, _)| {
                    k.measure == MEMBER_COUNTY && k.county_id == 3 && k.day.as_str() <= day
                })
                .map(|(_, a)| a.n)
                .sum::<i64>()
        };
        assert_eq!(county_3("2026-03-01"), 1);
        assert_eq!(county_3("2026-03-02"), 0);
        assert_eq!(member_on(&events, MEMBER_COUNTRY, "2030-01-01"), 1);
    }

    #[test]
    fn a_membership_stops_counting_when_its_group_ends() {
        let events =
            woman_events(&[membership(2, "2026-01-01", None, Some("2026-04-01"))]).unwrap();
        assert_eq!(member_on(&events, MEMBER_COUNTY, "2026-03-31"), 1);
        assert_eq!(member_on(&events, MEMBER_COUNTY, "2026-04-01"), 0);
        let none = woman_events(&[membership(2, "2026-04-01", None, Some("2026-04-01"))]).unwrap();
        assert!(none.is_empty());
    }
}
