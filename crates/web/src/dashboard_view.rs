//! A dashboard (`hamyar_app::dashboard::Dashboard`) turned into what people read: headline
//! figures, and sections each made of a chart and the table of the numbers it draws, with
//! the language's digits and the user's money unit. A number links to the list behind it
//! when there is one the reader may open — groups by stage to the group list, women by
//! coverage status to the registry, money to the province's budget report (whose figures
//! drill down to their ledger transactions). Flows over the span (moves, exits, visits,
//! business) have no such list and are plain. The web page renders these sections as HTML
//! with SVG charts; the provincial report renders the same sections into its PDF, so the
//! two never disagree.

use hamyar_app::dashboard::{AreaFigures, Dashboard, StageBucket};
use hamyar_app::figures::{FigureKey, FigureSheet};
use hamyar_app::group_life::visit_figures;
use hamyar_app::{Actor, Permission};
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::groups::GroupStage;
use hamyar_domain::registry::CoverageStatus;
use hamyar_domain::{DateStyle, Digits, MoneyUnit};

use crate::charts::{BarChart, Series};
use crate::figure_view::figure_view;
use crate::i18n::Lang;
use crate::pages::budget::money;
use crate::pages::codes;

/// A table cell: its text and, when there is one, the list behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub href: Option<String>,
}

impl Cell {
    fn plain(text: String) -> Cell {
        Cell { text, href: None }
    }
}

/// A column heading; numeric columns are aligned to the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub title: String,
    pub numeric: bool,
}

/// A table of a section: a row per area and a total row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableView {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    pub total: Vec<Cell>,
}

/// One part of a dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The anchor of the section on the page.
    pub id: &'static str,
    pub title: String,
    pub note: Option<String>,
    pub chart: Option<BarChart>,
    pub table: TableView,
}

/// A headline figure: a catalogue figure as a page shows it.
pub type Headline = crate::figure_view::FigureView;

/// The dashboard as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DashboardView {
    pub title: String,
    pub span: String,
    pub headlines: Vec<Headline>,
    pub sections: Vec<Section>,
}

/// Which lists the reader may open.
#[derive(Debug, Clone, Copy)]
struct Links {
    groups: bool,
    women: bool,
    money: bool,
    /// The grants list names recipients: `ViewMoneyRecords`, not only `ViewMoney`.
    grants: bool,
    year: i32,
}

fn t(lang: Lang, fa: &str, en: &str) -> String {
    match lang {
        Lang::Fa => fa.to_owned(),
        Lang::En => en.to_owned(),
    }
}

/// A short amount for a chart's bar: «۷۴۳ میلیون ریال», "743.0 M rials".
fn compact_money(rials: i64, lang: Lang) -> String {
    match lang {
        Lang::Fa => hamyar_domain::press::news_amount(rials).unwrap_or_else(|| "۰".to_owned()),
        Lang::En => format!("{:.1} M rials", rials as f64 / 1_000_000.0),
    }
}

fn day(date: hamyar_domain::JalaliDate, lang: Lang) -> String {
    match lang {
        Lang::Fa => date.format(DateStyle::Numeric, Digits::Persian),
        Lang::En => date.format_en(DateStyle::Numeric),
    }
}

/// The place filter of a list link for an area.
fn area_query(dashboard: &Dashboard, area_id: i64) -> String {
    match dashboard.area_kind {
        hamyar_app::access::ScopeKind::Province => format!("province={area_id}"),
        _ => format!("county={area_id}"),
    }
}

/// The place filter for the whole dashboard's place (empty for the country).
fn place_query(dashboard: &Dashboard) -> String {
    match dashboard.place_kind {
        hamyar_app::access::ScopeKind::Country => String::new(),
        hamyar_app::access::ScopeKind::Province => format!("province={}", dashboard.place.id),
        hamyar_app::access::ScopeKind::County => format!("county={}", dashboard.place.id),
    }
}

/// The dashboard's place as a list link filter for a row (`None` = the total row).
fn row_query(dashboard: &Dashboard, area_id: Option<i64>) -> String {
    match area_id {
        Some(id) => area_query(dashboard, id),
        None => place_query(dashboard),
    }
}

