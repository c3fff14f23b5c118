//! The monthly performance report a province sends the national office: every figure of
//! the catalogue for one Jalali month and for the fiscal year up to that month's end, each
//! with its definition, and — for a province — a few of the same figures county by county.
//! The figures come only from the catalogue (`App::figure_sheet`): the report adds no
//! figure of its own, so it says what the dashboard, the press summary and `hamyar report
//! figures` say for the same span. As a PDF on the province office's letterhead, and as an
//! XLSX sheet with the figures' keys (what national collection reads).
//!
//! A county user's report covers their county (no county table), as the dashboard does; a
//! month that has not begun is refused by the dashboard's span rules.
//!
//! When the place has a yearly plan (`hamyar_app::plan`), the report adds the plan against
//! achievement at the month's end: each target's achievement is the year-to-date sheet's
//! figure (the one the plan page reads for that month) against the plan to date.

use hamyar_app::access::{PlaceId, ScopeKind};
use hamyar_app::dashboard::DashboardRequest;
use hamyar_app::figures::{FigureKey, FigureSheet, FigureUnit};
use hamyar_app::places::Place;
use hamyar_app::plan::{YearlyPlan, figure_of};
use hamyar_app::{Actor, App, AppError};
use hamyar_domain::digits::to_latin_digits;
use hamyar_domain::jalali::{month_name_en, month_name_fa};
use hamyar_domain::plan::{PlanTarget, planned_to_date, share_percent};
use hamyar_domain::{FiscalYear, JalaliDate};
use hamyar_exchange::{ExchangeError, FileFormat, ReportTable, TableCell};
use hamyar_i18n::Lang;
use hamyar_pdf::{Block, Column, ReportDocument, Table};

use super::{Printing, ReportError};
use crate::figure_view::value_text;

/// A Jalali month of a fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Month {
    pub year: FiscalYear,
    pub month: u8,
}

impl Month {
    /// `1405-08`, `1405/08` or `1405/8`, in any digits.
    pub fn parse(text: &str) -> Option<Month> {
        let text = to_latin_digits(text.trim());
        let (year, month) = text.split_once(['-', '/'])?;
        let year = FiscalYear::new(year.trim().parse().ok()?).ok()?;
        let month: u8 = month.trim().parse().ok()?;
        (1..=12).contains(&month).then_some(Month { year, month })
    }

    /// The month `day` falls in.
    pub fn of(day: JalaliDate) -> Month {
        Month {
            year: FiscalYear::of(day),
            month: day.month(),
        }
    }

    pub fn first_day(self) -> JalaliDate {
        JalaliDate::new(self.year.year(), self.month, 1).expect("every month has a first day")
    }

    pub fn last_day(self) -> JalaliDate {
        self.first_day().last_of_month()
    }

    /// «آبان ۱۴۰۵» or «Aban 1405».
    pub fn label(self, lang: Lang) -> String {
        let name = match lang {
            Lang::Fa => month_name_fa(self.month),
            Lang::En => month_name_en(self.month),
        };
        format!(
            "{} {}",
            name.unwrap_or_default(),
            lang.digits(&self.year.year().to_string())
        )
    }

    /// `1405-08`, for file names.
    pub fn code(self) -> String {
        format!("{}-{:02}", self.year.year(), self.month)
    }
}

/// The figures the county table shows, of the catalogue (money ones only for a reader
/// who sees money).
const COUNTY_FIGURES: [FigureKey; 5] = [
    FigureKey::ActiveGroups,
    FigureKey::ActiveGroupMembers,
    FigureKey::VisitsKept,
    FigureKey::VisitsOwed,
    FigureKey::HeadlineSpent,
];

/// What the report holds: the place, the month's sheet, the year-to-date sheet and the
/// counties' month sheets.
#[derive(Debug, Clone)]
pub struct MonthlyReport {
    pub place: Place,
    /// The province (the place itself, or the county's province).
    pub province: Place,
    pub month: Month,
    pub month_sheet: FigureSheet,
    pub year_sheet: FigureSheet,
    pub counties: Vec<(Place, FigureSheet)>,
    /// The place's yearly plan, when it has one for the month's year.
    pub plan: Option<YearlyPlan>,
}

