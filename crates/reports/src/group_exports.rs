//! The groups' exports as files (issue 17): the group list, a group's roster with its
//! members' contacts, and a place's visits and business months over a span, each one table
//! written as CSV or XLSX (`hamyar_exchange::ReportTable`: a right-to-left sheet, text cells
//! guarded against formulas). Headers and labels are in the reader's language
//! (`exports.ftl`); numbers are plain integers and amounts integer rials, dates Jalali with
//! Latin digits (`1405/09/08`), as every file Hamyar writes. What goes in them, and who may
//! have it, is `hamyar_app::exports`'s.

use hamyar_app::exports::Roster;
use hamyar_app::groups::GroupListRow;
use hamyar_app::places::PlaceTree;
use hamyar_app::ports::exports::{ExportedBusinessMonth, ExportedVisit};
use hamyar_domain::JalaliDate;
use hamyar_domain::group_life::{Referral, SalesChannel};
use hamyar_domain::registry::codes::CodedList;
use hamyar_exchange::{ExchangeError, FileFormat, ReportTable, TableCell};
use hamyar_i18n::Lang;

use crate::format::label;

/// The headers' message ids of each export, in column order.
pub const GROUP_COLUMNS: [&str; 5] = [
    "exports-col-code",
    "exports-col-group",
    "exports-col-county",
    "exports-col-stage",
    "exports-col-business_field",
];
pub const ROSTER_COLUMNS: [&str; 7] = [
    "exports-col-first_name",
    "exports-col-last_name",
    "exports-col-national_id",
    "exports-col-mobile",
    "exports-col-role",
    "exports-col-joined_on",
    "exports-col-left_on",
];
pub const VISIT_COLUMNS: [&str; 13] = [
    "exports-col-code",
    "exports-col-group",
    "exports-col-county",
    "exports-col-visited_on",
    "exports-col-visitor",
    "exports-col-purpose",
    "exports-col-findings",
    "exports-col-referrals",
    "exports-col-follow_up_due",
    "exports-col-follow_up_closed_on",
    "exports-col-requests",
    "exports-col-requests_open",
    "exports-col-visit_id",
];
pub const BUSINESS_COLUMNS: [&str; 11] = [
    "exports-col-code",
    "exports-col-group",
    "exports-col-county",
    "exports-col-year",
    "exports-col-month",
    "exports-col-revenue",
    "exports-col-costs",
    "exports-col-profit",
    "exports-col-members_working",
    "exports-col-people_hired",
    "exports-col-channels",
];

fn table(sheet: &str, columns: &[&str], rows: Vec<Vec<TableCell>>, lang: Lang) -> ReportTable {
    ReportTable {
        sheet_name: lang.t(sheet).to_owned(),
        headers: columns.iter().map(|id| lang.t(id).to_owned()).collect(),
        rows,
    }
}

fn text(value: impl Into<String>) -> TableCell {
    TableCell::Text(value.into())
}

fn day(value: Option<JalaliDate>) -> TableCell {
    text(value.map(|day| day.to_string()).unwrap_or_default())
}

/// Codes joined with `,` as their labels joined with «، », an unknown code as it is.
fn labels_of<T: CodedList>(codes: &str, lang: Lang) -> String {
    codes
        .split(',')
        .map(str::trim)
        .filter(|code| !code.is_empty())
        .map(|code| {
            T::all()
                .iter()
                .find(|value| value.code() == code)
                .map_or_else(|| code.to_owned(), |value| label(*value, lang).to_owned())
        })
        .collect::<Vec<_>>()
        .join(if lang.is_english() { ", " } else { "، " })
}

/// The group list as exported (`exports-col-…` headers of [`GROUP_COLUMNS`]).
pub fn groups_table(rows: &[GroupListRow], lang: Lang) -> ReportTable {
    let rows = rows
        .iter()
        .map(|row| {
            vec![
                text(row.code.as_str()),
                text(row.name.as_str()),
                text(row.county_name.as_str()),
                text(label(row.stage, lang)),
                text(row.business_field.as_str()),
            ]
        })
        .collect();
    table("exports-sheet-groups", &GROUP_COLUMNS, rows, lang)
}

