//! The yearly plan against achievement (`hamyar_app::plan`) as readers meet it: a row per
//! target with its yearly target, achieved to date, planned to date and the share, and the
//! same three numbers for every month that has begun — for the plan page, the dashboard's
//! section and the monthly report (`view`); and as a file (`plan_bytes`: CSV, XLSX with a
//! row per target and month, or JSON) for `hamyar plan show` and the page's downloads. The
//! words are the catalogue's (`plan.ftl` for the targets, `figures.ftl` for the definitions).

use hamyar_app::Actor;
use hamyar_app::access::PlaceId;
use hamyar_app::plan::{MonthProgress, PlanAgainstAchievement, TargetProgress};
use hamyar_domain::jalali::{month_name_en, month_name_fa};
use hamyar_exchange::{ExchangeError, FileFormat, ReportTable, TableCell};
use hamyar_i18n::Lang;

use crate::figure_view::drill_href;
use crate::format;
use crate::money_export::ReportFormat;

/// One month's numbers of a target, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthCellView {
    pub month: String,
    pub achieved: String,
    pub planned: String,
    pub share: String,
}

/// One target as a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetRowView {
    /// The catalogue figure's key (`training.women`).
    pub key: &'static str,
    /// The target's code (`women_trained`).
    pub code: &'static str,
    pub name: String,
    /// The figure's definition: what "achieved" counts.
    pub definition: String,
    pub yearly: String,
    /// Said when the yearly target is the default (10 % of the women covered).
    pub default_note: Option<String>,
    pub achieved: String,
    pub planned: String,
    pub share: String,
    /// Achieved as a share of the whole year's target.
    pub share_of_year: String,
    /// The records the achieved figure counts, when the reader may open them.
    pub href: Option<String>,
    pub months: Vec<MonthCellView>,
}

/// The plan against achievement for a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanView {
    /// «برنامهٔ سال ۱۴۰۵ — استان قزوین».
    pub title: String,
    pub has_plan: bool,
    /// Who set the plan and when, with its note.
    pub set_by: Option<String>,
    pub note: Option<String>,
    /// «تا پایان آذر ۱۴۰۵»; empty before the year has begun.
    pub to_date: String,
    pub rows: Vec<TargetRowView>,
    /// The months' names, in order, for the month-by-month table's head.
    pub months: Vec<String>,
}

fn month_name(month: u8, lang: Lang) -> String {
    let name = match lang {
        Lang::Fa => month_name_fa(month),
        Lang::En => month_name_en(month),
    };
    name.unwrap_or_default().to_owned()
}

fn share_text(share: Option<i64>, lang: Lang) -> String {
    share.map_or_else(
        || "—".to_owned(),
        |percent| match lang {
            Lang::Fa => format!("{}٪", lang.number(percent)),
            Lang::En => format!("{}%", lang.number(percent)),
        },
    )
}

fn planned_text(planned: Option<i64>, lang: Lang) -> String {
    planned.map_or_else(|| "—".to_owned(), |n| lang.number(n))
}

fn month_cell(month: &MonthProgress, lang: Lang) -> MonthCellView {
    MonthCellView {
        month: month_name(month.month, lang),
        achieved: lang.number(month.achieved),
        planned: planned_text(month.planned, lang),
        share: share_text(month.share_percent, lang),
    }
}

