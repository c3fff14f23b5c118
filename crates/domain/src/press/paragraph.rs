//! The press paragraph composed from a province's figures for a fiscal year, in Persian
//! ([`compose_paragraph`]) and English ([`compose_paragraph_en`]), and the line saying who
//! issues it and when ([`attribution`]).

use serde::Serialize;

use super::amount::{news_amount_en, news_amount_in, news_count, news_count_en, news_year};
use super::period::{news_date, news_date_en, news_period, news_period_en};
use crate::jalali::JalaliDate;
use crate::money::MoneyUnit;

/// What a province's press summary reports for one fiscal year. Figures only: no names of
/// people or groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PressFigures {
    /// The province's Persian name, e.g. «قزوین».
    pub province_name_fa: String,
    /// Its English name, e.g. "Qazvin".
    pub province_name_en: String,
    pub fiscal_year: i32,
    /// Whether the year is the current one: the present tense, else the state at the
    /// year's end.
    pub current_year: bool,
    /// The last day the figures count: today while the year runs, else its last day. The
    /// span is the fiscal year's first day to this one.
    pub period_to: JalaliDate,
    /// The day the summary is drawn (and so issued).
    pub issued_on: JalaliDate,
    /// Groups active on `period_to`.
    pub active_groups: u64,
    /// Members of those groups on the same day.
    pub active_members: u64,
    /// Committed in the span on training, job preparation and strengthening the groups.
    pub headline_spent_rials: i64,
    /// Grants committed (approved, paid or not) in the span.
    pub grants_committed_rials: i64,
    /// Of which paid.
    pub grants_paid_rials: i64,
    /// Groups with a grant committed in the span.
    pub groups_granted: u64,
    /// Women with a grant of their own committed in the span.
    pub women_granted: u64,
    /// The groups' sales in the span (`business.sales`).
    pub sales_rials: i64,
    /// Jobs in the groups' businesses (`business.jobs`).
    pub jobs: u64,
    /// Groups that graduated (became independent) in the span.
    pub graduated_groups: u64,
    /// Women who left support as empowered / self-sufficient in the span.
    pub women_independent: u64,
    /// Women who completed a training course that ended in the span, each once
    /// (`training.women`).
    pub women_trained: u64,
    /// The training courses that ended in the span (`training.runs`).
    pub courses_trained: u64,
    /// The year's target of women exiting as empowered, when the province has a yearly plan
    /// (`crate::plan`): the paragraph then says which share of it `women_independent` is.
    pub women_empowered_target: Option<u64>,
}

/// The words that open a sentence joined to the ones before, in the order they are used:
/// each at most once in a paragraph, so no two sentences in a row open alike.
pub const CONNECTIVES_FA: [&str; 3] = ["همچنین", "افزون بر این،", "هم‌زمان،"];
/// The English connectives, in the same order.
pub const CONNECTIVES_EN: [&str; 3] = ["Also,", "In addition,", "At the same time,"];

/// Hands out the period (named once, then «در این مدت») and the connectives in turn.
struct Turns {
    period: String,
    again: &'static str,
    period_said: bool,
    connectives: &'static [&'static str; 3],
    next: usize,
}

impl Turns {
    fn new(period: String, again: &'static str, connectives: &'static [&'static str; 3]) -> Turns {
        Turns {
            period,
            again,
            period_said: false,
            connectives,
            next: 0,
        }
    }

    fn when(&mut self) -> String {
        if std::mem::replace(&mut self.period_said, true) {
            self.again.to_owned()
        } else {
            self.period.clone()
        }
    }

    fn connective(&mut self) -> &'static str {
        // Five sentences at most, two of which never take one: three are enough.
        let word = self.connectives[self.next.min(self.connectives.len() - 1)];
        self.next += 1;
        word
    }
}

