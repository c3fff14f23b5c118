//! The facility history on a woman's file («سوابق تسهیلات و کمک‌ها»): each grant or loan
//! with its source, body, kind, amount (in the reader's money unit and the page's digits),
//! Jalali date and the group it went through, and the form to declare support from another
//! body (its handler is on the file, `woman_file::declare_facility`, like the file's other
//! forms). Also the views of the double-support warnings, for the pages that approve grants
//! (`support_warnings.html`), and the phrases of all of it.

use hamyar_app::facilities::{FacilityEntry, SupportWarning};
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::registry::WomanId;
use hamyar_domain::facilities::{FacilityBody, FacilityKind, FacilitySource};
use hamyar_domain::jalali::{DateStyle, Digits};
use hamyar_domain::{JalaliDate, MoneyUnit};

use crate::pages::codes::{self, Choice};
use hamyar_i18n::{Arg, Lang};
use hamyar_reports::format::money;

/// One entry of the history, ready to show.
pub struct FacilityView {
    pub source: &'static str,
    pub programme: bool,
    /// The body's label, and its name when one was typed.
    pub body: String,
    pub kind: &'static str,
    pub amount: String,
    pub granted_on: String,
    pub group: Option<(GroupId, String)>,
    pub note: String,
    pub withdrawn_on: Option<String>,
}

fn date(day: JalaliDate, lang: Lang) -> String {
    match lang {
        Lang::Fa => day.format(DateStyle::Numeric, Digits::Persian),
        Lang::En => day.format(DateStyle::Numeric, Digits::Latin),
    }
}

fn body_label(entry: &FacilityEntry, lang: Lang) -> String {
    let label = codes::label(entry.body, lang);
    match (entry.body, entry.body_name.trim()) {
        (_, "") => label.to_owned(),
        (FacilityBody::Other, name) => name.to_owned(),
        (_, name) => format!("{label} ({name})"),
    }
}

/// The history as the file shows it.
pub fn views(entries: &[FacilityEntry], unit: MoneyUnit, lang: Lang) -> Vec<FacilityView> {
    entries
        .iter()
        .map(|entry| FacilityView {
            source: codes::label(entry.source, lang),
            programme: entry.source == FacilitySource::Programme,
            body: body_label(entry, lang),
            kind: codes::label(entry.kind, lang),
            amount: money(entry.amount.value(), unit, lang),
            granted_on: date(entry.granted_on, lang),
            group: entry.group.clone(),
            note: entry.note.clone(),
            withdrawn_on: entry.withdrawn_on.map(|day| date(day, lang)),
        })
        .collect()
}

/// The bodies one may declare (every body but this programme).
pub fn declarable_bodies(lang: Lang) -> Vec<Choice> {
    let bodies: Vec<FacilityBody> = FacilityBody::ALL
        .iter()
        .copied()
        .filter(|body| *body != FacilityBody::Hamyar)
        .collect();
    codes::choices_of(&bodies, lang)
}

pub fn kinds(lang: Lang) -> Vec<Choice> {
    codes::choices::<FacilityKind>(lang)
}

/// A woman named in a double-support warning, with what she received.
pub struct WarningView {
    pub woman_id: WomanId,
    pub woman_name: String,
    /// «۱۲ ماه» / "12 months", and the window's first day.
    pub window: String,
    pub prior: Vec<FacilityView>,
}

/// Warnings as `support_warnings.html` shows them (for the pages that approve grants).
pub fn warning_views(warnings: &[SupportWarning], unit: MoneyUnit, lang: Lang) -> Vec<WarningView> {
    warnings
        .iter()
        .map(|warning| {
            let (from, on) = (date(warning.from, lang), date(warning.on, lang));
            let window = lang.tr(
                "facilities-window_span",
                &[
                    ("months", Arg::Number(i64::from(warning.window.months()))),
                    ("from", Arg::Text(&from)),
                    ("to", Arg::Text(&on)),
                ],
            );
            WarningView {
                woman_id: warning.woman_id,
                woman_name: warning.woman_name.clone(),
                window,
                prior: views(&warning.prior, unit, lang),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use askama::Template;
    use hamyar_app::facilities::{FacilityEntry, SupportWarning};
    use hamyar_domain::facilities::{FacilityBody, FacilityKind, FacilitySource, SupportWindow};
    use hamyar_domain::{JalaliDate, MoneyUnit, Rials};

    use super::{WarningView, warning_views};
    use hamyar_i18n::Lang;

    /// Stands in for the page context: the partial only asks it for phrases.
    struct Phrases;

    impl Phrases {
        fn t(&self, key: &str) -> &'static str {
            Lang::Fa.t(key)
        }
    }

    #[derive(Template)]
    #[template(source = "{% include \"support_warnings.html\" %}", ext = "html")]
    struct Partial {
        ctx: Phrases,
        support_warnings: Vec<WarningView>,
    }

    #[test]
    fn the_warning_partial_names_the_woman_and_each_prior_facility_in_persian() {
        let day = |m, d| JalaliDate::new(1405, m, d).unwrap();
        let warning = SupportWarning {
            woman_id: hamyar_app::ports::registry::WomanId::new(7),
            woman_name: "مریم کریمی".into(),
            window: SupportWindow::default(),
            from: JalaliDate::new(1404, 9, 8).unwrap(),
            on: day(9, 8),
            prior: vec![FacilityEntry {
                id: 1,
                woman_id: hamyar_app::ports::registry::WomanId::new(7),
                source: FacilitySource::Declared,
                body: FacilityBody::ReliefCommittee,
                body_name: String::new(),
                kind: FacilityKind::Loan,
                amount: Rials::new(50_000_000),
                granted_on: day(3, 10),
                group: None,
                grant_tranche_id: None,
                note: String::new(),
                withdrawn_on: None,
                recorded_by_name: "مددکار".into(),
                recorded_at: jiff::Timestamp::UNIX_EPOCH,
            }],
        };
        let html = Partial {
            ctx: Phrases,
            support_warnings: warning_views(&[warning], MoneyUnit::Rial, Lang::Fa),
        }
        .render()
        .unwrap();
        assert!(html.contains("هشدار حمایت مضاعف"), "{html}");
        assert!(html.contains("href=\"/women/7#facilities\""), "{html}");
        assert!(
            html.contains("۱۲ ماه، از ۱۴۰۴/۰۹/۰۸ تا ۱۴۰۵/۰۹/۰۸"),
            "{html}"
        );
        assert!(html.contains("کمیته امداد امام خمینی"), "{html}");
        assert!(html.contains("۵۰٬۰۰۰٬۰۰۰"), "{html}");
        let none = Partial {
            ctx: Phrases,
            support_warnings: Vec::new(),
        }
        .render()
        .unwrap();
        assert!(none.trim().is_empty(), "{none}");
    }
}
