//! The one-page press PDF on the province office's letterhead: a headline, the paragraph
//! and its headline figures, and who issues it. The press summary (`App::press_summary`,
//! `web/src/pages/press.rs`) owns the words and the figures; this module only lays them
//! out, so the caller hands them over already written — the paragraph in the reader's
//! language and each figure as (name, value as shown).

use hamyar_app::places::Place;
use hamyar_pdf::{Block, Field, ReportDocument};

use super::{Printing, ReportError, render};

/// What the press PDF prints.
#[derive(Debug, Clone)]
pub struct PressRelease {
    /// The province whose office issues it (its letterhead); none for the country.
    pub province: Option<Place>,
    pub headline: String,
    pub paragraph: String,
    /// «روابط عمومی ادارهٔ کل بهزیستی استان …، ۱۵ آذر ۱۴۰۵», printed under the paragraph.
    pub attribution: Option<String>,
    /// (figure's name, value as shown), in the order to print.
    pub figures: Vec<(String, String)>,
}

/// The press release as a document.
pub fn press_document(release: &PressRelease, printing: &Printing<'_>) -> ReportDocument {
    let mut document = printing.document(release.province.as_ref(), release.headline.clone());
    document
        .blocks
        .push(Block::Paragraph(release.paragraph.clone()));
    if let Some(attribution) = &release.attribution {
        document.blocks.push(Block::Paragraph(attribution.clone()));
    }
    if !release.figures.is_empty() {
        document
            .blocks
            .push(Block::Heading(printing.t("documents-press-figures")));
        document.blocks.push(Block::Fields(
            release
                .figures
                .iter()
                .map(|(name, value)| Field::new(name.clone(), value.clone()))
                .collect(),
        ));
    }
    document
}

/// The press release as PDF bytes (rendered off the async workers).
pub async fn press_pdf(
    release: &PressRelease,
    printing: &Printing<'_>,
) -> Result<Vec<u8>, ReportError> {
    render(press_document(release, printing)).await
}
