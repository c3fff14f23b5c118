//! The office's letterhead on every printed document: the organisation's name in Persian
//! and English, an address and telephone line, and a logo file — what `hamyar.toml` sets
//! (`letterhead_*` keys) and, when it sets nothing, the office of the document's province,
//! «ادارهٔ کل بهزیستی استان …» (the country's office for a national document), as the
//! press paragraph names it. The configuration is read and checked once, when the program
//! starts (`LetterheadSettings::new`): a logo that is too large, not a PNG or SVG, or that
//! typst cannot draw stops the start with a message that says which, instead of failing
//! the first print.

use std::io::Read;
use std::path::Path;

use hamyar_app::places::Place;
use hamyar_i18n::Lang;
use hamyar_pdf::{Letterhead, Logo, MAX_LOGO_BYTES, PdfError};

/// The longest name or address line accepted, in characters.
pub const MAX_LETTERHEAD_TEXT: usize = 200;

/// What the configuration says of the letterhead; every part optional.
#[derive(Debug, Clone, Default)]
pub struct LetterheadSettings {
    name_fa: Option<String>,
    name_en: Option<String>,
    address: Option<String>,
    logo: Option<Logo>,
}

/// Why the configured letterhead cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum LetterheadError {
    #[error("{key} is longer than {MAX_LETTERHEAD_TEXT} characters")]
    TooLong { key: &'static str },
    #[error("cannot read the logo file {path}: {error}")]
    Read { path: String, error: std::io::Error },
    #[error("the logo file {path} must end in .png or .svg")]
    Extension { path: String },
    #[error("the logo file {path}: {error}")]
    Logo { path: String, error: PdfError },
}

impl LetterheadSettings {
    /// The settings from the configuration's values (blank is unset), with the logo read
    /// from `logo_file` and checked by drawing it once.
    pub fn new(
        name_fa: Option<&str>,
        name_en: Option<&str>,
        address: Option<&str>,
        logo_file: Option<&Path>,
    ) -> Result<Self, LetterheadError> {
        let text = |key: &'static str, value: Option<&str>| -> Result<_, LetterheadError> {
            let value = value.map(str::trim).filter(|v| !v.is_empty());
            match value {
                Some(v) if v.chars().count() > MAX_LETTERHEAD_TEXT => {
                    Err(LetterheadError::TooLong { key })
                }
                Some(v) => Ok(Some(hamyar_domain::letters::persian_letters(v))),
                None => Ok(None),
            }
        };
        let settings = Self {
            name_fa: text("letterhead_name_fa", name_fa)?,
            name_en: text("letterhead_name_en", name_en)?,
            address: text("letterhead_address", address)?,
            logo: logo_file.map(read_logo).transpose()?,
        };
        if let Some(logo_file) = logo_file {
            hamyar_pdf::check_letterhead(&settings.letterhead_for(None, None, Lang::Fa)).map_err(
                |error| LetterheadError::Logo {
                    path: logo_file.display().to_string(),
                    error,
                },
            )?;
        }
        Ok(settings)
    }

    /// Whether an organisation name was configured (else each document names its
    /// province's office).
    pub fn has_name(&self) -> bool {
        self.name_fa.is_some() || self.name_en.is_some()
    }

    /// The letterhead of a document of `province` (none: a national document), in `lang`
    /// with the other language's name beneath.
    pub fn letterhead(&self, province: Option<&Place>, lang: Lang) -> Letterhead {
        self.letterhead_for(
            province.map(|p| p.name_fa.as_str()),
            province.map(|p| p.name_en.as_str()),
            lang,
        )
    }

    fn letterhead_for(
        &self,
        province_fa: Option<&str>,
        province_en: Option<&str>,
        lang: Lang,
    ) -> Letterhead {
        let fa = self
            .name_fa
            .clone()
            .unwrap_or_else(|| office_name(Lang::Fa, province_fa));
        let en = self
            .name_en
            .clone()
            .unwrap_or_else(|| office_name(Lang::En, province_en));
        let (name, second) = match lang {
            Lang::Fa => (fa, en),
            Lang::En => (en, fa),
        };
        Letterhead {
            name,
            second_name: Some(second),
            address: self.address.clone(),
            logo: self.logo.clone(),
        }
    }
}