/// A group's roster: one line per membership, current members first.
pub fn roster_table(roster: &Roster, lang: Lang) -> ReportTable {
    let rows = roster
        .lines
        .iter()
        .map(|line| {
            vec![
                text(line.first_name.as_str()),
                text(line.last_name.as_str()),
                text(line.national_id.as_str()),
                text(line.mobile.as_str()),
                text(label(line.role, lang)),
                day(Some(line.joined_on)),
                day(line.left_on),
            ]
        })
        .collect();
    table("exports-sheet-roster", &ROSTER_COLUMNS, rows, lang)
}

/// A place's visits over a span.
pub fn visits_table(visits: &[ExportedVisit], tree: &PlaceTree, lang: Lang) -> ReportTable {
    let rows = visits
        .iter()
        .map(|visit| {
            let mut referrals = labels_of::<Referral>(&visit.referrals, lang);
            if !visit.referral_other.trim().is_empty() {
                if !referrals.is_empty() {
                    referrals.push_str(if lang.is_english() { "; " } else { "؛ " });
                }
                referrals.push_str(visit.referral_other.trim());
            }
            vec![
                text(visit.group.code.as_str()),
                text(visit.group.name.as_str()),
                text(tree.label(visit.group.county_id, lang.is_english())),
                day(Some(visit.visited_on)),
                text(visit.visitor_name.as_str()),
                text(visit.purpose.as_str()),
                text(visit.findings.as_str()),
                text(referrals),
                day(visit.follow_up_due),
                day(visit.follow_up_closed_on),
                TableCell::Integer(visit.requests),
                TableCell::Integer(visit.requests_open),
                TableCell::Integer(visit.id),
            ]
        })
        .collect();
    table("exports-sheet-visits", &VISIT_COLUMNS, rows, lang)
}

/// A place's business months over a span; amounts in integer rials.
pub fn business_table(
    months: &[ExportedBusinessMonth],
    tree: &PlaceTree,
    lang: Lang,
) -> ReportTable {
    let rows = months
        .iter()
        .map(|month| {
            vec![
                text(month.group.code.as_str()),
                text(month.group.name.as_str()),
                text(tree.label(month.group.county_id, lang.is_english())),
                TableCell::Integer(month.year),
                TableCell::Integer(month.month),
                TableCell::Integer(month.revenue_rials),
                TableCell::Integer(month.costs_rials),
                TableCell::Integer(month.profit_rials),
                TableCell::Integer(month.members_working),
                TableCell::Integer(month.people_hired),
                text(labels_of::<SalesChannel>(&month.channels, lang)),
            ]
        })
        .collect();
    table("exports-sheet-business", &BUSINESS_COLUMNS, rows, lang)
}

/// A table as the bytes of its file.
pub fn bytes(table: &ReportTable, format: FileFormat) -> Result<Vec<u8>, ExchangeError> {
    table.to_bytes(format)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every header and sheet name has its words in both languages, and a CSV of a table
    /// starts with the headers in the reader's language.
    #[test]
    fn every_header_has_its_words_and_the_csv_starts_with_them() {
        let every = GROUP_COLUMNS
            .iter()
            .chain(&ROSTER_COLUMNS)
            .chain(&VISIT_COLUMNS)
            .chain(&BUSINESS_COLUMNS)
            .chain(&[
                "exports-sheet-groups",
                "exports-sheet-roster",
                "exports-sheet-visits",
                "exports-sheet-business",
            ]);
        for id in every {
            for lang in Lang::ALL {
                assert!(lang.find(id).is_some_and(|w| !w.is_empty()), "{id}");
            }
        }
        let csv = bytes(&groups_table(&[], Lang::Fa), FileFormat::Csv).unwrap();
        let csv = String::from_utf8(csv).unwrap();
        assert!(
            csv.trim_start_matches('\u{feff}').starts_with("کد گروه,"),
            "{csv}"
        );
        assert_eq!(
            labels_of::<SalesChannel>("shop,unknown_code", Lang::En),
            "Shop, unknown_code"
        );
    }
}