/// Composes the Persian paragraph, amounts in `unit`; see the module documentation.
pub fn compose_paragraph(figures: &PressFigures, unit: MoneyUnit) -> String {
    let province = format!("استان {}", figures.province_name_fa.trim());
    let mut turns = Turns::new(
        news_period(figures.period_to),
        "در این مدت",
        &CONNECTIVES_FA,
    );
    let mut sentences: Vec<String> = Vec::new();
    sentences.extend(groups_fa(figures, &province));
    if let Some(spent) = news_amount_in(figures.headline_spent_rials, unit) {
        // The province's own office speaks, not the national organisation.
        sentences.push(format!(
            "ادارهٔ کل بهزیستی {province} {} مبلغ {spent} برای آموزش، آماده‌سازی شغلی و تقویت گروه‌های همیار هزینه کرده است.",
            turns.when()
        ));
    }
    sentences.extend(training_fa(figures, &mut turns));
    sentences.extend(grants_fa(figures, unit, &mut turns));
    sentences.extend(business_fa(figures, unit, &mut turns));
    sentences.extend(outcomes_fa(figures, &mut turns));
    if sentences.is_empty() {
        return format!(
            "برای {province} {} رقمی در سامانهٔ همیار ثبت نشده است.",
            news_period(figures.period_to)
        );
    }
    sentences.join(" ")
}

/// Who issues the paragraph, and when: «روابط عمومی ادارهٔ کل بهزیستی استان قزوین، ۱۵ آذر ۱۴۰۵».
pub fn attribution(figures: &PressFigures) -> String {
    format!(
        "روابط عمومی ادارهٔ کل بهزیستی استان {}، {}",
        figures.province_name_fa.trim(),
        news_date(figures.issued_on)
    )
}

/// "Public relations, State Welfare Organization of Qazvin Province, 15 Azar 1405".
pub fn attribution_en(figures: &PressFigures) -> String {
    format!(
        "Public relations, State Welfare Organization of {} Province, {}",
        figures.province_name_en.trim(),
        news_date_en(figures.issued_on)
    )
}

fn groups_fa(figures: &PressFigures, province: &str) -> Option<String> {
    if figures.active_groups == 0 {
        return None;
    }
    let groups = news_count(figures.active_groups);
    let members = if figures.active_members > 0 {
        format!(" با {} عضو", news_count(figures.active_members))
    } else {
        String::new()
    };
    let one = figures.active_groups == 1;
    Some(if figures.current_year {
        let verb = if one {
            "می‌کند"
        } else {
            "می‌کنند"
        };
        format!("در {province} {groups} گروه همیار زنان سرپرست خانوار{members} فعالیت {verb}.")
    } else {
        let verb = if one { "بود" } else { "بودند" };
        let year = news_year(figures.fiscal_year);
        format!(
            "در پایان سال {year}، {groups} گروه همیار زنان سرپرست خانوار{members} در {province} فعال {verb}."
        )
    })
}

/// The present perfect of a participle, agreeing with a counted subject: «رسیده است» for
/// one, «رسیده‌اند» for more.
fn perfect(participle: &str, count: u64) -> String {
    if count == 1 {
        format!("{participle} است")
    } else {
        format!("{participle}\u{200c}اند")
    }
}

/// The women trained: how many completed a course, and in how many courses. It opens with
/// the period (or «در این مدت»), never a connective, as it follows the money spent on
/// training.
fn training_fa(figures: &PressFigures, turns: &mut Turns) -> Option<String> {
    if figures.women_trained == 0 {
        return None;
    }
    let courses = if figures.courses_trained > 0 {
        format!(" در {} دورهٔ آموزشی،", news_count(figures.courses_trained))
    } else {
        String::new()
    };
    Some(format!(
        "{}{courses} {} زن سرپرست خانوار آموزش خود را با موفقیت به پایان {}.",
        turns.when(),
        news_count(figures.women_trained),
        perfect("رسانده", figures.women_trained)
    ))
}

/// The grants: to how many groups (and, when no group received one, to how many women);
/// women who hold a share of a group's grant are one figure with the women granted alone,
/// said after the amounts so that no reader adds them to the groups.
fn grants_fa(figures: &PressFigures, unit: MoneyUnit, turns: &mut Turns) -> Vec<String> {
    let committed = news_amount_in(figures.grants_committed_rials, unit);
    let paid = news_amount_in(figures.grants_paid_rials, unit);
    if committed.is_none() && paid.is_none() {
        return Vec::new();
    }
    let to = if figures.groups_granted > 0 {
        format!(" به {} گروه", news_count(figures.groups_granted))
    } else if figures.women_granted > 0 {
        format!(" به {} زن سرپرست خانوار", news_count(figures.women_granted))
    } else {
        String::new()
    };
    let opening = format!("{} {}", turns.connective(), turns.when());
    let sentence = match (committed, paid) {
        (Some(committed), Some(_))
            if figures.grants_paid_rials >= figures.grants_committed_rials =>
        {
            format!("{opening} مبلغ {committed} کمک بلاعوض{to} تعهد و پرداخت شده است.")
        }
        (Some(committed), Some(paid)) => format!(
            "{opening} مبلغ {committed} کمک بلاعوض{to} تعهد شده که {paid} آن پرداخت شده است."
        ),
        (Some(committed), None) => {
            format!("{opening} مبلغ {committed} کمک بلاعوض{to} تعهد شده است.")
        }
        (None, Some(paid)) => format!("{opening} مبلغ {paid} کمک بلاعوض پرداخت شده است."),
        (None, None) => unreachable!("returned above"),
    };
    let mut out = vec![sentence];
    if figures.groups_granted > 0 && figures.women_granted > 0 {
        out.push(format!(
            "{} زن سرپرست خانوار از این کمک‌ها بهره‌مند {}.",
            news_count(figures.women_granted),
            perfect("شده", figures.women_granted)
        ));
    }
    out
}

