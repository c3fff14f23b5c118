//! The documents an office prints (issue 17), each on the office's letterhead
//! (`crate::letterhead`): a group's registration certificate and its members' agreement,
//! an introduction letter for a group or a woman, a payment order, a visit form (blank or
//! filled), a woman's dossier, the monthly performance report a province sends the national
//! office (PDF and XLSX) and the one-page press PDF.
//!
//! Each module turns what a use-case returns into a `hamyar_pdf::ReportDocument`; the
//! use-case is the one the page the document prints from already calls, so a document
//! shows what that page may show, to whom it may show it, and is audited as the page is
//! (the group's papers are a `group.view`, the dossier a `woman.view`). The words are the
//! catalogue's (`i18n/locales/*/documents.ftl`), numbers and dates are written by
//! `crate::format`, and the monthly report's figures are the catalogue's figures only.
//!
//! Laying out a PDF is CPU work: [`render`] runs it on a blocking thread, at most
//! [`RENDERS_AT_ONCE`] at a time, so printing cannot take the cores from the pages.

pub mod dossier;
pub mod group_papers;
pub mod monthly;
pub mod payment_order;
pub mod press_pdf;
pub mod training_certificate;
pub mod visit_form;

use hamyar_app::places::Place;
use hamyar_domain::{JalaliDate, MoneyUnit};
use hamyar_i18n::Lang;
use hamyar_pdf::ReportDocument;
use tokio::sync::Semaphore;

use crate::format;
use crate::letterhead::LetterheadSettings;

/// Why a document or report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    App(#[from] hamyar_app::AppError),
    #[error("the PDF could not be rendered: {0}")]
    Render(String),
}
pub use hamyar_pdf::ReportDocument as Document;

/// PDFs laid out at the same time by one process; more wait their turn.
pub const RENDERS_AT_ONCE: usize = 2;

static RENDERS: Semaphore = Semaphore::const_new(RENDERS_AT_ONCE);

/// Renders the document on a blocking thread, once a place among [`RENDERS_AT_ONCE`] is
/// free.
pub async fn render(document: ReportDocument) -> Result<Vec<u8>, ReportError> {
    let _turn = RENDERS
        .acquire()
        .await
        .map_err(|e| ReportError::Render(e.to_string()))?;
    tokio::task::spawn_blocking(move || hamyar_pdf::render_pdf(&document))
        .await
        .map_err(|e| ReportError::Render(e.to_string()))?
        .map_err(|e| ReportError::Render(e.to_string()))
}

/// How a document is printed: the letterhead settings, the reader's language and money
/// unit, and the day it is printed on.
#[derive(Debug, Clone, Copy)]
pub struct Printing<'a> {
    pub letterheads: &'a LetterheadSettings,
    pub lang: Lang,
    pub unit: MoneyUnit,
    pub today: JalaliDate,
}

impl Printing<'_> {
    /// A document on the letterhead of `province`'s office, dated today, with the
    /// footer every Hamyar document carries.
    pub fn document(&self, province: Option<&Place>, title: String) -> ReportDocument {
        let mut document = ReportDocument::new(
            pdf_lang(self.lang),
            title,
            self.lang.tr(
                "documents-footer",
                &[("date", format::date(self.today, self.lang).as_str().into())],
            ),
        );
        document.letterhead = Some(self.letterheads.letterhead(province, self.lang));
        document.corner = vec![self.labelled("documents-date", &self.date(self.today))];
        document
    }

    /// «label: value».
    pub fn labelled(&self, label_id: &str, value: &str) -> String {
        format!("{}: {value}", self.lang.t(label_id))
    }

    pub fn date(&self, day: JalaliDate) -> String {
        format::date(day, self.lang)
    }

    pub fn money(&self, rials: i64) -> String {
        format::money(rials, self.unit, self.lang)
    }

    /// A record's number in the reader's digits.
    pub fn number(&self, n: i64) -> String {
        self.lang.digits(&n.to_string())
    }

    pub fn t(&self, id: &str) -> String {
        self.lang.t(id).to_owned()
    }
}

pub(crate) fn pdf_lang(lang: Lang) -> hamyar_pdf::Lang {
    match lang {
        Lang::Fa => hamyar_pdf::Lang::Fa,
        Lang::En => hamyar_pdf::Lang::En,
    }
}

/// «county، locality», or the county alone when no locality was recorded.
pub(crate) fn place_line(county: &str, locality: &str) -> String {
    match locality.trim() {
        "" => county.to_owned(),
        locality => format!("{county}، {locality}"),
    }
}

/// A file name part from a code: letters, digits and `-` only.
pub fn file_part(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}
