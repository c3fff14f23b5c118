//! Checks a document's shape before it reaches typst.
//!
//! The template trusts that every row is as wide as its header and that every
//! chart series has one value and one label per category; a mismatch there
//! would give a typst error far from its cause, or a silently wrong chart, so
//! it is caught here with an error that names the table or chart. A table is
//! also bounded in length: laying out pages is CPU work a server does for
//! every print, so a document may not ask for more than a report needs.

use crate::document::{BarChart, Block, ReportDocument, Table};
use crate::error::PdfError;

/// The most body rows a table may have (about a hundred pages).
pub const MAX_TABLE_ROWS: usize = 5_000;

/// Returns the first shape error in the document, if any.
pub(crate) fn validate(doc: &ReportDocument) -> Result<(), PdfError> {
    for block in &doc.blocks {
        match block {
            Block::Heading(_)
            | Block::Paragraph(_)
            | Block::Note(_)
            | Block::Fields(_)
            | Block::Numbered(_)
            | Block::Checklist(_)
            | Block::Signatures(_) => {}
            Block::Table(table) => validate_table(table)?,
            Block::BarChart(chart) => validate_chart(chart)?,
        }
    }
    Ok(())
}

fn validate_table(table: &Table) -> Result<(), PdfError> {
    let expected = table.columns.len();
    if expected == 0 {
        return Err(PdfError::TableWithoutColumns {
            caption: table.caption.clone(),
        });
    }
    if table.rows.len() > MAX_TABLE_ROWS {
        return Err(PdfError::TableTooLong {
            caption: table.caption.clone(),
            max: MAX_TABLE_ROWS,
        });
    }
    for (index, row) in table.rows.iter().enumerate() {
        if row.len() != expected {
            return Err(PdfError::TableRowWidth {
                caption: table.caption.clone(),
                row: index + 1,
                expected,
                found: row.len(),
            });
        }
    }
    if let Some(total) = &table.total
        && total.len() != expected
    {
        return Err(PdfError::TableTotalWidth {
            caption: table.caption.clone(),
            expected,
            found: total.len(),
        });
    }
    Ok(())
}

fn validate_chart(chart: &BarChart) -> Result<(), PdfError> {
    let expected = chart.categories.len();
    if expected == 0 || chart.series.is_empty() {
        return Err(PdfError::ChartEmpty {
            title: chart.title.clone(),
        });
    }
    for series in &chart.series {
        if series.values.len() != expected {
            return Err(PdfError::ChartValuesLength {
                title: chart.title.clone(),
                series: series.name.clone(),
                expected,
                found: series.values.len(),
            });
        }
        if series.labels.len() != expected {
            return Err(PdfError::ChartLabelsLength {
                title: chart.title.clone(),
                series: series.name.clone(),
                expected,
                found: series.labels.len(),
            });
        }
        if let Some((category, &value)) = chart
            .categories
            .iter()
            .zip(&series.values)
            .find(|(_, value)| **value < 0)
        {
            return Err(PdfError::ChartNegativeValue {
                title: chart.title.clone(),
                series: series.name.clone(),
                category: category.clone(),
                value,
            });
        }
    }
    Ok(())
}