/// The province whose budget report holds an area's money (`None`: the country's total).
fn budget_href(dashboard: &Dashboard, area_id: Option<i64>, year: i32) -> Option<String> {
    let province = match (dashboard.place_kind, area_id) {
        (hamyar_app::access::ScopeKind::Country, Some(id)) => Some(id),
        (hamyar_app::access::ScopeKind::Country, None) => None,
        (hamyar_app::access::ScopeKind::Province, _) => Some(dashboard.place.id),
        (hamyar_app::access::ScopeKind::County, _) => None,
    }?;
    Some(format!(
        "/money/reports/budget?province={province}&year={year}"
    ))
}

/// Builds the view for `actor` (links only to lists they may open).
pub fn view(
    dashboard: &Dashboard,
    sheet: &FigureSheet,
    actor: &Actor,
    lang: Lang,
    unit: MoneyUnit,
    province_of_county: Option<i64>,
) -> DashboardView {
    let links = Links {
        groups: actor.can(Permission::ViewGroups),
        women: actor.can(Permission::ViewRegistry),
        money: actor.can(Permission::ViewMoney),
        grants: actor.can(Permission::ViewMoneyRecords),
        year: dashboard.fiscal_year,
    };
    let english = lang.is_english();
    let title = match lang {
        Lang::Fa => format!(
            "داشبورد {} — {}",
            dashboard.place.name_fa,
            hamyar_domain::FiscalYear::new(dashboard.fiscal_year)
                .map(|y| y.label_fa())
                .unwrap_or_default()
        ),
        Lang::En => format!(
            "Dashboard of {} — fiscal year {}",
            dashboard.place.name(english),
            dashboard.fiscal_year
        ),
    };
    let span = match lang {
        Lang::Fa => format!(
            "از {} تا {}؛ وضعیت گروه‌ها و اعضا در روز {}؛ وضعیت پوشش زنان امروز",
            day(dashboard.from, lang),
            day(dashboard.to, lang),
            day(dashboard.state_on, lang)
        ),
        Lang::En => format!(
            "From {} to {}; groups and members as on {}; women's coverage as of today",
            day(dashboard.from, lang),
            day(dashboard.to, lang),
            day(dashboard.state_on, lang)
        ),
    };
    let mut sections = vec![
        groups_section(dashboard, lang, links),
        moves_section(dashboard, lang),
        women_section(dashboard, lang, links),
        grants_section(dashboard, lang, unit, links),
        visits_section(dashboard, lang),
        business_section(dashboard, lang, unit),
    ];
    for (offset, section) in money_sections(dashboard, lang, unit, links)
        .into_iter()
        .enumerate()
    {
        sections.insert(3 + offset, section);
    }
    DashboardView {
        title,
        span,
        headlines: sheet
            .figures
            .iter()
            .filter(|figure| HEADLINES.contains(&figure.def.id))
            .map(|figure| figure_view(sheet, figure, actor, lang, unit, province_of_county))
            .collect(),
        sections,
    }
}

/// The catalogue figures a dashboard heads with, in this order.
const HEADLINES: [FigureKey; 10] = [
    FigureKey::ActiveGroups,
    FigureKey::GroupMembers,
    FigureKey::WomenCovered,
    FigureKey::WomenWaiting,
    FigureKey::WomenEmpowered,
    FigureKey::VisitsKept,
    FigureKey::VisitsOwed,
    FigureKey::FollowUpsOverdue,
    FigureKey::GroupsOwedAVisit,
    FigureKey::HeadlineSpent,
];

/// One row per area then the total, each made by `cells` (which gets `None` for the total).
fn area_rows(
    dashboard: &Dashboard,
    lang: Lang,
    cells: impl Fn(&AreaFigures, Option<i64>) -> Vec<Cell>,
) -> (Vec<Vec<Cell>>, Vec<Cell>) {
    let english = lang.is_english();
    let rows = dashboard
        .areas
        .iter()
        .map(|area| {
            let mut row = vec![Cell::plain(area.area.name(english).to_owned())];
            row.extend(cells(area, Some(area.area.id)));
            row
        })
        .collect();
    let mut total = vec![Cell::plain(t(lang, "جمع", "Total"))];
    total.extend(cells(&dashboard.total, None));
    (rows, total)
}

fn area_column(dashboard: &Dashboard, lang: Lang) -> Column {
    Column {
        title: match dashboard.area_kind {
            hamyar_app::access::ScopeKind::Province => t(lang, "استان", "Province"),
            _ => t(lang, "شهرستان", "County"),
        },
        numeric: false,
    }
}

fn numeric(title: String) -> Column {
    Column {
        title,
        numeric: true,
    }
}