fn row_view(
    plan: &PlanAgainstAchievement,
    target: &TargetProgress,
    actor: &Actor,
    lang: Lang,
    province_of_county: Option<PlaceId>,
) -> TargetRowView {
    let to_date = target.to_date();
    let default_note = target.is_default.then(|| {
        lang.message(
            &hamyar_domain::Message::new("plan-default_note")
                .arg(
                    "covered",
                    hamyar_domain::MessageArg::Number(plan.plan.covered_at_start),
                )
                .arg(
                    "percent",
                    hamyar_domain::MessageArg::digits(
                        hamyar_domain::plan::EMPOWERED_DEFAULT_PERCENT,
                    ),
                ),
        )
    });
    TargetRowView {
        key: target.figure.key,
        code: target.target.code(),
        name: lang.t(target.target.name_id()).to_owned(),
        definition: lang.t(target.figure.definition_id).to_owned(),
        yearly: planned_text(target.yearly, lang),
        default_note,
        achieved: lang.number(to_date.map_or(0, |m| m.achieved)),
        planned: planned_text(
            to_date.and_then(|m| m.planned).or(target.yearly.map(|_| 0)),
            lang,
        ),
        share: share_text(to_date.and_then(|m| m.share_percent), lang),
        share_of_year: share_text(target.share_of_year(), lang),
        href: match (&plan.sheet, &target.drill) {
            (Some(sheet), Some(drill)) => drill_href(sheet, drill, actor, province_of_county),
            _ => None,
        },
        months: target.months.iter().map(|m| month_cell(m, lang)).collect(),
    }
}

/// The plan against achievement for a page or a document in `lang`; `province_of_county`
/// names a county's province for the drill links that need it.
pub fn view(
    plan: &PlanAgainstAchievement,
    actor: &Actor,
    lang: Lang,
    province_of_county: Option<PlaceId>,
) -> PlanView {
    let place = plan.plan.place.name(lang.is_english()).to_owned();
    let year = lang.digits(&plan.plan.fiscal_year.to_string());
    let title = lang.message(
        &hamyar_domain::Message::new("plan-title_of")
            .arg("year", hamyar_domain::MessageArg::Text(year.clone()))
            .arg("place", hamyar_domain::MessageArg::Text(place)),
    );
    let row = plan.plan.row.as_ref();
    let months: Vec<String> = plan
        .targets
        .first()
        .map(|t| t.months.iter().map(|m| month_name(m.month, lang)).collect())
        .unwrap_or_default();
    let to_date = plan
        .targets
        .first()
        .and_then(|t| t.months.last())
        .map(|m| {
            lang.message(
                &hamyar_domain::Message::new("plan-to_date")
                    .arg(
                        "month",
                        hamyar_domain::MessageArg::Text(month_name(m.month, lang)),
                    )
                    .arg("year", hamyar_domain::MessageArg::Text(year.clone())),
            )
        })
        .unwrap_or_default();
    PlanView {
        title,
        has_plan: row.is_some(),
        set_by: row.map(|row| {
            lang.message(
                &hamyar_domain::Message::new("plan-set_by")
                    .arg(
                        "name",
                        hamyar_domain::MessageArg::Text(row.set_by_name.clone()),
                    )
                    .arg(
                        "when",
                        hamyar_domain::MessageArg::Text(format::date_time(row.set_at, lang)),
                    ),
            )
        }),
        note: row.map(|row| row.note.clone()).filter(|n| !n.is_empty()),
        to_date,
        rows: plan
            .targets
            .iter()
            .map(|t| row_view(plan, t, actor, lang, province_of_county))
            .collect(),
        months,
    }
}

/// One target and month of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FileLine {
    target: &'static str,
    figure: &'static str,
    month: u8,
    to: String,
    yearly_target: Option<i64>,
    target_is_default: bool,
    achieved: i64,
    planned: Option<i64>,
    share_percent: Option<i64>,
}

/// The plan as a file: one line per target and month that has begun.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PlanFile<'a> {
    place_code: &'a str,
    place_name_fa: &'a str,
    place_name_en: &'a str,
    fiscal_year: i32,
    has_plan: bool,
    women_covered_at_start: i64,
    empowered_default: i64,
    set_by_name: Option<&'a str>,
    note: Option<&'a str>,
    lines: Vec<FileLine>,
}