/// Reads the report for `actor`: the province's, or their county's for a county user.
/// `NotFound` when the province is outside the actor's scope or is not a province.
pub async fn monthly_report(
    app: &App,
    actor: &Actor,
    province_id: PlaceId,
    month: Month,
) -> Result<MonthlyReport, ReportError> {
    let tree = app.place_tree().await?;
    let province = tree
        .get(province_id)
        .filter(|p| p.kind == ScopeKind::Province)
        .cloned()
        .ok_or(AppError::NotFound)?;
    let place_id = actor.scope.county().unwrap_or(province_id);
    let place = tree.get(place_id).cloned().ok_or(AppError::NotFound)?;
    let sheet = |place_id: PlaceId, from: Option<JalaliDate>| DashboardRequest {
        place_id: Some(place_id),
        year: month.year,
        from,
        to: Some(month.last_day()),
    };
    let month_sheet = app
        .figure_sheet(actor, &sheet(place_id, Some(month.first_day())))
        .await?;
    let year_sheet = app.figure_sheet(actor, &sheet(place_id, None)).await?;
    let mut counties = Vec::new();
    if place.kind == ScopeKind::Province {
        for county in tree.counties_of(province_id) {
            let county_sheet = app
                .figure_sheet(actor, &sheet(county.id, Some(month.first_day())))
                .await?;
            counties.push((county.clone(), county_sheet));
        }
    }
    let plan = app.yearly_plan(actor, Some(place_id), month.year).await?;
    Ok(MonthlyReport {
        place,
        province,
        month,
        month_sheet,
        year_sheet,
        counties,
        plan: plan.row.is_some().then_some(plan),
    })
}

/// The report as a document on the province office's letterhead.
pub fn monthly_document(report: &MonthlyReport, printing: &Printing<'_>) -> ReportDocument {
    let lang = printing.lang;
    let english = lang.is_english();
    let mut document = printing.document(
        Some(&report.province),
        lang.tr(
            "documents-monthly-title",
            &[("place", report.place.name(english).into())],
        ),
    );
    document.subtitle = Some(report.month.label(lang));
    document.blocks.push(Block::Paragraph(lang.tr(
        "documents-monthly-span",
        &[
            (
                "from",
                printing.date(report.month_sheet.from).as_str().into(),
            ),
            ("to", printing.date(report.month_sheet.to).as_str().into()),
            (
                "counted_on",
                printing.date(report.month_sheet.counted_on).as_str().into(),
            ),
        ],
    )));
    document
        .blocks
        .push(Block::Table(figures_table(report, printing)));
    if let Some(table) = plan_table(report, printing) {
        document.blocks.push(Block::Table(table));
    }
    if !report.counties.is_empty() {
        document
            .blocks
            .push(Block::Table(county_table(report, printing)));
    }
    document.blocks.push(Block::Heading(
        lang.t("documents-monthly-definitions").to_owned(),
    ));
    document.blocks.push(Block::Numbered(
        report
            .month_sheet
            .figures
            .iter()
            .map(|figure| {
                format!(
                    "{}: {}",
                    lang.t(figure.def.name_id),
                    lang.t(figure.def.definition_id)
                )
            })
            .collect(),
    ));
    document.blocks.push(Block::Signatures(vec![
        lang.t("documents-signature-prepared_by").to_owned(),
        lang.t("documents-signature-director").to_owned(),
    ]));
    document
}

fn column(title: String, numeric: bool) -> Column {
    Column { title, numeric }
}

fn figures_table(report: &MonthlyReport, printing: &Printing<'_>) -> Table {
    let lang = printing.lang;
    let value = |sheet: &FigureSheet, key: FigureKey, unit: FigureUnit| match sheet.get(key) {
        Some(figure) => value_text(figure.value, unit, lang, printing.unit),
        None => "—".to_owned(),
    };
    Table {
        caption: lang.t("documents-monthly-figures").to_owned(),
        columns: vec![
            column(lang.t("documents-monthly-figure").to_owned(), false),
            column(report.month.label(lang), true),
            column(lang.t("documents-monthly-year_to_date").to_owned(), true),
        ],
        rows: report
            .month_sheet
            .figures
            .iter()
            .map(|figure| {
                vec![
                    lang.t(figure.def.name_id).to_owned(),
                    value(&report.month_sheet, figure.def.id, figure.def.unit),
                    value(&report.year_sheet, figure.def.id, figure.def.unit),
                ]
            })
            .collect(),
        total: None,
    }
}

/// The plan against achievement at the month's end, when the place has a plan.
fn plan_table(report: &MonthlyReport, printing: &Printing<'_>) -> Option<Table> {
    let plan = report.plan.as_ref()?;
    let lang = printing.lang;
    let percent = |share: Option<i64>| {
        share.map_or_else(
            || "—".to_owned(),
            |p| match lang {
                Lang::Fa => format!("{}٪", lang.number(p)),
                Lang::En => format!("{}%", lang.number(p)),
            },
        )
    };
    let rows = PlanTarget::ALL
        .iter()
        .map(|&target| {
            let yearly = plan.target(target).unwrap_or(0);
            let achieved = report.year_sheet.value(figure_of(target));
            let planned = planned_to_date(yearly, report.month.month);
            vec![
                lang.t(target.name_id()).to_owned(),
                lang.number(yearly),
                lang.number(achieved),
                lang.number(planned),
                percent(share_percent(achieved, planned)),
            ]
        })
        .collect();
    Some(Table {
        caption: lang.t("plan-monthly_section").to_owned(),
        columns: vec![
            column(lang.t("plan-target").to_owned(), false),
            column(lang.t("plan-yearly").to_owned(), true),
            column(lang.t("plan-achieved").to_owned(), true),
            column(lang.t("plan-planned").to_owned(), true),
            column(lang.t("plan-share").to_owned(), true),
        ],
        rows,
        total: None,
    })
}

