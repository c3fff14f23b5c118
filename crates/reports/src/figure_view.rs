//! A catalogue figure (`hamyar_app::figures`) as a reader meets it on a page: its value in
//! the language's digits and the user's money unit, its name, its definition (a tap away),
//! the sum it is made of ("۳۰ = ۲۷ فعال + ۳ فعال‌شدهٔ دوباره") and the list of the records it
//! counts — only a list the reader may open, narrowed to the sheet's place, and for lists of
//! today's records only when the sheet is counted on today, so the list counts to the figure.

use hamyar_app::access::ScopeKind;
use hamyar_app::figures::{Drill, Figure, FigureSheet, FigureUnit};
use hamyar_app::{Actor, Permission};
use hamyar_domain::MoneyUnit;

use crate::format::money;
use hamyar_i18n::Lang;

/// A figure ready for a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureView {
    pub key: &'static str,
    pub label: String,
    pub value: String,
    pub definition: String,
    /// "۳۰ = ۲۷ فعال + ۳ فعال‌شدهٔ دوباره", when the figure is a sum of parts.
    pub parts: Option<String>,
    pub href: Option<String>,
}

/// The place filter of list links for the sheet's place (empty for the country).
fn place_query(sheet: &FigureSheet) -> String {
    match sheet.place_kind {
        ScopeKind::Country => String::new(),
        ScopeKind::Province => format!("province={}", sheet.place.id),
        ScopeKind::County => format!("county={}", sheet.place.id),
    }
}

fn with_place(sheet: &FigureSheet, path: &str, query: &str) -> String {
    let place = place_query(sheet);
    match (place.is_empty(), query.is_empty()) {
        (true, true) => path.to_owned(),
        (true, false) => format!("{path}?{query}"),
        (false, true) => format!("{path}?{place}"),
        (false, false) => format!("{path}?{place}&{query}"),
    }
}

/// The list behind `drill`, when `actor` may open it.
pub fn drill_href(
    sheet: &FigureSheet,
    drill: &Drill,
    actor: &Actor,
    province_of_county: Option<i64>,
) -> Option<String> {
    match drill {
        Drill::Groups { stages } => actor.can(Permission::ViewGroups).then(|| {
            let codes: Vec<&str> = stages.iter().map(|s| s.code()).collect();
            with_place(sheet, "/groups", &format!("stage={}", codes.join(",")))
        }),
        Drill::Women { status } => actor
            .can(Permission::ViewRegistry)
            .then(|| with_place(sheet, "/women", &format!("status={}", status.code()))),
        Drill::BudgetReport => {
            let province = match sheet.place_kind {
                ScopeKind::Province => Some(sheet.place.id),
                ScopeKind::County => province_of_county,
                ScopeKind::Country => None,
            }?;
            actor.can(Permission::ViewMoney).then(|| {
                format!(
                    "/money/reports/budget?province={province}&year={}",
                    sheet.fiscal_year
                )
            })
        }
        Drill::VisitsDue => actor
            .can(Permission::ViewGroups)
            .then(|| with_place(sheet, "/visits/due", "")),
        Drill::Grants => actor
            .can(Permission::ViewMoneyRecords)
            .then(|| format!("/money/grants?year={}", sheet.fiscal_year)),
    }
}

/// A value as read: a count in the language's digits, money in the user's unit.
pub fn value_text(value: i64, unit: FigureUnit, lang: Lang, money_unit: MoneyUnit) -> String {
    match unit {
        FigureUnit::Count => lang.number(value),
        FigureUnit::Rials => money(value, money_unit, lang),
    }
}

/// `figure` for a page.
pub fn figure_view(
    sheet: &FigureSheet,
    figure: &Figure,
    actor: &Actor,
    lang: Lang,
    money_unit: MoneyUnit,
    province_of_county: Option<i64>,
) -> FigureView {
    let english = lang.is_english();
    let value = value_text(figure.value, figure.def.unit, lang, money_unit);
    let parts = (!figure.parts.is_empty()).then(|| {
        let terms: Vec<String> = figure
            .parts
            .iter()
            .map(|part| {
                let name = if english { part.name_en } else { part.name_fa };
                format!(
                    "{} {name}",
                    value_text(part.value, figure.def.unit, lang, money_unit)
                )
            })
            .collect();
        format!("{value} = {}", terms.join(" + "))
    });
    FigureView {
        key: figure.def.key,
        label: lang.t(figure.def.name_id).to_owned(),
        value,
        definition: lang.t(figure.def.definition_id).to_owned(),
        parts,
        href: figure
            .drill
            .as_ref()
            .and_then(|drill| drill_href(sheet, drill, actor, province_of_county)),
    }
}