fn area_names(dashboard: &Dashboard, lang: Lang) -> Vec<String> {
    dashboard
        .areas
        .iter()
        .map(|a| a.area.name(lang.is_english()).to_owned())
        .collect()
}

fn count_series(name: String, values: Vec<i64>, lang: Lang) -> Series {
    Series {
        labels: values.iter().map(|v| lang.number(*v)).collect(),
        name,
        values,
    }
}

fn bucket_label(bucket: StageBucket, lang: Lang) -> String {
    match lang {
        Lang::Fa => bucket.label_fa().to_owned(),
        Lang::En => bucket.label_en().to_owned(),
    }
}

fn groups_section(dashboard: &Dashboard, lang: Lang, links: Links) -> Section {
    let mut columns = vec![area_column(dashboard, lang)];
    columns.extend(
        GroupStage::ALL
            .iter()
            .map(|stage| numeric(codes::label(*stage, lang).to_owned())),
    );
    columns.push(numeric(t(lang, "همه", "All")));
    columns.push(numeric(t(lang, "اعضا", "Members")));
    let (rows, total) = area_rows(dashboard, lang, |figures, area| {
        let query = row_query(dashboard, area);
        let mut cells: Vec<Cell> = GroupStage::ALL
            .iter()
            .map(|stage| Cell {
                text: lang.number(figures.groups.of(*stage)),
                href: links.groups.then(|| {
                    let mut href = format!("/groups?stage={}", stage.code());
                    if !query.is_empty() {
                        href.push('&');
                        href.push_str(&query);
                    }
                    href
                }),
            })
            .collect();
        cells.push(Cell {
            text: lang.number(figures.groups.total()),
            href: links.groups.then(|| {
                if query.is_empty() {
                    "/groups".to_owned()
                } else {
                    format!("/groups?{query}")
                }
            }),
        });
        cells.push(Cell::plain(lang.number(figures.members)));
        cells
    });
    let chart = BarChart {
        title: t(lang, "گروه‌ها بر پایهٔ مرحله", "Groups by stage"),
        unit: t(lang, "گروه", "groups"),
        categories: area_names(dashboard, lang),
        series: StageBucket::ALL
            .iter()
            .map(|bucket| {
                count_series(
                    bucket_label(*bucket, lang),
                    dashboard
                        .areas
                        .iter()
                        .map(|a| a.groups.bucket(*bucket))
                        .collect(),
                    lang,
                )
            })
            .collect(),
        stacked: true,
    };
    Section {
        id: "groups",
        title: t(lang, "گروه‌ها و اعضا", "Groups and members"),
        note: Some(t(
            lang,
            "اعضا: زنانی که در روز شمارش عضو گروهی بودند که منحل یا مستقل نشده بود؛ زنی که عضو دو گروه در دو جا است در جمع یک بار شمرده می‌شود.",
            "Members: women with an open membership of a group not dissolved or graduated on the day counted; a woman in groups of two areas counts once in the total.",
        )),
        chart: Some(chart),
        table: TableView {
            columns,
            rows,
            total,
        },
    }
}

fn moves_section(dashboard: &Dashboard, lang: Lang) -> Section {
    let month_name = |month: u8| match lang {
        Lang::Fa => hamyar_domain::month_name_fa(month).unwrap_or("").to_owned(),
        Lang::En => hamyar_domain::month_name_en(month).unwrap_or("").to_owned(),
    };
    let mut columns = vec![Column {
        title: t(lang, "ماه", "Month"),
        numeric: false,
    }];
    columns.extend(
        StageBucket::ALL
            .iter()
            .map(|bucket| numeric(bucket_label(*bucket, lang))),
    );
    let rows = dashboard
        .months
        .iter()
        .map(|month| {
            let mut row = vec![Cell::plain(format!(
                "{} {}",
                month_name(month.month),
                lang.digits(&month.year.to_string())
            ))];
            row.extend(
                StageBucket::ALL
                    .iter()
                    .map(|bucket| Cell::plain(lang.number(month.entered.bucket(*bucket)))),
            );
            row
        })
        .collect();
    let mut total = vec![Cell::plain(t(lang, "جمع", "Total"))];
    total.extend(
        StageBucket::ALL
            .iter()
            .map(|bucket| Cell::plain(lang.number(dashboard.total.entered.bucket(*bucket)))),
    );
    let chart = BarChart {
        title: t(
            lang,
            "ورود گروه‌ها به هر مرحله در هر ماه",
            "Groups entering each stage by month",
        ),
        unit: t(lang, "گروه", "groups"),
        categories: dashboard
            .months
            .iter()
            .map(|m| month_name(m.month))
            .collect(),
        series: StageBucket::ALL
            .iter()
            .map(|bucket| {
                count_series(
                    bucket_label(*bucket, lang),
                    dashboard
                        .months
                        .iter()
                        .map(|m| m.entered.bucket(*bucket))
                        .collect(),
                    lang,
                )
            })
            .collect(),
        stacked: true,
    };
    Section {
        id: "moves",
        title: t(
            lang,
            "حرکت گروه‌ها در این بازه",
            "How groups moved in the span",
        ),
        note: Some(t(
            lang,
            "هر عدد شمار گروه‌هایی است که در آن ماه به آن مرحله رسیدند.",
            "Each number counts the groups that reached the stage in that month.",
        )),
        chart: Some(chart),
        table: TableView {
            columns,
            rows,
            total,
        },
    }
}

