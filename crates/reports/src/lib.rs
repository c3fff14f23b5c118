//! What Hamyar shows and prints of its records and figures, apart from how it is served: a
//! value in the reader's language (`format`: money, dates, coded labels — the one place each
//! is written), the dashboard's view model and its charts, a figure with its definition, and
//! the files a person downloads or the `hamyar` command writes (budget report, figure sheet,
//! press summary workbook, the provincial PDF) and the documents an office prints on its
//! letterhead (`documents`, `letterhead`). The web pages and the console both call this
//! crate, so a figure reads the same on a page, in a file and on the console.
//!
//! It depends on the use-cases (`hamyar-app`) for the figures it presents, never on the web
//! layer; only this crate and the binary link the PDF engine.

pub mod charts;
pub mod dashboard_view;
pub mod documents;
pub mod figure_view;
pub mod figures_export;
pub mod format;
pub mod group_exports;
pub mod letterhead;
pub mod money_export;
pub mod outcomes_export;
pub mod plan_view;
pub mod press_export;
pub mod report_pdf;
pub mod savings_groups_export;
pub mod training_export;
