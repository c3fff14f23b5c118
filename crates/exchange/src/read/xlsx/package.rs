//! Finding a workbook's parts: which worksheet comes first, and where its
//! styles and shared strings are.
//!
//! The package relationships (`_rels/.rels`) name the workbook part; the
//! workbook lists its sheets in order and whether dates count from 1904; the
//! workbook's relationships give each sheet's part and the styles and shared
//! strings parts. Targets are resolved against the workbook's folder, and a
//! target that climbs out of the container (`../../etc/passwd`) is refused:
//! nothing is ever read outside the uploaded file, but such a name can only
//! come from a forged file. Only the few names needed are kept, so a part
//! with a million relationships costs no memory.

use std::io::Read;

use quick_xml::events::Event;

use crate::error::ExchangeError;
use crate::read::xlsx::broken;
use crate::read::xlsx::xml::{XmlPart, attribute, local};

/// The parts a reader needs, as container paths.
#[derive(Debug, Default)]
pub(crate) struct Parts {
    pub(crate) sheet: String,
    pub(crate) styles: Option<String>,
    pub(crate) shared_strings: Option<String>,
    pub(crate) date1904: bool,
}

/// No workbook has more sheets than this worth considering.
const MAX_SHEETS: usize = 1_000;
const DEFAULT_WORKBOOK: &str = "xl/workbook.xml";

/// The workbook part named by the package relationships.
pub(crate) fn workbook_path<C: Read>(rels: &mut XmlPart<C>) -> Result<String, ExchangeError> {
    let mut found = None;
    each_relationship(rels, |_, kind, target| {
        if found.is_none() && kind.ends_with("/officeDocument") {
            found = Some(target.to_owned());
        }
    })?;
    match found {
        Some(target) => resolve("", &target),
        None => Ok(DEFAULT_WORKBOOK.to_owned()),
    }
}

/// The relationship ids of the workbook's sheets in order, and whether its
/// dates count from 1904.
pub(crate) fn sheet_ids<C: Read>(
    workbook: &mut XmlPart<C>,
) -> Result<(Vec<String>, bool), ExchangeError> {
    let mut ids = Vec::new();
    let mut date1904 = false;
    loop {
        match workbook.next()? {
            Event::Start(start) | Event::Empty(start) => match local(&start) {
                "sheet" if ids.len() < MAX_SHEETS => {
                    if let Some(id) = attribute(&start, "id") {
                        ids.push(id);
                    }
                }
                "workbookPr" => {
                    date1904 = attribute(&start, "date1904")
                        .is_some_and(|value| value == "1" || value.eq_ignore_ascii_case("true"));
                }
                _ => {}
            },
            Event::Eof => return Ok((ids, date1904)),
            _ => {}
        }
    }
}

/// The parts named by the workbook's relationships: the first worksheet
/// among `sheet_ids`, the styles and the shared strings.
pub(crate) fn parts<C: Read>(
    rels: &mut XmlPart<C>,
    workbook: &str,
    sheet_ids: &[String],
    date1904: bool,
) -> Result<Parts, ExchangeError> {
    let folder = workbook.rsplit_once('/').map_or("", |(folder, _)| folder);
    let mut first_sheet: Option<(usize, String)> = None;
    let mut styles = None;
    let mut shared_strings = None;
    each_relationship(rels, |id, kind, target| {
        if kind.ends_with("/worksheet")
            && let Some(position) = sheet_ids.iter().position(|sheet| sheet == id)
            && first_sheet
                .as_ref()
                .is_none_or(|(first, _)| position < *first)
        {
            first_sheet = Some((position, target.to_owned()));
        } else if kind.ends_with("/styles") && styles.is_none() {
            styles = Some(target.to_owned());
        } else if kind.ends_with("/sharedStrings") && shared_strings.is_none() {
            shared_strings = Some(target.to_owned());
        }
    })?;
    let (_, sheet) = first_sheet.ok_or_else(|| broken("it has no worksheet".to_owned()))?;
    Ok(Parts {
        sheet: resolve(folder, &sheet)?,
        styles: styles.map(|target| resolve(folder, &target)).transpose()?,
        shared_strings: shared_strings
            .map(|target| resolve(folder, &target))
            .transpose()?,
        date1904,
    })
}

/// Calls `each(id, type, target)` for every relationship of a `.rels` part.
fn each_relationship<C: Read>(
    rels: &mut XmlPart<C>,
    mut each: impl FnMut(&str, &str, &str),
) -> Result<(), ExchangeError> {
    loop {
        match rels.next()? {
            Event::Start(start) | Event::Empty(start) if local(&start) == "Relationship" => {
                if attribute(&start, "TargetMode").is_some_and(|mode| mode == "External") {
                    continue;
                }
                let id = attribute(&start, "Id").unwrap_or_default();
                let kind = attribute(&start, "Type").unwrap_or_default();
                let target = attribute(&start, "Target").unwrap_or_default();
                each(&id, &kind, &target);
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// The relationships part of the part at `path`: `a/b.xml` → `a/_rels/b.xml.rels`.
pub(crate) fn rels_of(path: &str) -> String {
    match path.rsplit_once('/') {
        Some((folder, name)) => format!("{folder}/_rels/{name}.rels"),
        None => format!("_rels/{path}.rels"),
    }
}

/// `target` resolved against `folder`; refused if it leaves the container.
pub(crate) fn resolve(folder: &str, target: &str) -> Result<String, ExchangeError> {
    let target = target.replace('\\', "/");
    let mut segments: Vec<&str> = Vec::new();
    let start = if target.starts_with('/') { "" } else { folder };
    for segment in start.split('/').chain(target.split('/')) {
        match segment {
            "" | "." => {}
            ".." => {
                if segments.pop().is_none() {
                    return Err(broken(format!(
                        "it names a part outside the file ({})",
                        shorten(&target)
                    )));
                }
            }
            segment => segments.push(segment),
        }
    }
    Ok(segments.join("/"))
}

/// At most 80 characters of `text`, for messages.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_workbook_folder() {
        assert_eq!(
            resolve("xl", "worksheets/sheet1.xml").unwrap(),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl", "/xl/worksheets/sheet1.xml").unwrap(),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl", "./../xl/styles.xml").unwrap(),
            "xl/styles.xml"
        );
        assert_eq!(rels_of("xl/workbook.xml"), "xl/_rels/workbook.xml.rels");
    }

    #[test]
    fn a_target_outside_the_container_is_refused() {
        let error = resolve("xl", "../../../../etc/passwd").unwrap_err();
        assert!(matches!(error, ExchangeError::Xlsx { .. }), "{error:?}");
        let english = hamyar_i18n::Lang::En.message(&error.message());
        assert!(english.contains("outside the file"), "{english}");
    }
}
