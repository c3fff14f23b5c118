//! The provincial report as a PDF (issue 6): the press summary's paragraph and figures, then
//! the province's dashboard — each section's chart and table — for the fiscal year, laid out
//! right to left with shaped, selectable Persian text by `hamyar-pdf`. The sections come from
//! `dashboard_view`, the same the dashboard page shows, so the PDF and the page never
//! disagree; the groups table is folded into the chart's stage buckets to fit a page. The
//! report holds counts and sums only, never a person or a group's name.

use hamyar_app::dashboard::{Dashboard, StageBucket};
use hamyar_app::press::PressSummary;
use hamyar_app::{Actor, App, AppError};
use hamyar_domain::{DateStyle, Digits, FiscalYear, JalaliDate, MoneyUnit};
use hamyar_pdf::{BarChart, Block, ChartSeries, Column, ReportDocument, Table};

use crate::dashboard_view::{Section, view};
use crate::i18n::Lang;
use crate::pages::budget::money;

/// Reads the summary and the dashboard for `actor` (a county user's report covers their
/// county) and renders the PDF on a blocking thread. `NotFound` when the province is outside
/// the actor's scope.
pub async fn provincial_report_pdf(
    app: &App,
    actor: &Actor,
    province_id: i64,
    year: FiscalYear,
    unit: MoneyUnit,
) -> Result<Vec<u8>, ReportError> {
    let summary = app.press_summary(actor, province_id, year).await?;
    let request = hamyar_app::dashboard::DashboardRequest {
        place_id: Some(actor.scope.county().unwrap_or(province_id)),
        year,
        from: None,
        to: None,
    };
    let dashboard = app.dashboard(actor, &request).await?;
    let document = provincial_report(&summary, &dashboard, actor, unit, app.today());
    tokio::task::spawn_blocking(move || hamyar_pdf::render_pdf(&document))
        .await
        .map_err(|e| ReportError::Render(e.to_string()))?
        .map_err(|e| ReportError::Render(e.to_string()))
}

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    App(#[from] AppError),
    #[error("the PDF could not be rendered: {0}")]
    Render(String),
}

/// The report document (Persian).
pub fn provincial_report(
    summary: &PressSummary,
    dashboard: &Dashboard,
    actor: &Actor,
    unit: MoneyUnit,
    today: JalaliDate,
) -> ReportDocument {
    let lang = Lang::Fa;
    let f = &summary.figures;
    let count = |n: u64| lang.number(i64::try_from(n).unwrap_or(i64::MAX));
    let mut blocks = vec![
        Block::Heading("خلاصهٔ خبری".into()),
        Block::Paragraph(summary.paragraph_fa.clone()),
        Block::Table(Table {
            caption: "ارقام خلاصهٔ خبری".into(),
            columns: vec![
                Column {
                    title: "رقم".into(),
                    numeric: false,
                },
                Column {
                    title: "مقدار".into(),
                    numeric: true,
                },
            ],
            rows: vec![
                vec!["گروه‌های فعال".into(), count(f.active_groups)],
                vec!["اعضای گروه‌های فعال".into(), count(f.active_members)],
                vec![
                    "هزینهٔ آموزش، آماده‌سازی شغلی و تقویت گروه‌ها".into(),
                    money(f.headline_spent_rials, unit, lang),
                ],
                vec![
                    "کمک بلاعوض تعهدشده".into(),
                    money(f.grants_committed_rials, unit, lang),
                ],
                vec![
                    "کمک بلاعوض پرداخت‌شده".into(),
                    money(f.grants_paid_rials, unit, lang),
                ],
                vec!["گروه‌های مستقل‌شده".into(), count(f.graduated_groups)],
                vec!["زنان توانمندشده".into(), count(f.women_independent)],
            ],
            total: None,
        }),
    ];
    let dashboard_view = view(dashboard, actor, lang, unit);
    blocks.push(Block::Paragraph(dashboard_view.span.clone()));
    for section in &dashboard_view.sections {
        blocks.push(Block::Heading(section.title.clone()));
        if let Some(note) = &section.note {
            blocks.push(Block::Paragraph(note.clone()));
        }
        if let Some(chart) = section.chart.as_ref().filter(|c| !c.is_empty()) {
            blocks.push(Block::BarChart(BarChart {
                title: chart.title.clone(),
                unit: chart.unit.clone(),
                categories: chart.categories.clone(),
                series: chart
                    .series
                    .iter()
                    .map(|s| ChartSeries {
                        name: s.name.clone(),
                        values: s.values.iter().map(|v| (*v).max(0)).collect(),
                        labels: s.labels.clone(),
                    })
                    .collect(),
            }));
        }
        let table = if section.id == "groups" {
            groups_table(dashboard, lang)
        } else {
            table_of(section)
        };
        blocks.push(Block::Table(table));
    }
    ReportDocument {
        lang: hamyar_pdf::Lang::Fa,
        title: format!(
            "گزارش گروه‌های همیار زنان سرپرست خانوار — {}",
            summary.figures.province_name_fa
        ),
        subtitle: Some(
            FiscalYear::new(summary.figures.fiscal_year)
                .map(|y| y.label_fa())
                .unwrap_or_default(),
        ),
        footer: format!(
            "تهیه‌شده با همیار در {}",
            today.format(DateStyle::Numeric, Digits::Persian)
        ),
        blocks,
    }
}

fn table_of(section: &Section) -> Table {
    Table {
        caption: section.title.clone(),
        columns: section
            .table
            .columns
            .iter()
            .map(|c| Column {
                title: c.title.clone(),
                numeric: c.numeric,
            })
            .collect(),
        rows: section
            .table
            .rows
            .iter()
            .map(|row| row.iter().map(|cell| cell.text.clone()).collect())
            .collect(),
        total: Some(
            section
                .table
                .total
                .iter()
                .map(|cell| cell.text.clone())
                .collect(),
        ),
    }
}

/// Groups per area in the chart's buckets, with all and members.
fn groups_table(dashboard: &Dashboard, lang: Lang) -> Table {
    let mut columns = vec![Column {
        title: "شهرستان".into(),
        numeric: false,
    }];
    if dashboard.area_kind == hamyar_app::access::ScopeKind::Province {
        columns[0].title = "استان".into();
    }
    columns.extend(StageBucket::ALL.iter().map(|b| Column {
        title: b.label_fa().into(),
        numeric: true,
    }));
    columns.push(Column {
        title: "همه".into(),
        numeric: true,
    });
    columns.push(Column {
        title: "اعضا".into(),
        numeric: true,
    });
    let row = |name: String, figures: &hamyar_app::dashboard::AreaFigures| {
        let mut cells = vec![name];
        cells.extend(
            StageBucket::ALL
                .iter()
                .map(|b| lang.number(figures.groups.bucket(*b))),
        );
        cells.push(lang.number(figures.groups.total()));
        cells.push(lang.number(figures.members));
        cells
    };
    Table {
        caption: "گروه‌ها و اعضا".into(),
        columns,
        rows: dashboard
            .areas
            .iter()
            .map(|a| row(a.area.name_fa.clone(), a))
            .collect(),
        total: Some(row("جمع".into(), &dashboard.total)),
    }
}