/// The groups' own business: what they sold and the work it gives.
fn business_fa(figures: &PressFigures, unit: MoneyUnit, turns: &mut Turns) -> Option<String> {
    let sales = news_amount_in(figures.sales_rials, unit);
    let jobs = (figures.jobs > 0).then(|| news_count(figures.jobs));
    if sales.is_none() && jobs.is_none() {
        return None;
    }
    let connective = turns.connective();
    let when = turns.when();
    Some(match (sales, jobs) {
        (Some(sales), Some(jobs)) => format!(
            "{connective} فروش گروه‌های همیار {when} به {sales} رسیده و کسب‌وکار این گروه‌ها برای {jobs} نفر شغل فراهم کرده است."
        ),
        (Some(sales), None) => {
            format!("{connective} فروش گروه‌های همیار {when} به {sales} رسیده است.")
        }
        (None, Some(jobs)) => {
            format!("{connective} کسب‌وکار گروه‌های همیار {when} برای {jobs} نفر شغل فراهم کرده است.")
        }
        (None, None) => unreachable!("returned above"),
    })
}

/// The women who became independent as a whole percentage of the year's plan (rounded
/// down): `None` without a plan, with a target of zero, or when the share rounds to zero (a
/// press paragraph does not publish «۰٪»).
fn share_of_target(figures: &PressFigures) -> Option<u64> {
    let target = figures.women_empowered_target.filter(|t| *t > 0)?;
    let percent = figures.women_independent.saturating_mul(100) / target;
    (percent > 0).then_some(percent)
}

fn outcomes_fa(figures: &PressFigures, turns: &mut Turns) -> Option<String> {
    let mut outcomes: Vec<String> = Vec::new();
    if figures.graduated_groups > 0 {
        outcomes.push(format!(
            "{} گروه همیار به استقلال {}",
            news_count(figures.graduated_groups),
            perfect("رسیده", figures.graduated_groups)
        ));
    }
    if figures.women_independent > 0 {
        let of_target = share_of_target(figures)
            .map(|percent| {
                format!(
                    "، {}٪ از هدف سال",
                    crate::digits::to_persian_digits(&percent.to_string())
                )
            })
            .unwrap_or_default();
        outcomes.push(format!(
            "{} زن سرپرست خانوار توانمند شده و از چرخهٔ حمایت خارج {}{of_target}",
            news_count(figures.women_independent),
            perfect("شده", figures.women_independent)
        ));
    }
    if outcomes.is_empty() {
        return None;
    }
    let connective = turns.connective();
    Some(format!(
        "{connective} {} {}.",
        turns.when(),
        outcomes.join(" و ")
    ))
}

/// Composes the English paragraph, the same sentences as the Persian one.
pub fn compose_paragraph_en(figures: &PressFigures, unit: MoneyUnit) -> String {
    let province = format!("{} Province", figures.province_name_en.trim());
    let mut turns = Turns::new(
        news_period_en(figures.period_to),
        "in this period",
        &CONNECTIVES_EN,
    );
    let mut sentences: Vec<String> = Vec::new();
    sentences.extend(groups_en(figures, &province));
    if let Some(spent) = news_amount_en(figures.headline_spent_rials, unit) {
        sentences.push(format!(
            "The State Welfare Organization's office of {province} spent {spent} on training, job preparation and strengthening the Hamyar groups {}.",
            turns.when()
        ));
    }
    sentences.extend(training_en(figures, &mut turns));
    sentences.extend(grants_en(figures, unit, &mut turns));
    sentences.extend(business_en(figures, unit, &mut turns));
    sentences.extend(outcomes_en(figures, &mut turns));
    if sentences.is_empty() {
        return format!(
            "No figure is recorded in Hamyar for {province} {}.",
            news_period_en(figures.period_to)
        );
    }
    sentences.join(" ")
}

