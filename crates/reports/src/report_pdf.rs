//! The provincial report as a PDF (issue 6): the press summary's paragraph and figures, then
//! the province's dashboard — each section's chart and table — for the fiscal year, laid out
//! right to left with shaped, selectable Persian text by `hamyar-pdf`. The sections come from
//! `dashboard_view`, the same the dashboard page shows — the groups table with the same stage
//! columns — so the PDF and the page never disagree; its figures table is the catalogue's
//! figure sheet with each figure's definition. The report holds counts and sums only, never
//! a person or a group's name. It is printed on the province office's letterhead
//! (`crate::letterhead`).

use hamyar_app::access::PlaceId;
use hamyar_app::dashboard::Dashboard;
use hamyar_app::figures::FigureSheet;
use hamyar_app::press::PressSummary;
use hamyar_app::{Actor, App};
use hamyar_domain::{DateStyle, Digits, FiscalYear, JalaliDate, MoneyUnit};
use hamyar_pdf::{BarChart, Block, ChartSeries, Column, ReportDocument, Table};

use crate::dashboard_view::{Section, view};
use crate::figure_view::value_text;
use crate::letterhead::LetterheadSettings;
use hamyar_i18n::Lang;

/// Reads the summary and the dashboard for `actor` (a county user's report covers their
/// county) and renders the PDF on a blocking thread, on the letterhead of the province's
/// office as nothing is configured. `NotFound` when the province is outside the actor's
/// scope.
pub async fn provincial_report_pdf(
    app: &App,
    actor: &Actor,
    province_id: PlaceId,
    year: FiscalYear,
    unit: MoneyUnit,
) -> Result<Vec<u8>, ReportError> {
    provincial_report_pdf_on(
        app,
        actor,
        province_id,
        year,
        unit,
        &LetterheadSettings::default(),
    )
    .await
}

/// [`provincial_report_pdf`] on the configured letterhead.
pub async fn provincial_report_pdf_on(
    app: &App,
    actor: &Actor,
    province_id: PlaceId,
    year: FiscalYear,
    unit: MoneyUnit,
    letterheads: &LetterheadSettings,
) -> Result<Vec<u8>, ReportError> {
    let summary = app.press_summary(actor, province_id, year).await?;
    let request = hamyar_app::dashboard::DashboardRequest {
        place_id: Some(actor.scope.county().unwrap_or(province_id)),
        year,
        from: None,
        to: None,
    };
    let (dashboard, sheet) = app.dashboard_with_figures(actor, &request).await?;
    let mut document = provincial_report(&summary, &dashboard, &sheet, actor, unit, app.today());
    let tree = app.place_tree().await?;
    document.letterhead = Some(letterheads.letterhead(tree.get(province_id), Lang::Fa));
    crate::documents::render(document).await
}

/// Why a report could not be made (defined with the documents, which render the same way).
pub use crate::documents::ReportError;

/// The report document (Persian).
pub fn provincial_report(
    summary: &PressSummary,
    dashboard: &Dashboard,
    sheet: &FigureSheet,
    actor: &Actor,
    unit: MoneyUnit,
    today: JalaliDate,
) -> ReportDocument {
    let lang = Lang::Fa;
    // Every catalogue figure with its definition: the same sheet the dashboard heads with
    // and the summary's paragraph says.
    let mut blocks = vec![
        Block::Heading("خلاصهٔ خبری".into()),
        Block::Paragraph(summary.paragraph_fa.clone()),
        Block::Table(Table {
            caption: "ارقام و تعریف هر یک".into(),
            columns: vec![
                Column {
                    title: "رقم و تعریف آن".into(),
                    numeric: false,
                },
                Column {
                    title: "مقدار".into(),
                    numeric: true,
                },
            ],
            rows: sheet
                .figures
                .iter()
                .map(|figure| {
                    // The name, then its definition in the same cell, so the long
                    // names and amounts each keep a column of their own width.
                    vec![
                        format!(
                            "{}: {}",
                            lang.t(figure.def.name_id),
                            lang.t(figure.def.definition_id)
                        ),
                        value_text(figure.value, figure.def.unit, lang, unit),
                    ]
                })
                .collect(),
            total: None,
        }),
    ];
    let dashboard_view = view(dashboard, sheet, actor, lang, unit, None);
    blocks.push(Block::Paragraph(dashboard_view.span.clone()));
    for section in &dashboard_view.sections {
        blocks.push(Block::Heading(section.title.clone()));
        if let Some(note) = &section.note {
            blocks.push(Block::Note(note.clone()));
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
        blocks.push(Block::Table(table_of(section)));
    }
    ReportDocument {
        lang: hamyar_pdf::Lang::Fa,
        letterhead: None,
        corner: Vec::new(),
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