fn file_of(plan: &PlanAgainstAchievement) -> PlanFile<'_> {
    let place = &plan.plan.place;
    let row = plan.plan.row.as_ref();
    let mut lines = Vec::new();
    for target in &plan.targets {
        for month in &target.months {
            lines.push(FileLine {
                target: target.target.code(),
                figure: target.figure.key,
                month: month.month,
                to: month.to.to_string(),
                yearly_target: target.yearly,
                target_is_default: target.is_default,
                achieved: month.achieved,
                planned: month.planned,
                share_percent: month.share_percent,
            });
        }
    }
    PlanFile {
        place_code: &place.code,
        place_name_fa: &place.name_fa,
        place_name_en: &place.name_en,
        fiscal_year: plan.plan.fiscal_year,
        has_plan: row.is_some(),
        women_covered_at_start: plan.plan.covered_at_start,
        empowered_default: plan.plan.empowered_default,
        set_by_name: row.map(|r| r.set_by_name.as_str()),
        note: row.map(|r| r.note.as_str()),
        lines,
    }
}

fn json_of(file: &PlanFile<'_>) -> serde_json::Value {
    let lines: Vec<serde_json::Value> = file
        .lines
        .iter()
        .map(|line| {
            serde_json::json!({
                "target": line.target,
                "figure": line.figure,
                "month": line.month,
                "to": line.to,
                "yearly_target": line.yearly_target,
                "target_is_default": line.target_is_default,
                "achieved": line.achieved,
                "planned": line.planned,
                "share_percent": line.share_percent,
            })
        })
        .collect();
    serde_json::json!({
        "place_code": file.place_code,
        "place_name_fa": file.place_name_fa,
        "place_name_en": file.place_name_en,
        "fiscal_year": file.fiscal_year,
        "has_plan": file.has_plan,
        "women_covered_at_start": file.women_covered_at_start,
        "empowered_default": file.empowered_default,
        "set_by_name": file.set_by_name,
        "note": file.note,
        "lines": lines,
    })
}

const HEADERS: [&str; 10] = [
    "place_code",
    "fiscal_year",
    "target",
    "figure",
    "month",
    "to",
    "yearly_target",
    "achieved",
    "planned",
    "share_percent",
];

fn optional(value: Option<i64>) -> TableCell {
    value.map_or_else(|| TableCell::Text(String::new()), TableCell::Integer)
}

/// The plan as a table: a row per target and month.
pub fn plan_table(plan: &PlanAgainstAchievement) -> ReportTable {
    let file = file_of(plan);
    let rows = file
        .lines
        .iter()
        .map(|line| {
            vec![
                TableCell::Text(file.place_code.to_owned()),
                TableCell::Integer(i64::from(file.fiscal_year)),
                TableCell::Text(line.target.to_owned()),
                TableCell::Text(line.figure.to_owned()),
                TableCell::Integer(i64::from(line.month)),
                TableCell::Text(line.to.clone()),
                optional(line.yearly_target),
                TableCell::Integer(line.achieved),
                optional(line.planned),
                optional(line.share_percent),
            ]
        })
        .collect();
    ReportTable {
        sheet_name: "برنامه".to_owned(),
        headers: HEADERS.iter().map(|h| (*h).to_owned()).collect(),
        rows,
    }
}

/// The plan against achievement as the bytes of a file in `format`.
pub fn plan_bytes(
    plan: &PlanAgainstAchievement,
    format: ReportFormat,
) -> Result<Vec<u8>, ExchangeError> {
    match format {
        ReportFormat::Csv => plan_table(plan).to_bytes(FileFormat::Csv),
        ReportFormat::Xlsx => plan_table(plan).to_bytes(FileFormat::Xlsx),
        ReportFormat::Json => {
            // Numbers, codes and text only: it always serialises.
            let mut bytes =
                serde_json::to_vec_pretty(&json_of(&file_of(plan))).expect("JSON values serialise");
            bytes.push(b'\n');
            Ok(bytes)
        }
    }
}