fn women_section(dashboard: &Dashboard, lang: Lang, links: Links) -> Section {
    let mut columns = vec![area_column(dashboard, lang)];
    columns.extend(
        CoverageStatus::ALL
            .iter()
            .map(|status| numeric(codes::label(*status, lang).to_owned())),
    );
    columns.push(numeric(t(lang, "خروج در این بازه", "Exits in the span")));
    columns.push(numeric(t(
        lang,
        "توانمندشده در این بازه",
        "Empowered in the span",
    )));
    let (rows, total) = area_rows(dashboard, lang, |figures, area| {
        let query = row_query(dashboard, area);
        let mut cells: Vec<Cell> = CoverageStatus::ALL
            .iter()
            .map(|status| Cell {
                text: lang.number(figures.women.of(*status)),
                href: links.women.then(|| {
                    let mut href = format!("/women?status={}", status.code());
                    if !query.is_empty() {
                        href.push('&');
                        href.push_str(&query);
                    }
                    href
                }),
            })
            .collect();
        cells.push(Cell::plain(lang.number(figures.exits)));
        cells.push(Cell::plain(lang.number(figures.empowered)));
        cells
    });
    let chart = BarChart {
        title: t(
            lang,
            "زنان سرپرست خانوار بر پایهٔ وضعیت پوشش",
            "Women by coverage status",
        ),
        unit: t(lang, "نفر", "women"),
        categories: area_names(dashboard, lang),
        series: [
            (t(lang, "تحت پوشش", "Covered"), CoverageStatus::Covered),
            (
                t(lang, "مستمری‌بگیر", "Pensioner"),
                CoverageStatus::Pensioner,
            ),
            (t(lang, "پشت نوبت", "Waiting"), CoverageStatus::WaitingList),
            (t(lang, "متقاضی", "Applicant"), CoverageStatus::Applicant),
            (t(lang, "خارج‌شده", "Exited"), CoverageStatus::Exited),
        ]
        .into_iter()
        .map(|(name, status)| {
            count_series(
                name,
                dashboard.areas.iter().map(|a| a.women.of(status)).collect(),
                lang,
            )
        })
        .collect(),
        stacked: true,
    };
    Section {
        id: "women",
        title: t(
            lang,
            "زنان: پوشش، نوبت و خروج",
            "Women: covered, waiting and exited",
        ),
        note: Some(t(
            lang,
            "وضعیت پوشش امروز است؛ خروج‌ها در بازهٔ انتخاب‌شده شمرده شده‌اند.",
            "Coverage status is today's; exits are counted within the chosen span.",
        )),
        chart: Some(chart),
        table: TableView {
            columns,
            rows,
            total,
        },
    }
}

