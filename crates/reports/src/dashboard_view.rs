//! A dashboard (`hamyar_app::dashboard::Dashboard`) turned into what people read: headline
//! figures, and sections each made of a chart and the table of the numbers it draws, with
//! the language's digits and the user's money unit. A number links to the list behind it
//! when there is one the reader may open — groups by stage to the group list, women by
//! coverage status to the registry, money to the province's budget report (whose figures
//! drill down to their ledger transactions). Flows over the span (moves, exits, visits,
//! business) have no such list and are plain. The web page renders these sections as HTML
//! with SVG charts; the provincial report renders the same sections into its PDF, so the
//! two never disagree.

use hamyar_app::access::PlaceId;
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
use crate::format as codes;
use crate::format::money;
use hamyar_i18n::{Arg, Lang};

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
fn area_query(dashboard: &Dashboard, area_id: PlaceId) -> String {
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
fn row_query(dashboard: &Dashboard, area_id: Option<PlaceId>) -> String {
    match area_id {
        Some(id) => area_query(dashboard, id),
        None => place_query(dashboard),
    }
}

/// The province whose budget report holds an area's money (`None`: the country's total).
fn budget_href(dashboard: &Dashboard, area_id: Option<PlaceId>, year: i32) -> Option<String> {
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
    province_of_county: Option<PlaceId>,
) -> DashboardView {
    let links = Links {
        groups: actor.can(Permission::ViewGroups),
        women: actor.can(Permission::ViewRegistry),
        money: actor.can(Permission::ViewMoney),
        grants: actor.can(Permission::ViewMoneyRecords),
        year: dashboard.fiscal_year,
    };
    let english = lang.is_english();
    let year = lang.digits(&dashboard.fiscal_year.to_string());
    let title = lang.tr(
        "dashboard-heading",
        &[
            ("place", Arg::Text(dashboard.place.name(english))),
            ("year", Arg::Text(&year)),
        ],
    );
    let (from, to, state_on) = (
        day(dashboard.from, lang),
        day(dashboard.to, lang),
        day(dashboard.state_on, lang),
    );
    let span = lang.tr(
        "dashboard-span",
        &[
            ("from", Arg::Text(&from)),
            ("to", Arg::Text(&to)),
            ("state_on", Arg::Text(&state_on)),
        ],
    );
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
const HEADLINES: [FigureKey; 11] = [
    FigureKey::ActiveGroups,
    FigureKey::GroupMembers,
    FigureKey::WomenCovered,
    FigureKey::WomenWaiting,
    FigureKey::WomenEmpowered,
    FigureKey::VisitsKept,
    FigureKey::VisitsOwed,
    FigureKey::FollowUpsOverdue,
    FigureKey::GroupsOwedAVisit,
    FigureKey::TrainingWomen,
    FigureKey::HeadlineSpent,
];

/// One row per area then the total, each made by `cells` (which gets `None` for the total).
fn area_rows(
    dashboard: &Dashboard,
    lang: Lang,
    cells: impl Fn(&AreaFigures, Option<PlaceId>) -> Vec<Cell>,
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
    let mut total = vec![Cell::plain(lang.t("dashboard-total").to_owned())];
    total.extend(cells(&dashboard.total, None));
    (rows, total)
}

fn area_column(dashboard: &Dashboard, lang: Lang) -> Column {
    Column {
        title: match dashboard.area_kind {
            hamyar_app::access::ScopeKind::Province => lang.t("kind-province").to_owned(),
            _ => lang.t("kind-county").to_owned(),
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
    columns.push(numeric(lang.t("groups-all").to_owned()));
    columns.push(numeric(lang.t("field-members").to_owned()));
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
        title: lang.t("dashboard-groups_by_stage").to_owned(),
        unit: lang.t("dashboard-groups").to_owned(),
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
        title: lang.t("dashboard-groups_and_members").to_owned(),
        note: Some(lang.t("dashboard-members_women_with_an_open").to_owned()),
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
        title: lang.t("field-month").to_owned(),
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
    let mut total = vec![Cell::plain(lang.t("dashboard-total").to_owned())];
    total.extend(
        StageBucket::ALL
            .iter()
            .map(|bucket| Cell::plain(lang.number(dashboard.total.entered.bucket(*bucket)))),
    );
    let chart = BarChart {
        title: lang.t("dashboard-groups_entering_each_stage_by").to_owned(),
        unit: lang.t("dashboard-groups").to_owned(),
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
        title: lang.t("dashboard-how_groups_moved_in_the").to_owned(),
        note: Some(lang.t("dashboard-each_number_counts_the_groups").to_owned()),
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
    columns.push(numeric(lang.t("dashboard-exits_in_the_span").to_owned()));
    columns.push(numeric(
        lang.t("dashboard-empowered_in_the_span").to_owned(),
    ));
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
        title: lang.t("dashboard-women_by_coverage_status").to_owned(),
        unit: lang.t("dashboard-women").to_owned(),
        categories: area_names(dashboard, lang),
        series: [
            (
                lang.t("dashboard-covered").to_owned(),
                CoverageStatus::Covered,
            ),
            (
                lang.t("dashboard-pensioner").to_owned(),
                CoverageStatus::Pensioner,
            ),
            (
                lang.t("dashboard-waiting").to_owned(),
                CoverageStatus::WaitingList,
            ),
            (
                lang.t("dashboard-applicant").to_owned(),
                CoverageStatus::Applicant,
            ),
            (
                lang.t("dashboard-exited").to_owned(),
                CoverageStatus::Exited,
            ),
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
        title: lang
            .t("dashboard-women_covered_waiting_and_exited")
            .to_owned(),
        note: Some(lang.t("dashboard-coverage_status_is_today_s").to_owned()),
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
            numeric(lang.t("budget-budget").to_owned()),
            numeric(lang.t("dashboard-committed").to_owned()),
            numeric(lang.t("grants-paid").to_owned()),
            numeric(lang.t("budget-open").to_owned()),
            numeric(lang.t("budget-left").to_owned()),
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
    let area_href = |area: Option<PlaceId>| {
        links
            .money
            .then(|| budget_href(dashboard, area.filter(|id| id.get() != 0), links.year))
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
    let mut by_area_total = vec![Cell::plain(lang.t("dashboard-total").to_owned())];
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
        title: lang.t("dashboard-budget_committed_and_paid").to_owned(),
        unit: lang.t("dashboard-rials").to_owned(),
        categories: part
            .areas
            .iter()
            .map(|a| a.area.name(english).to_owned())
            .collect(),
        series: vec![
            series(lang.t("budget-budget").to_owned(), |f| f.budget_rials),
            series(lang.t("dashboard-committed_2").to_owned(), |f| {
                f.committed_rials
            }),
            series(lang.t("payments-paid_by").to_owned(), |f| f.paid_rials()),
        ],
        stacked: false,
    };
    let note = if part.whole_year {
        lang.t("dashboard-the_fiscal_year_s_figures").to_owned()
    } else {
        lang.t("dashboard-budget_up_to_the_span").to_owned()
    };
    let mut by_category_columns = vec![Column {
        title: lang.t("budget-category").to_owned(),
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
    let mut by_category_total = vec![Cell::plain(lang.t("dashboard-total").to_owned())];
    by_category_total.extend(figure_cells(part.total.total(), area_href(None)));
    let category_chart = BarChart {
        title: lang
            .t("dashboard-budget_and_commitments_by_category")
            .to_owned(),
        unit: lang.t("dashboard-rials").to_owned(),
        categories: BudgetCategory::ALL
            .iter()
            .map(|c| codes::label(*c, lang).to_owned())
            .collect(),
        series: [
            (lang.t("budget-budget").to_owned(), 0),
            (lang.t("dashboard-committed_2").to_owned(), 1),
            (lang.t("payments-paid_by").to_owned(), 2),
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
            title: lang
                .t("dashboard-programme_money_against_budget")
                .to_owned(),
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
            title: lang
                .t("dashboard-programme_money_by_budget_category")
                .to_owned(),
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
        numeric(lang.t("dashboard-grants").to_owned()),
        numeric(lang.t("dashboard-groups_granted").to_owned()),
        numeric(lang.t("dashboard-women_granted").to_owned()),
        numeric(lang.t("dashboard-committed").to_owned()),
        numeric(lang.t("grants-paid").to_owned()),
        numeric(lang.t("dashboard-average_per_group").to_owned()),
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
        title: lang.t("grants-group_section").to_owned(),
        unit: lang.t("dashboard-rials").to_owned(),
        categories: area_names(dashboard, lang),
        series: vec![
            Series {
                name: lang.t("dashboard-committed").to_owned(),
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
                name: lang.t("grants-paid").to_owned(),
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
        title: lang.t("dashboard-the_year_s_grants").to_owned(),
        note: Some(lang.t("dashboard-grants_with_at_least_one").to_owned()),
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
        .map(|f| format!("{}: {}", lang.t(f.name_id), lang.t(f.definition_id)))
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(today) = &dashboard.visits_today {
        let on = day(today.on, lang);
        let line = lang.tr(
            "dashboard-visits_today",
            &[
                ("on", Arg::Text(&on)),
                ("overdue", Arg::Number(today.overdue)),
                ("due", Arg::Number(today.due)),
                ("owed", Arg::Number(today.groups_owed_a_visit)),
            ],
        );
        note.push(' ');
        note.push_str(&line);
    }
    note
}

fn visits_section(dashboard: &Dashboard, lang: Lang) -> Section {
    let columns = vec![
        area_column(dashboard, lang),
        numeric(lang.t(visit_figures::VISITS_RECORDED.name_id).to_owned()),
        numeric(lang.t(visit_figures::VISITS_OWED.name_id).to_owned()),
        numeric(lang.t(visit_figures::VISITS_KEPT.name_id).to_owned()),
        numeric(lang.t("dashboard-percent").to_owned()),
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
        title: lang.t("dashboard-visits_kept_against_owed").to_owned(),
        unit: lang.t("dashboard-visits").to_owned(),
        categories: area_names(dashboard, lang),
        series: vec![
            count_series(
                lang.t("dashboard-owed").to_owned(),
                dashboard.areas.iter().map(|a| a.visits_owed).collect(),
                lang,
            ),
            count_series(
                lang.t("dashboard-kept").to_owned(),
                dashboard.areas.iter().map(|a| a.visits_kept).collect(),
                lang,
            ),
        ],
        stacked: false,
    };
    Section {
        id: "visits",
        title: lang.t("dashboard-visits_2").to_owned(),
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
        numeric(lang.t("dashboard-groups_reporting").to_owned()),
        numeric(lang.t("dashboard-months_recorded").to_owned()),
        numeric(lang.t("dashboard-revenue").to_owned()),
        numeric(lang.t("field-profit").to_owned()),
    ];
    let (rows, total) = area_rows(dashboard, lang, |f, _| {
        vec![
            Cell::plain(lang.number(f.business_groups)),
            Cell::plain(lang.number(f.business_months)),
            Cell::plain(money(f.revenue_rials, unit, lang)),
            Cell::plain(crate::format::money(f.profit_rials, unit, lang)),
        ]
    });
    let chart = BarChart {
        title: lang.t("dashboard-the_groups_revenue_and_profit").to_owned(),
        unit: lang.t("dashboard-rials").to_owned(),
        categories: area_names(dashboard, lang),
        series: vec![
            Series {
                name: lang.t("dashboard-revenue").to_owned(),
                values: dashboard.areas.iter().map(|a| a.revenue_rials).collect(),
                labels: dashboard
                    .areas
                    .iter()
                    .map(|a| compact_money(a.revenue_rials, lang))
                    .collect(),
            },
            Series {
                name: lang.t("field-profit").to_owned(),
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
        title: lang.t("dashboard-the_groups_business").to_owned(),
        note: Some(
            lang.t("dashboard-business_months_the_groups_recorded")
                .to_owned(),
        ),
        chart: Some(chart),
        table: TableView {
            columns,
            rows,
            total,
        },
    }
}