fn county_table(report: &MonthlyReport, printing: &Printing<'_>) -> Table {
    let lang = printing.lang;
    let english = lang.is_english();
    let shown: Vec<FigureKey> = COUNTY_FIGURES
        .into_iter()
        .filter(|key| report.month_sheet.get(*key).is_some())
        .collect();
    let mut columns = vec![column(lang.t("documents-monthly-county").to_owned(), false)];
    columns.extend(
        shown
            .iter()
            .filter_map(|key| report.month_sheet.get(*key))
            .map(|figure| column(lang.t(figure.def.name_id).to_owned(), true)),
    );
    let cells = |sheet: &FigureSheet| -> Vec<String> {
        shown
            .iter()
            .map(|key| match sheet.get(*key) {
                Some(figure) => value_text(figure.value, figure.def.unit, lang, printing.unit),
                None => "—".to_owned(),
            })
            .collect()
    };
    let rows = report
        .counties
        .iter()
        .map(|(county, sheet)| {
            std::iter::once(county.name(english).to_owned())
                .chain(cells(sheet))
                .collect()
        })
        .collect();
    Table {
        caption: lang.t("documents-monthly-by_county").to_owned(),
        columns,
        rows,
        total: Some(
            std::iter::once(report.place.name(english).to_owned())
                .chain(cells(&report.month_sheet))
                .collect(),
        ),
    }
}

/// The sheet's column headers (stable: national collection reads them).
pub const MONTHLY_HEADERS: [&str; 9] = [
    "key",
    "place_code",
    "month",
    "name_fa",
    "name_en",
    "unit",
    "month_value",
    "year_to_date_value",
    "definition_fa",
];

/// The report as one table: a row per catalogue figure, the month's value and the year
/// to date's, then a row per county and figure of the county table.
pub fn monthly_table(report: &MonthlyReport) -> ReportTable {
    let unit = |u: FigureUnit| match u {
        FigureUnit::Count => "count",
        FigureUnit::Rials => "rials",
    };
    let row = |code: &str, key: FigureKey, sheet: &FigureSheet, year: Option<&FigureSheet>| {
        sheet.get(key).map(|figure| {
            vec![
                TableCell::Text(figure.def.key.to_owned()),
                TableCell::Text(code.to_owned()),
                TableCell::Text(report.month.code()),
                TableCell::Text(Lang::Fa.t(figure.def.name_id).to_owned()),
                TableCell::Text(Lang::En.t(figure.def.name_id).to_owned()),
                TableCell::Text(unit(figure.def.unit).to_owned()),
                TableCell::Integer(figure.value),
                match year.and_then(|y| y.get(key)) {
                    Some(y) => TableCell::Integer(y.value),
                    None => TableCell::Text(String::new()),
                },
                TableCell::Text(Lang::Fa.t(figure.def.definition_id).to_owned()),
            ]
        })
    };
    let mut rows: Vec<Vec<TableCell>> = report
        .month_sheet
        .figures
        .iter()
        .filter_map(|f| {
            row(
                &report.place.code,
                f.def.id,
                &report.month_sheet,
                Some(&report.year_sheet),
            )
        })
        .collect();
    for (county, sheet) in &report.counties {
        rows.extend(
            COUNTY_FIGURES
                .iter()
                .filter_map(|key| row(&county.code, *key, sheet, None)),
        );
    }
    ReportTable {
        sheet_name: "گزارش ماهانه".to_owned(),
        headers: MONTHLY_HEADERS.map(str::to_owned).to_vec(),
        rows,
    }
}

/// The report as the bytes of an XLSX file.
pub fn monthly_xlsx(report: &MonthlyReport) -> Result<Vec<u8>, ExchangeError> {
    monthly_table(report).to_bytes(FileFormat::Xlsx)
}

/// The report's file name: `monthly-qazvin-1405-08.pdf`.
pub fn monthly_file_name(report: &MonthlyReport, extension: &str) -> String {
    format!(
        "monthly-{}-{}.{extension}",
        super::file_part(report.place.code.trim_start_matches("ir.")),
        report.month.code()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_is_read_in_any_digits_and_separator() {
        let expected = Month {
            year: FiscalYear::new(1405).unwrap(),
            month: 8,
        };
        assert_eq!(Month::parse("1405-08"), Some(expected));
        assert_eq!(Month::parse("۱۴۰۵/۸"), Some(expected));
        assert_eq!(Month::parse(" 1405/08 "), Some(expected));
        assert_eq!(Month::parse("1405-13"), None);
        assert_eq!(Month::parse("1405"), None);
        assert_eq!(Month::parse("x-08"), None);
        assert_eq!(expected.code(), "1405-08");
        assert_eq!(expected.label(Lang::Fa), "آبان ۱۴۰۵");
        assert_eq!(expected.last_day().to_string(), "1405/08/30");
    }
}