fn money_sections(
    dashboard: &Dashboard,
    lang: Lang,
    unit: MoneyUnit,
    links: Links,
) -> Vec<Section> {
    let Some(part) = dashboard.money.as_ref() else {
        return Vec::new();
    };
    let english = lang.is_english();
    let figure_columns = || {
        vec![
            numeric(t(lang, "بودجه", "Budget")),
            numeric(t(lang, "تعهدشده", "Committed")),
            numeric(t(lang, "پرداخت‌شده", "Paid")),
            numeric(t(lang, "تعهد پرداخت‌نشده", "Open commitments")),
            numeric(t(lang, "مانده", "Left")),
        ]
    };
    let figure_cells = |figures: hamyar_domain::budget::LineFigures, href: Option<String>| {
        [
            figures.budget_rials,
            figures.committed_rials,
            figures.paid_rials(),
            figures.outstanding_rials,
            figures.budget_rials - figures.committed_rials,
        ]
        .into_iter()
        .map(|value| Cell {
            text: money(value, unit, lang),
            href: href.clone(),
        })
        .collect::<Vec<Cell>>()
    };
    let area_href = |area: Option<i64>| {
        links
            .money
            .then(|| budget_href(dashboard, area.filter(|id| *id != 0), links.year))
            .flatten()
    };
    let mut by_area_columns = vec![area_column(dashboard, lang)];
    by_area_columns.extend(figure_columns());
    let by_area_rows = part
        .areas
        .iter()
        .map(|row| {
            let mut cells = vec![Cell::plain(row.area.name(english).to_owned())];
            cells.extend(figure_cells(row.total(), area_href(Some(row.area.id))));
            cells
        })
        .collect();
    let mut by_area_total = vec![Cell::plain(t(lang, "جمع", "Total"))];
    by_area_total.extend(figure_cells(part.total.total(), area_href(None)));
    let series = |name: String, value: fn(&hamyar_domain::budget::LineFigures) -> i64| Series {
        name,
        values: part.areas.iter().map(|a| value(&a.total())).collect(),
        labels: part
            .areas
            .iter()
            .map(|a| compact_money(value(&a.total()), lang))
            .collect(),
    };
    let chart = BarChart {
        title: t(lang, "بودجه، تعهد و پرداخت", "Budget, committed and paid"),
        unit: t(lang, "ریال", "rials"),
        categories: part
            .areas
            .iter()
            .map(|a| a.area.name(english).to_owned())
            .collect(),
        series: vec![
            series(t(lang, "بودجه", "Budget"), |f| f.budget_rials),
            series(t(lang, "تعهد", "Committed"), |f| f.committed_rials),
            series(t(lang, "پرداخت", "Paid"), |f| f.paid_rials()),
        ],
        stacked: false,
    };
    let note = if part.whole_year {
        t(
            lang,
            "ارقام سال مالی تا امروز، از دفتر کل.",
            "The fiscal year's figures to date, from the ledger.",
        )
    } else {
        t(
            lang,
            "بودجه تا پایان بازه؛ تعهد و پرداخت فقط درون بازه، از دفتر کل.",
            "Budget up to the span's end; commitments and payments within the span only, from the ledger.",
        )
    };
    let mut by_category_columns = vec![Column {
        title: t(lang, "ردیف بودجه", "Budget category"),
        numeric: false,
    }];
    by_category_columns.extend(figure_columns());
    let by_category_rows = BudgetCategory::ALL
        .iter()
        .map(|category| {
            let mut cells = vec![Cell::plain(codes::label(*category, lang).to_owned())];
            cells.extend(figure_cells(part.total.figures(*category), area_href(None)));
            cells
        })
        .collect();
    let mut by_category_total = vec![Cell::plain(t(lang, "جمع", "Total"))];
    by_category_total.extend(figure_cells(part.total.total(), area_href(None)));
    let category_chart = BarChart {
        title: t(
            lang,
            "بودجه و تعهد هر ردیف",
            "Budget and commitments by category",
        ),
        unit: t(lang, "ریال", "rials"),
        categories: BudgetCategory::ALL
            .iter()
            .map(|c| codes::label(*c, lang).to_owned())
            .collect(),
        series: [
            (t(lang, "بودجه", "Budget"), 0),
            (t(lang, "تعهد", "Committed"), 1),
            (t(lang, "پرداخت", "Paid"), 2),
        ]
        .into_iter()
        .map(|(name, which)| {
            let values: Vec<i64> = BudgetCategory::ALL
                .iter()
                .map(|c| {
                    let f = part.total.figures(*c);
                    [f.budget_rials, f.committed_rials, f.paid_rials()][which]
                })
                .collect();
            Series {
                name,
                labels: values.iter().map(|v| compact_money(*v, lang)).collect(),
                values,
            }
        })
        .collect(),
        stacked: false,
    };
    vec![
        Section {
            id: "money",
            title: t(
                lang,
                "پول برنامه در برابر بودجه",
                "Programme money against budget",
            ),
            note: Some(note.clone()),
            chart: Some(chart),
            table: TableView {
                columns: by_area_columns,
                rows: by_area_rows,
                total: by_area_total,
            },
        },
        Section {
            id: "money-categories",
            title: t(
                lang,
                "پول برنامه بر پایهٔ ردیف بودجه",
                "Programme money by budget category",
            ),
            note: Some(note),
            chart: Some(category_chart),
            table: TableView {
                columns: by_category_columns,
                rows: by_category_rows,
                total: by_category_total,
            },
        },
    ]
}