/// «two women heads of household», «one woman head of household».
fn women_en(count: u64) -> String {
    if count == 1 {
        "one woman head of household".to_owned()
    } else {
        format!("{} women heads of household", news_count_en(count))
    }
}

fn groups_en(figures: &PressFigures, province: &str) -> Option<String> {
    if figures.active_groups == 0 {
        return None;
    }
    let one = figures.active_groups == 1;
    let groups = format!(
        "{} Hamyar group{} of women heads of household",
        news_count_en(figures.active_groups),
        if one { "" } else { "s" }
    );
    let members = match figures.active_members {
        0 => String::new(),
        1 => " with one member".to_owned(),
        n => format!(" with {} members", news_count_en(n)),
    };
    Some(if figures.current_year {
        let verb = if one { "is" } else { "are" };
        format!("In {province}, {groups}{members} {verb} active.")
    } else {
        let verb = if one { "was" } else { "were" };
        format!(
            "At the end of {}, {groups}{members} {verb} active in {province}.",
            figures.fiscal_year
        )
    })
}

fn training_en(figures: &PressFigures, turns: &mut Turns) -> Option<String> {
    if figures.women_trained == 0 {
        return None;
    }
    let courses = match figures.courses_trained {
        0 => String::new(),
        1 => " in one course".to_owned(),
        n => format!(" in {} courses", news_count_en(n)),
    };
    Some(format!(
        "{} completed their training{courses} {}.",
        capitalised(&women_en(figures.women_trained)),
        turns.when()
    ))
}

fn grants_en(figures: &PressFigures, unit: MoneyUnit, turns: &mut Turns) -> Vec<String> {
    let committed = news_amount_en(figures.grants_committed_rials, unit);
    let paid = news_amount_en(figures.grants_paid_rials, unit);
    if committed.is_none() && paid.is_none() {
        return Vec::new();
    }
    let to = if figures.groups_granted > 0 {
        let n = figures.groups_granted;
        format!(
            " to {} group{}",
            news_count_en(n),
            if n == 1 { "" } else { "s" }
        )
    } else if figures.women_granted > 0 {
        format!(" to {}", women_en(figures.women_granted))
    } else {
        String::new()
    };
    let connective = turns.connective();
    let when = turns.when();
    let sentence = match (committed, paid) {
        (Some(committed), Some(_))
            if figures.grants_paid_rials >= figures.grants_committed_rials =>
        {
            format!("{connective} grants of {committed} were committed and paid{to} {when}.")
        }
        (Some(committed), Some(paid)) => format!(
            "{connective} grants of {committed} were committed{to} {when}, of which {paid} have been paid."
        ),
        (Some(committed), None) => {
            format!("{connective} grants of {committed} were committed{to} {when}.")
        }
        (None, Some(paid)) => format!("{connective} grants of {paid} were paid {when}."),
        (None, None) => unreachable!("returned above"),
    };
    let mut out = vec![sentence];
    if figures.groups_granted > 0 && figures.women_granted > 0 {
        out.push(format!(
            "{} benefited from these grants.",
            capitalised(&women_en(figures.women_granted))
        ));
    }
    out
}

fn business_en(figures: &PressFigures, unit: MoneyUnit, turns: &mut Turns) -> Option<String> {
    let sales = news_amount_en(figures.sales_rials, unit);
    let jobs = match figures.jobs {
        0 => None,
        1 => Some("one person".to_owned()),
        n => Some(format!("{} people", news_count_en(n))),
    };
    if sales.is_none() && jobs.is_none() {
        return None;
    }
    let connective = turns.connective();
    let when = turns.when();
    Some(match (sales, jobs) {
        (Some(sales), Some(jobs)) => format!(
            "{connective} the groups' sales reached {sales} {when}, and their businesses gave work to {jobs}."
        ),
        (Some(sales), None) => format!("{connective} the groups' sales reached {sales} {when}."),
        (None, Some(jobs)) => {
            format!("{connective} the groups' businesses gave work to {jobs} {when}.")
        }
        (None, None) => unreachable!("returned above"),
    })
}

