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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::letterhead::LetterheadSettings;
    use hamyar_domain::{JalaliDate, MoneyUnit};
    use hamyar_i18n::Lang;
    use hamyar_pdf::inspect::{page_count, text, without_zwnj};

    #[test]
    fn the_press_release_is_one_page_on_the_letterhead_in_reading_order() {
        let letterheads = LetterheadSettings::default();
        let printing = Printing {
            letterheads: &letterheads,
            lang: Lang::Fa,
            unit: MoneyUnit::Rial,
            today: JalaliDate::new(1405, 9, 8).unwrap(),
        };
        let paragraph =
            "در استان قزوین ۳۰ گروه همیار زنان سرپرست خانوار با ۱۸۰ عضو فعالیت می‌کنند. ".repeat(6);
        let release = PressRelease {
            province: None,
            headline: "۳۰ گروه همیار در قزوین فعال است".to_owned(),
            paragraph: paragraph.trim().to_owned(),
            attribution: Some("روابط عمومی ادارهٔ کل بهزیستی استان قزوین، ۸ آذر ۱۴۰۵".to_owned()),
            figures: vec![
                ("گروه‌های فعال".to_owned(), "۳۰".to_owned()),
                ("هزینهٔ آموزش".to_owned(), "۷۴۳٬۰۰۰٬۰۰۰ ریال".to_owned()),
            ],
        };
        let pdf = hamyar_pdf::render_pdf(&press_document(&release, &printing)).expect("renders");
        assert_eq!(page_count(&pdf), 1);
        let text = without_zwnj(&text(&pdf));
        let mut from = 0;
        for said in [
            "سازمان بهزیستی کشور",
            "۳۰ گروه همیار در قزوین فعال است",
            "در استان قزوین ۳۰ گروه همیار",
            "روابط عمومی ادارهٔ کل بهزیستی استان قزوین، ۸ آذر ۱۴۰۵",
            "ارقام اصلی",
            "گروه‌های فعال: ۳۰",
            "هزینهٔ آموزش: ۷۴۳٬۰۰۰٬۰۰۰ ریال",
        ] {
            let said = without_zwnj(said);
            let at = text[from..]
                .find(&said)
                .unwrap_or_else(|| panic!("{said:?} not in order in:\n{text}"));
            from += at + said.len();
        }
    }
}