/// The office of a province, or the country's organisation without one.
pub fn office_name(lang: Lang, province: Option<&str>) -> String {
    match province {
        Some(province) => lang.tr(
            "documents-office_of_province",
            &[("province", province.into())],
        ),
        None => lang.t("documents-office_of_country").to_owned(),
    }
}

/// Reads a logo file of at most [`MAX_LOGO_BYTES`] (more is refused before it is read
/// whole) whose name ends in `.png` or `.svg`.
fn read_logo(path: &Path) -> Result<Logo, LetterheadError> {
    let shown = path.display().to_string();
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if !matches!(extension.as_deref(), Some("png" | "svg")) {
        return Err(LetterheadError::Extension { path: shown });
    }
    let read_error = |error| LetterheadError::Read {
        path: shown.clone(),
        error,
    };
    let file = std::fs::File::open(path).map_err(read_error)?;
    let mut bytes = Vec::new();
    file.take(MAX_LOGO_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    Logo::new(bytes).map_err(|error| LetterheadError::Logo { path: shown, error })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("hamyar-letterhead-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("written");
        path
    }

    #[test]
    fn without_configuration_the_provinces_office_heads_the_paper() {
        let settings = LetterheadSettings::default();
        let head = settings.letterhead_for(Some("قزوین"), Some("Qazvin"), Lang::Fa);
        assert_eq!(head.name, "ادارهٔ کل بهزیستی استان قزوین");
        assert!(head.second_name.as_deref().unwrap_or("").contains("Qazvin"));
        let national = settings.letterhead_for(None, None, Lang::Fa);
        assert_eq!(national.name, "سازمان بهزیستی کشور");
    }

    #[test]
    fn a_configured_name_and_address_are_used_with_persian_letters() {
        let settings =
            LetterheadSettings::new(Some(" اداره كل "), None, Some("قزوین، خیابان"), None)
                .expect("valid");
        let head = settings.letterhead(None, Lang::Fa);
        assert_eq!(head.name, "اداره کل");
        assert_eq!(head.address.as_deref(), Some("قزوین، خیابان"));
    }

    #[test]
    fn a_bad_logo_is_refused_with_a_message_that_says_why() {
        let text = temp_file("logo.txt", b"hello");
        let error = LetterheadSettings::new(None, None, None, Some(&text)).unwrap_err();
        assert!(error.to_string().contains(".png or .svg"), "{error}");

        let big = temp_file("big.png", &vec![0u8; MAX_LOGO_BYTES + 10]);
        let error = LetterheadSettings::new(None, None, None, Some(&big)).unwrap_err();
        assert!(error.to_string().contains("at most"), "{error}");

        let fake = temp_file("fake.png", b"not a picture at all");
        let error = LetterheadSettings::new(None, None, None, Some(&fake)).unwrap_err();
        assert!(
            error.to_string().contains("neither a PNG nor an SVG"),
            "{error}"
        );

        let missing = std::env::temp_dir().join("hamyar-no-such-logo.svg");
        let error = LetterheadSettings::new(None, None, None, Some(&missing)).unwrap_err();
        assert!(error.to_string().contains("cannot read"), "{error}");

        let long = "ا".repeat(MAX_LETTERHEAD_TEXT + 1);
        let error = LetterheadSettings::new(Some(&long), None, None, None).unwrap_err();
        assert!(error.to_string().contains("letterhead_name_fa"), "{error}");
    }

    #[test]
    fn an_svg_logo_is_accepted() {
        let svg = temp_file(
            "logo.svg",
            br##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#2f6b9a"/></svg>"##,
        );
        let settings = LetterheadSettings::new(None, None, None, Some(&svg)).expect("valid");
        assert!(settings.letterhead(None, Lang::Fa).logo.is_some());
    }
}