fn outcomes_en(figures: &PressFigures, turns: &mut Turns) -> Option<String> {
    let mut outcomes: Vec<String> = Vec::new();
    match figures.graduated_groups {
        0 => {}
        1 => outcomes.push("one Hamyar group became independent".to_owned()),
        n => outcomes.push(format!(
            "{} Hamyar groups became independent",
            news_count_en(n)
        )),
    }
    match figures.women_independent {
        0 => {}
        n => outcomes.push(format!(
            "{} {} empowered and left support{}",
            women_en(n),
            if n == 1 { "was" } else { "were" },
            share_of_target(figures)
                .map(|percent| format!(", {percent}% of the year's target"))
                .unwrap_or_default()
        )),
    }
    if outcomes.is_empty() {
        return None;
    }
    let connective = turns.connective();
    Some(format!(
        "{connective} {}, {}.",
        turns.when(),
        outcomes.join(" and ")
    ))
}

fn capitalised(text: &str) -> String {
    let mut characters = text.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(year: i32, month: u8, day: u8) -> JalaliDate {
        JalaliDate::new(year, month, day).unwrap()
    }

    fn qazvin() -> PressFigures {
        PressFigures {
            province_name_fa: "قزوین".to_owned(),
            province_name_en: "Qazvin".to_owned(),
            fiscal_year: 1405,
            current_year: true,
            period_to: day(1405, 8, 30),
            issued_on: day(1405, 8, 30),
            active_groups: 30,
            active_members: 0,
            headline_spent_rials: 743_000_000,
            grants_committed_rials: 0,
            grants_paid_rials: 0,
            groups_granted: 0,
            women_granted: 0,
            sales_rials: 0,
            jobs: 0,
            graduated_groups: 0,
            women_independent: 0,
            women_trained: 0,
            courses_trained: 0,
            women_empowered_target: None,
        }
    }

    fn every_figure() -> PressFigures {
        PressFigures {
            active_members: 184,
            grants_committed_rials: 1_250_000_000,
            grants_paid_rials: 800_000_000,
            groups_granted: 4,
            women_granted: 2,
            sales_rials: 2_400_000_000,
            jobs: 36,
            graduated_groups: 2,
            women_independent: 11,
            ..qazvin()
        }
    }

    #[test]
    fn with_a_plan_the_women_who_became_independent_are_a_share_of_the_years_target() {
        let planned = PressFigures {
            women_empowered_target: Some(30),
            ..every_figure()
        };
        let fa = compose_paragraph(&planned, MoneyUnit::Rial);
        assert!(
            fa.contains(
                "۱۱ زن سرپرست خانوار توانمند شده و از چرخهٔ حمایت خارج شده‌اند، ۳۶٪ از هدف سال."
            ),
            "{fa}"
        );
        let en = compose_paragraph_en(&planned, MoneyUnit::Rial);
        assert!(
            en.contains("left support, 36% of the year's target."),
            "{en}"
        );
        // No plan, a zero target or a share that rounds to nothing: no share is said.
        for target in [None, Some(0), Some(5_000)] {
            let figures = PressFigures {
                women_empowered_target: target,
                ..every_figure()
            };
            assert_eq!(
                compose_paragraph(&figures, MoneyUnit::Rial),
                compose_paragraph(&every_figure(), MoneyUnit::Rial)
            );
        }
    }

    #[test]
    fn the_seed_paragraph_names_the_office_and_the_period() {
        assert_eq!(
            compose_paragraph(&qazvin(), MoneyUnit::Rial),
            "در استان قزوین ۳۰ گروه همیار زنان سرپرست خانوار فعالیت می‌کنند. \
             ادارهٔ کل بهزیستی استان قزوین از ابتدای فروردین تا پایان آبان ۱۴۰۵ مبلغ ۷۴۳ میلیون ریال \
             برای آموزش، آماده‌سازی شغلی و تقویت گروه‌های همیار هزینه کرده است."
        );
        assert_eq!(
            attribution(&qazvin()),
            "روابط عمومی ادارهٔ کل بهزیستی استان قزوین، ۳۰ آبان ۱۴۰۵"
        );
    }

    #[test]
    fn every_clause_with_small_counts_in_words_and_connectives_in_turn() {
        assert_eq!(
            compose_paragraph(&every_figure(), MoneyUnit::Rial),
            "در استان قزوین ۳۰ گروه همیار زنان سرپرست خانوار با ۱۸۴ عضو فعالیت می‌کنند. \
             ادارهٔ کل بهزیستی استان قزوین از ابتدای فروردین تا پایان آبان ۱۴۰۵ مبلغ ۷۴۳ میلیون ریال \
             برای آموزش، آماده‌سازی شغلی و تقویت گروه‌های همیار هزینه کرده است. همچنین در این مدت \
             مبلغ یک میلیارد و ۲۵۰ میلیون ریال کمک بلاعوض به چهار گروه تعهد شده که ۸۰۰ میلیون ریال \
             آن پرداخت شده است. دو زن سرپرست خانوار از این کمک‌ها بهره‌مند شده‌اند. افزون بر این، \
             فروش گروه‌های همیار در این مدت به ۲ میلیارد و ۴۰۰ میلیون ریال رسیده و کسب‌وکار این \
             گروه‌ها برای ۳۶ نفر شغل فراهم کرده است. هم‌زمان، در این مدت دو گروه همیار به استقلال \
             رسیده‌اند و ۱۱ زن سرپرست خانوار توانمند شده و از چرخهٔ حمایت خارج شده‌اند."
        );
    }

    #[test]
    fn the_english_paragraph_says_the_same() {
        assert_eq!(
            compose_paragraph_en(&every_figure(), MoneyUnit::Rial),
            "In Qazvin Province, 30 Hamyar groups of women heads of household with 184 members \
             are active. The State Welfare Organization's office of Qazvin Province spent 743 \
             million rials on training, job preparation and strengthening the Hamyar groups from \
             the start of Farvardin to the end of Aban 1405. Also, grants of 1.25 billion rials \
             were committed to four groups in this period, of which 800 million rials have been \
             paid. Two women heads of household benefited from these grants. In addition, the \
             groups' sales reached 2.4 billion rials in this period, and their businesses gave \
             work to 36 people. At the same time, in this period, two Hamyar groups became \
             independent and 11 women heads of household were empowered and left support."
        );
        assert_eq!(
            attribution_en(&qazvin()),
            "Public relations, State Welfare Organization of Qazvin Province, 30 Aban 1405"
        );
    }

    #[test]
    fn the_women_trained_follow_the_money_spent_on_training() {
        let figures = PressFigures {
            women_trained: 12,
            courses_trained: 3,
            ..qazvin()
        };
        assert_eq!(
            compose_paragraph(&figures, MoneyUnit::Rial),
            "در استان قزوین ۳۰ گروه همیار زنان سرپرست خانوار فعالیت می‌کنند. \
             ادارهٔ کل بهزیستی استان قزوین از ابتدای فروردین تا پایان آبان ۱۴۰۵ مبلغ ۷۴۳ میلیون ریال \
             برای آموزش، آماده‌سازی شغلی و تقویت گروه‌های همیار هزینه کرده است. در این مدت در سه \
             دورهٔ آموزشی، ۱۲ زن سرپرست خانوار آموزش خود را با موفقیت به پایان رسانده‌اند."
        );
        assert!(compose_paragraph_en(&figures, MoneyUnit::Rial).ends_with(
            "12 women heads of household completed their training in three courses in this \
                 period."
        ));
        let one = PressFigures {
            women_trained: 1,
            courses_trained: 1,
            headline_spent_rials: 0,
            ..figures
        };
        assert!(compose_paragraph(&one, MoneyUnit::Rial).ends_with(
            "از ابتدای فروردین تا پایان آبان ۱۴۰۵ در یک دورهٔ آموزشی، یک زن سرپرست خانوار \
                 آموزش خود را با موفقیت به پایان رسانده است."
        ));
    }

    #[test]
    fn amounts_follow_the_readers_unit() {
        let text = compose_paragraph(&every_figure(), MoneyUnit::Toman);
        assert!(text.contains("۷۴ میلیون و ۳۰۰ هزار تومان"), "{text}");
        assert!(text.contains("۲۴۰ میلیون تومان"), "{text}");
        assert!(!text.contains("ریال"), "{text}");
        let english = compose_paragraph_en(&every_figure(), MoneyUnit::Toman);
        assert!(english.contains("74.3 million tomans"), "{english}");
        assert!(!english.contains("rial"), "{english}");
    }

    #[test]
    fn verbs_agree_with_one() {
        let figures = PressFigures {
            active_groups: 1,
            headline_spent_rials: 0,
            graduated_groups: 1,
            women_independent: 1,
            jobs: 1,
            ..qazvin()
        };
        assert_eq!(
            compose_paragraph(&figures, MoneyUnit::Rial),
            "در استان قزوین یک گروه همیار زنان سرپرست خانوار فعالیت می‌کند. همچنین کسب‌وکار \
             گروه‌های همیار از ابتدای فروردین تا پایان آبان ۱۴۰۵ برای یک نفر شغل فراهم کرده است. \
             افزون بر این، در این مدت یک گروه همیار به استقلال رسیده است و یک زن سرپرست خانوار \
             توانمند شده و از چرخهٔ حمایت خارج شده است."
        );
        let english = compose_paragraph_en(&figures, MoneyUnit::Rial);
        assert!(
            english.starts_with(
                "In Qazvin Province, one Hamyar group of women heads of household is active."
            ),
            "{english}"
        );
        assert!(
            english.contains("one woman head of household was empowered"),
            "{english}"
        );
        let past = PressFigures {
            current_year: false,
            ..figures
        };
        assert!(compose_paragraph(&past, MoneyUnit::Rial).contains("در استان قزوین فعال بود."));
    }

    #[test]
    fn a_past_year_speaks_of_its_end() {
        let figures = PressFigures {
            current_year: false,
            fiscal_year: 1404,
            period_to: day(1404, 12, 29),
            active_members: 180,
            grants_committed_rials: 300_000_000,
            grants_paid_rials: 300_000_000,
            groups_granted: 1,
            ..qazvin()
        };
        assert_eq!(
            compose_paragraph(&figures, MoneyUnit::Rial),
            "در پایان سال ۱۴۰۴، ۳۰ گروه همیار زنان سرپرست خانوار با ۱۸۰ عضو در استان قزوین \
             فعال بودند. ادارهٔ کل بهزیستی استان قزوین از ابتدای فروردین تا پایان اسفند ۱۴۰۴ مبلغ \
             ۷۴۳ میلیون ریال برای آموزش، آماده‌سازی شغلی و تقویت گروه‌های همیار هزینه کرده است. \
             همچنین در این مدت مبلغ ۳۰۰ میلیون ریال کمک بلاعوض به یک گروه تعهد و پرداخت شده است."
        );
    }

    #[test]
    fn zero_figures_leave_no_clause() {
        let figures = PressFigures {
            active_groups: 0,
            ..qazvin()
        };
        assert_eq!(
            compose_paragraph(&figures, MoneyUnit::Rial),
            "ادارهٔ کل بهزیستی استان قزوین از ابتدای فروردین تا پایان آبان ۱۴۰۵ مبلغ ۷۴۳ میلیون \
             ریال برای آموزش، آماده‌سازی شغلی و تقویت گروه‌های همیار هزینه کرده است."
        );
    }

    #[test]
    fn nothing_recorded_says_so() {
        let figures = PressFigures {
            active_groups: 0,
            headline_spent_rials: 0,
            period_to: day(1405, 9, 15),
            ..qazvin()
        };
        assert_eq!(
            compose_paragraph(&figures, MoneyUnit::Rial),
            "برای استان قزوین از ابتدای فروردین تا ۱۵ آذر ۱۴۰۵ رقمی در سامانهٔ همیار ثبت نشده است."
        );
        assert_eq!(
            compose_paragraph_en(&figures, MoneyUnit::Rial),
            "No figure is recorded in Hamyar for Qazvin Province from the start of Farvardin to \
             15 Azar 1405."
        );
    }

    fn any_figures() -> impl Strategy<Value = (PressFigures, MoneyUnit)> {
        let count = prop_oneof![Just(0u64), 1u64..12, 1u64..5_000];
        let trained = (count.clone(), count.clone());
        let money = prop_oneof![Just(0i64), 1i64..50_000_000_000_000];
        (
            (1390i32..1420, any::<bool>(), 1u8..=12, 1u8..=29),
            (count.clone(), count.clone(), count.clone()),
            (money.clone(), money.clone(), money.clone(), money),
            (count.clone(), count.clone(), count.clone(), count),
            trained,
            prop_oneof![
                Just(MoneyUnit::Rial),
                Just(MoneyUnit::Toman),
                Just(MoneyUnit::NewRial)
            ],
        )
            .prop_map(
                |(
                    (fiscal_year, current_year, month, day_of_month),
                    (active_groups, active_members, jobs),
                    (headline_spent_rials, grants_committed_rials, grants_paid_rials, sales_rials),
                    (groups_granted, women_granted, graduated_groups, women_independent),
                    (women_trained, courses_trained),
                    unit,
                )| {
                    let to = day(fiscal_year, month, day_of_month);
                    (
                        PressFigures {
                            province_name_fa: "کهگیلویه و بویراحمد".to_owned(),
                            province_name_en: "Kohgiluyeh and Boyer-Ahmad".to_owned(),
                            fiscal_year,
                            current_year,
                            period_to: to,
                            issued_on: to,
                            active_groups,
                            active_members,
                            headline_spent_rials,
                            grants_committed_rials,
                            grants_paid_rials,
                            groups_granted,
                            women_granted,
                            sales_rials,
                            jobs,
                            graduated_groups,
                            women_independent,
                            women_trained,
                            courses_trained,
                            women_empowered_target: None,
                        },
                        unit,
                    )
                },
            )
    }

    /// Whether `text` has a number that is exactly zero (a run of Persian digits, all «۰»).
    fn has_zero_figure(text: &str) -> bool {
        let mut run = String::new();
        for character in text.chars().chain(std::iter::once(' ')) {
            if ('۰'..='۹').contains(&character) || character == '\u{066C}' {
                run.push(character);
            } else {
                if !run.is_empty() && run.chars().all(|c| c == '۰') {
                    return true;
                }
                run.clear();
            }
        }
        false
    }

    /// The connective each sentence opens with, if any.
    fn openings(text: &str, connectives: &[&str]) -> Vec<Option<String>> {
        text.split(". ")
            .map(|sentence| {
                connectives
                    .iter()
                    .find(|c| sentence.starts_with(**c))
                    .map(|c| (*c).to_owned())
            })
            .collect()
    }

    fn no_repeated_opening(text: &str, connectives: &[&str]) -> bool {
        let opened: Vec<String> = openings(text, connectives).into_iter().flatten().collect();
        let mut distinct = opened.clone();
        distinct.sort();
        distinct.dedup();
        distinct.len() == opened.len()
    }

    proptest! {
        #[test]
        fn whole_sentences_persian_digits_and_varied_openings((figures, unit) in any_figures()) {
            let text = compose_paragraph(&figures, unit);
            prop_assert!(!text.chars().any(|c| c.is_ascii_alphanumeric()), "{}", text);
            prop_assert!(!has_zero_figure(&text), "{}", text);
            prop_assert!(text.ends_with('.'));
            prop_assert!(!text.contains("  "));
            prop_assert!(!text.contains(" .") && !text.contains(" ،"));
            prop_assert!(no_repeated_opening(&text, &CONNECTIVES_FA), "{}", text);
            let english = compose_paragraph_en(&figures, unit);
            prop_assert!(no_repeated_opening(&english, &CONNECTIVES_EN), "{}", english);
            prop_assert!(!english.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)), "{}", english);
            prop_assert!(english.ends_with('.') && !english.contains("  "), "{}", english);
            let span_figure = figures.headline_spent_rials > 0
                || figures.grants_committed_rials > 0
                || figures.grants_paid_rials > 0
                || figures.sales_rials > 0
                || figures.jobs > 0
                || figures.graduated_groups > 0
                || figures.women_independent > 0
                || figures.active_groups == 0;
            if span_figure {
                prop_assert!(text.contains(&news_period(figures.period_to)), "{}", text);
                prop_assert!(english.contains(&news_period_en(figures.period_to)), "{}", english);
            }
            if figures.active_groups == 0 {
                prop_assert!(!text.contains("فعالیت می‌کنند") && !text.contains("فعال بودند"));
            }
            if figures.headline_spent_rials == 0 {
                prop_assert!(!text.contains("آماده‌سازی شغلی"));
            }
            if figures.grants_committed_rials == 0 && figures.grants_paid_rials == 0 {
                prop_assert!(!text.contains("بلاعوض"));
            }
            if figures.sales_rials == 0 {
                prop_assert!(!text.contains("فروش"));
            }
            if figures.jobs == 0 {
                prop_assert!(!text.contains("شغل فراهم"));
            }
            if figures.graduated_groups == 0 {
                prop_assert!(!text.contains("استقلال"));
            }
            if figures.women_independent == 0 {
                prop_assert!(!text.contains("چرخهٔ حمایت"));
            }
        }
    }
}