fn grants_section(dashboard: &Dashboard, lang: Lang, unit: MoneyUnit, links: Links) -> Section {
    let columns = vec![
        area_column(dashboard, lang),
        numeric(t(lang, "کمک‌ها", "Grants")),
        numeric(t(lang, "گروه‌های دریافت‌کننده", "Groups granted")),
        numeric(t(lang, "زنان دریافت‌کننده", "Women granted")),
        numeric(t(lang, "تعهدشده", "Committed")),
        numeric(t(lang, "پرداخت‌شده", "Paid")),
        numeric(t(lang, "میانگین هر گروه", "Average per group")),
    ];
    let (rows, mut total) = area_rows(dashboard, lang, |f, _| {
        let average = if f.groups_granted > 0 {
            f.grants_committed_rials / f.groups_granted
        } else {
            0
        };
        vec![
            Cell::plain(lang.number(f.grants)),
            Cell::plain(lang.number(f.groups_granted)),
            Cell::plain(lang.number(f.women_granted)),
            Cell::plain(money(f.grants_committed_rials, unit, lang)),
            Cell::plain(money(f.grants_paid_rials, unit, lang)),
            Cell::plain(money(average, unit, lang)),
        ]
    });
    if links.grants {
        total[1].href = Some(format!("/money/grants?year={}", links.year));
    }
    let chart = BarChart {
        title: t(lang, "کمک‌های بلاعوض", "Grants"),
        unit: t(lang, "ریال", "rials"),
        categories: area_names(dashboard, lang),
        series: vec![
            Series {
                name: t(lang, "تعهدشده", "Committed"),
                values: dashboard
                    .areas
                    .iter()
                    .map(|a| a.grants_committed_rials)
                    .collect(),
                labels: dashboard
                    .areas
                    .iter()
                    .map(|a| compact_money(a.grants_committed_rials, lang))
                    .collect(),
            },
            Series {
                name: t(lang, "پرداخت‌شده", "Paid"),
                values: dashboard
                    .areas
                    .iter()
                    .map(|a| a.grants_paid_rials)
                    .collect(),
                labels: dashboard
                    .areas
                    .iter()
                    .map(|a| compact_money(a.grants_paid_rials, lang))
                    .collect(),
            },
        ],
        stacked: false,
    };
    Section {
        id: "grants",
        title: t(lang, "کمک‌های بلاعوض سال", "The year's grants"),
        note: Some(t(
            lang,
            "کمک‌هایی که دست‌کم یک قسط آن‌ها تصویب شده است.",
            "Grants with at least one approved tranche.",
        )),
        chart: Some(chart),
        table: TableView {
            columns,
            rows,
            total,
        },
    }
}

/// The visit figures' definitions (`visit_figures`), and today's line when the span reaches
/// today.
fn visits_note(dashboard: &Dashboard, lang: Lang) -> String {
    let english = lang.is_english();
    let mut figures = vec![
        visit_figures::UNDER_FOLLOW_UP,
        visit_figures::VISITS_OWED,
        visit_figures::VISITS_KEPT,
    ];
    if dashboard.visits_today.is_some() {
        figures.push(visit_figures::FOLLOW_UPS_OVERDUE);
        figures.push(visit_figures::GROUPS_OWED_A_VISIT);
    }
    let mut note = figures
        .iter()
        .map(|f| format!("{}: {}", f.name(english), f.definition(english)))
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(today) = &dashboard.visits_today {
        let line = match lang {
            Lang::Fa => format!(
                " امروز، {}: {} پیگیری معوق، {} پیگیری سررسید نزدیک و {} گروه بی‌بازدید (همان شمار فهرست بازدیدهای سررسید).",
                day(today.on, lang),
                lang.number(today.overdue),
                lang.number(today.due),
                lang.number(today.groups_owed_a_visit)
            ),
            Lang::En => format!(
                " Today, {}: {} overdue follow-ups, {} due and {} groups owed a visit (the counts of the visits-due list).",
                day(today.on, lang),
                today.overdue,
                today.due,
                today.groups_owed_a_visit
            ),
        };
        note.push_str(&line);
    }
    note
}

fn visits_section(dashboard: &Dashboard, lang: Lang) -> Section {
    let english = lang.is_english();
    let columns = vec![
        area_column(dashboard, lang),
        numeric(visit_figures::VISITS_RECORDED.name(english).to_owned()),
        numeric(visit_figures::VISITS_OWED.name(english).to_owned()),
        numeric(visit_figures::VISITS_KEPT.name(english).to_owned()),
        numeric(t(lang, "درصد", "Percent")),
    ];
    let percent = |kept: i64, owed: i64| {
        if owed == 0 {
            "—".to_owned()
        } else {
            let value = (kept * 100 + owed / 2) / owed;
            match lang {
                Lang::Fa => format!("{}٪", lang.number(value)),
                Lang::En => format!("{value}%"),
            }
        }
    };
    let (rows, total) = area_rows(dashboard, lang, |f, _| {
        vec![
            Cell::plain(lang.number(f.visits_done)),
            Cell::plain(lang.number(f.visits_owed)),
            Cell::plain(lang.number(f.visits_kept)),
            Cell::plain(percent(f.visits_kept, f.visits_owed)),
        ]
    });
    let chart = BarChart {
        title: t(
            lang,
            "بازدیدها: انجام‌شده در برابر موعد",
            "Visits: kept against owed",
        ),
        unit: t(lang, "بازدید", "visits"),
        categories: area_names(dashboard, lang),
        series: vec![
            count_series(
                t(lang, "موعد", "Owed"),
                dashboard.areas.iter().map(|a| a.visits_owed).collect(),
                lang,
            ),
            count_series(
                t(lang, "انجام‌شده", "Kept"),
                dashboard.areas.iter().map(|a| a.visits_kept).collect(),
                lang,
            ),
        ],
        stacked: false,
    };
    Section {
        id: "visits",
        title: t(lang, "بازدیدها", "Visits"),
        note: Some(visits_note(dashboard, lang)),
        chart: Some(chart),
        table: TableView {
            columns,
            rows,
            total,
        },
    }
}

fn business_section(dashboard: &Dashboard, lang: Lang, unit: MoneyUnit) -> Section {
    let columns = vec![
        area_column(dashboard, lang),
        numeric(t(lang, "گروه‌های گزارش‌دهنده", "Groups reporting")),
        numeric(t(lang, "ماه‌های ثبت‌شده", "Months recorded")),
        numeric(t(lang, "فروش", "Revenue")),
        numeric(t(lang, "سود", "Profit")),
    ];
    let (rows, total) = area_rows(dashboard, lang, |f, _| {
        vec![
            Cell::plain(lang.number(f.business_groups)),
            Cell::plain(lang.number(f.business_months)),
            Cell::plain(money(f.revenue_rials, unit, lang)),
            Cell::plain(crate::pages::group_chart::money(f.profit_rials, unit, lang)),
        ]
    });
    let chart = BarChart {
        title: t(
            lang,
            "فروش و سود کسب‌وکار گروه‌ها",
            "The groups' revenue and profit",
        ),
        unit: t(lang, "ریال", "rials"),
        categories: area_names(dashboard, lang),
        series: vec![
            Series {
                name: t(lang, "فروش", "Revenue"),
                values: dashboard.areas.iter().map(|a| a.revenue_rials).collect(),
                labels: dashboard
                    .areas
                    .iter()
                    .map(|a| compact_money(a.revenue_rials, lang))
                    .collect(),
            },
            Series {
                name: t(lang, "سود", "Profit"),
                values: dashboard
                    .areas
                    .iter()
                    .map(|a| a.profit_rials.max(0))
                    .collect(),
                labels: dashboard
                    .areas
                    .iter()
                    .map(|a| compact_money(a.profit_rials, lang))
                    .collect(),
            },
        ],
        stacked: false,
    };
    Section {
        id: "business",
        title: t(lang, "کسب‌وکار گروه‌ها", "The groups' business"),
        note: Some(t(
            lang,
            "ماه‌های کسب‌وکاری که گروه‌ها برای ماه‌های این بازه ثبت کرده‌اند.",
            "Business months the groups recorded for the months of the span.",
        )),
        chart: Some(chart),
        table: TableView {
            columns,
            rows,
            total,
        },
    }
}
