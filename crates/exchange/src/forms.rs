//! The sheet of one instrument's filled paper forms (issue 19): one row per form — the
//! woman's national ID, the day she answered, the occasion of her schedule, a note — and then
//! one column per item of the instrument, so a clerk types a pile of paper forms into Excel in
//! the order she reads them. Its export adds what only an export can say (her name and county,
//! the instrument's version, whether the form is complete, and each score); those columns are
//! accepted in a file and ignored, so an export imports back.
//!
//! Instruments are data, so this [`Layout`] is built at run time from the instrument's
//! definition ([`forms_layout`]) and kept for the life of the process, because the one reader,
//! the template and the problem report take every layout as `&'static`. It is built once per
//! distinct definition — a version never changes once added, so that is once per version the
//! process meets — and each is bounded by the definition's own bounds (at most 300 items and
//! 50 scores, texts of at most 500 characters, hints cut to [`MAX_HINT_CHARS`]).
//!
//! Keys: the form's own columns carry dotted keys ([`NATIONAL_ID`], [`TAKEN_ON`], …) that no
//! item code can be (codes are lowercase Latin letters, digits and underscores), so an
//! instrument with an item coded `note` still has a column of its own; an item's column is
//! keyed by the item's code and a score's by [`SCORE_PREFIX`] and its code. A header may be
//! the item's number and Persian text as the template writes it («۱. در مجموع از خودم راضی
//! هستم.»), its English text with the number, or its code (`q1`). Spellings that two columns
//! share go to the first ([`Layout::from_data`]): the form's columns, then the items, then
//! the scores.

use std::sync::{Mutex, PoisonError};

use hamyar_domain::JalaliDate;
use hamyar_domain::outcomes::answers::{Answers, answer_text};
use hamyar_domain::outcomes::instrument::{AnswerKind, Instrument, Item};
use hamyar_domain::to_persian_digits;

use crate::layout::{Layout, LayoutColumn};

/// The kind's key, as commands and the import page name it.
pub const KIND: &str = "assessments";
/// The data sheet's name in templates and exports.
pub const SHEET_NAME: &str = "فرم‌های پرسشنامه";

/// The woman's national ID (required).
pub const NATIONAL_ID: &str = "woman.national_id";
/// Her first name (export only).
pub const FIRST_NAME: &str = "woman.first_name";
/// Her last name (export only).
pub const LAST_NAME: &str = "woman.last_name";
/// Her county's name (export only).
pub const COUNTY: &str = "woman.county";
/// The instrument's version the form answered (export only).
pub const VERSION: &str = "form.instrument_version";
/// The day she answered, Jalali (required).
pub const TAKEN_ON: &str = "form.taken_on";
/// The occasion of her schedule: a key or its Persian label; blank for the one owed that day.
pub const OCCASION: &str = "form.occasion";
/// Whether every item is answered (export only).
pub const COMPLETE: &str = "form.complete";
/// A note on the form.
pub const NOTE: &str = "form.note";
/// The start of a score column's key, before the score's code (export only).
pub const SCORE_PREFIX: &str = "score.";

/// The form's own columns an import reads, in template order.
pub const READ_KEYS: [&str; 4] = [NATIONAL_ID, TAKEN_ON, OCCASION, NOTE];

/// Characters of a generated hint in the template's guide.
pub const MAX_HINT_CHARS: usize = 300;

const JALALI_HINT: &str = "تاریخ شمسی به شکل سال/ماه/روز";

/// The columns before the items, in export order.
fn form_columns() -> Vec<LayoutColumn> {
    let export_only = |key, header_fa, header_en, example| LayoutColumn {
        read: false,
        ..LayoutColumn::new(key, header_fa, header_en, false, example, "فقط در خروجی")
    };
    vec![
        LayoutColumn::new(
            NATIONAL_ID,
            "کد ملی",
            "National ID",
            true,
            "0013542419",
            "کد ملی زنی که در سامانه ثبت شده است",
        ),
        export_only(FIRST_NAME, "نام", "First name", "مریم"),
        export_only(LAST_NAME, "نام خانوادگی", "Last name", "احمدی"),
        export_only(COUNTY, "شهرستان", "County", "تاکستان"),
        export_only(VERSION, "نسخه پرسشنامه", "Instrument version", "1"),
        LayoutColumn::new(
            TAKEN_ON,
            "تاریخ تکمیل",
            "Taken on",
            true,
            "1405/08/15",
            JALALI_HINT,
        ),
        LayoutColumn::new(
            OCCASION,
            "نوبت",
            "Occasion",
            false,
            "پیگیری ۱",
            "پایه، پیگیری ۱، پیگیری ۲، …، خروج، ۶ ماه پس از خروج یا ۱۲ ماه پس از خروج \
             (یا baseline، follow_up_1، exit، after_exit_6، after_exit_12)؛ \
             خالی: نوبتی که برنامه‌ی او در آن روز می‌خواهد",
        ),
        export_only(COMPLETE, "کامل", "Complete", "بله"),
        LayoutColumn::new(NOTE, "یادداشت", "Note", false, "", "اختیاری"),
    ]
}

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// `text` cut to [`MAX_HINT_CHARS`] characters, with an ellipsis when cut.
fn cut(text: String) -> String {
    match text.char_indices().nth(MAX_HINT_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

/// What the template's guide says an item accepts, and an example.
fn item_hint(instrument: &Instrument, item: &Item) -> (String, String) {
    const BLANK: &str = "؛ خالی: بی‌پاسخ";
    match &item.answer {
        AnswerKind::Scale { scale } => {
            let options = instrument
                .scale(scale)
                .map_or_else(Vec::new, |scale| scale.options.clone());
            let listed: Vec<String> = options
                .iter()
                .map(|option| {
                    format!(
                        "{} = {}",
                        to_persian_digits(&option.value.to_string()),
                        option.label.fa
                    )
                })
                .collect();
            let example = options
                .first()
                .map_or_else(String::new, |option| option.value.to_string());
            (format!("{}{BLANK}", listed.join("، ")), example)
        }
        AnswerKind::Rials => (format!("مبلغ به ریال{BLANK}"), "12000000".to_owned()),
        AnswerKind::Number { min, max } => (
            format!(
                "عددی از {} تا {}{BLANK}",
                to_persian_digits(&min.to_string()),
                to_persian_digits(&max.to_string())
            ),
            min.to_string(),
        ),
        AnswerKind::YesNo => (format!("بله یا خیر{BLANK}"), "بله".to_owned()),
        AnswerKind::Choice { options } => {
            let listed: Vec<String> = options
                .iter()
                .map(|option| format!("{} ({})", option.label.fa, option.code))
                .collect();
            let example = options
                .first()
                .map_or_else(String::new, |option| option.label.fa.clone());
            (format!("{}{BLANK}", listed.join("، ")), example)
        }
    }
}

fn item_column(instrument: &Instrument, position: usize, item: &Item) -> LayoutColumn {
    let number = position + 1;
    let (hint, example) = item_hint(instrument, item);
    LayoutColumn {
        width: 16.0,
        ..LayoutColumn::new(
            leak(item.code.clone()),
            leak(format!(
                "{}. {}",
                to_persian_digits(&number.to_string()),
                item.text.fa.trim()
            )),
            leak(format!("{number}. {}", item.text.en.trim())),
            false,
            leak(example),
            leak(cut(hint)),
        )
    }
}

/// Builds the layout of `instrument`'s sheet (not cached).
fn build(instrument: &Instrument) -> Layout {
    let mut columns = form_columns();
    for (position, item) in instrument.items.iter().enumerate() {
        columns.push(item_column(instrument, position, item));
    }
    for score in &instrument.scores {
        columns.push(LayoutColumn {
            read: false,
            keeps_text: false,
            width: 12.0,
            ..LayoutColumn::new(
                leak(format!("{SCORE_PREFIX}{}", score.code)),
                leak(format!("امتیاز: {}", score.name.fa.trim())),
                leak(format!("Score: {}", score.name.en.trim())),
                false,
                "",
                "فقط در خروجی",
            )
        });
    }
    // A definition that passed its checks is well within the bound; one that did not is
    // cut rather than allowed to make a row unbounded.
    columns.truncate(crate::layout::MAX_LAYOUT_COLUMNS);
    Layout::from_data(KIND, SHEET_NAME, columns)
}

/// The layouts built so far, with the definitions they were built from.
static LAYOUTS: Mutex<Vec<(Instrument, &'static Layout)>> = Mutex::new(Vec::new());

/// The sheet of `instrument`'s paper forms: built the first time this definition is met,
/// the same layout afterwards.
pub fn forms_layout(instrument: &Instrument) -> &'static Layout {
    let mut layouts = LAYOUTS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((_, layout)) = layouts.iter().find(|(known, _)| known == instrument) {
        return layout;
    }
    let layout: &'static Layout = Box::leak(Box::new(build(instrument)));
    layouts.push((instrument.clone(), layout));
    layout
}

/// Whether `layout` is an instrument's sheet of forms.
pub fn is_forms(layout: &Layout) -> bool {
    layout.kind == KIND
}

/// One stored form as an export writes it.
#[derive(Debug, Clone, Copy)]
pub struct FormRow<'a> {
    pub national_id: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub county: &'a str,
    pub version: i64,
    pub taken_on: JalaliDate,
    /// The occasion's key (`baseline`, `follow_up_2`, …).
    pub occasion: &'a str,
    pub complete: bool,
    pub note: &'a str,
    /// The stored answers by item code.
    pub answers: &'a Answers,
    /// Each score by code, `None` when the form has no value for it.
    pub scores: &'a [(String, Option<i64>)],
}

/// The cells of `row` in `layout`'s column order (the layout of the form's instrument, or of a
/// later version: an item or score the form lacks is blank).
pub fn form_cells(layout: &Layout, row: &FormRow<'_>) -> Vec<String> {
    layout
        .columns
        .iter()
        .map(|column| match column.key {
            NATIONAL_ID => row.national_id.to_owned(),
            FIRST_NAME => row.first_name.to_owned(),
            LAST_NAME => row.last_name.to_owned(),
            COUNTY => row.county.to_owned(),
            VERSION => row.version.to_string(),
            TAKEN_ON => row.taken_on.to_string(),
            OCCASION => row.occasion.to_owned(),
            COMPLETE => if row.complete { "بله" } else { "خیر" }.to_owned(),
            NOTE => row.note.to_owned(),
            key => match key.strip_prefix(SCORE_PREFIX) {
                Some(code) => row
                    .scores
                    .iter()
                    .find(|(score, _)| score == code)
                    .and_then(|(_, value)| *value)
                    .map_or_else(String::new, |value| value.to_string()),
                None => row.answers.get(key).map_or_else(String::new, answer_text),
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use hamyar_domain::outcomes::ROSENBERG;
    use hamyar_domain::outcomes::answers::Answer;

    use super::*;
    use crate::{FileFormat, LayoutWriter, ReadLimits, SheetReader, template_bytes_for};

    fn rosenberg() -> Instrument {
        serde_json::from_str(ROSENBERG).unwrap()
    }

    #[test]
    fn the_sheet_has_the_forms_columns_then_an_item_column_each_then_the_scores() {
        let instrument = rosenberg();
        let layout = forms_layout(&instrument);
        let read: Vec<&str> = layout.read_columns().map(|column| column.key).collect();
        let mut expected: Vec<&str> = READ_KEYS.to_vec();
        expected.extend(instrument.items.iter().map(|item| item.code.as_str()));
        assert_eq!(read, expected);
        assert!(
            std::ptr::eq(layout, forms_layout(&instrument)),
            "built once"
        );
        assert_eq!(layout.column("q1").unwrap().example, "1");
        assert!(
            layout
                .column("q1")
                .unwrap()
                .hint_fa
                .starts_with("۱ = کاملاً موافقم"),
            "{}",
            layout.column("q1").unwrap().hint_fa
        );
        let total = layout.column("score.total").unwrap();
        assert!(!total.read);
        for header in [
            "۱. در مجموع از خودم راضی هستم.",
            "1. در مجموع از خودم راضي هستم",
            "q1",
            "1. On the whole, I am satisfied with myself.",
        ] {
            assert_eq!(
                layout.match_header(header),
                layout.position("q1"),
                "{header}"
            );
        }
        assert_eq!(layout.match_header("کد ملی"), layout.position(NATIONAL_ID));
        assert!(is_forms(layout));
    }

    #[test]
    fn an_item_coded_like_a_column_of_the_form_keeps_a_column_of_its_own() {
        let mut instrument = rosenberg();
        instrument.code = "clash".into();
        instrument.items[0].code = "note".into();
        instrument.items[1].code = "national_id".into();
        let layout = forms_layout(&instrument);
        assert_ne!(layout.position("note"), layout.position(NOTE));
        assert_eq!(layout.match_header("یادداشت"), layout.position(NOTE));
        // "note" folds as the form's "Note" does, and the form's column came first.
        assert_eq!(layout.match_header("note"), layout.position(NOTE));
        assert_eq!(
            layout.match_header("۱. در مجموع از خودم راضی هستم."),
            layout.position("note")
        );
        assert_eq!(
            layout.match_header("national_id"),
            layout.position(NATIONAL_ID)
        );
        assert_eq!(
            layout.match_header("۲. گاهی فکر می‌کنم اصلاً آدم خوبی نیستم."),
            layout.position("national_id")
        );
    }

    #[test]
    fn the_template_reads_back_with_its_columns_and_an_export_reads_back_without_its_extras() {
        let instrument = rosenberg();
        let layout = forms_layout(&instrument);
        for format in [FileFormat::Csv, FileFormat::Xlsx] {
            let template = template_bytes_for(layout, format);
            let reader =
                SheetReader::from_bytes_layout(layout, format, template, ReadLimits::default())
                    .unwrap();
            assert_eq!(reader.present_keys().len(), 14, "{format:?}");
            let answers: Answers = [("q1".to_owned(), Answer::Value(4))].into();
            let scores = [("total".to_owned(), None)];
            let row = FormRow {
                national_id: "0013542419",
                first_name: "مریم",
                last_name: "احمدی",
                county: "تاکستان",
                version: 1,
                taken_on: JalaliDate::parse("1405/08/15").unwrap(),
                occasion: "follow_up_1",
                complete: false,
                note: "",
                answers: &answers,
                scores: &scores,
            };
            let cells = form_cells(layout, &row);
            assert_eq!(cells.len(), layout.columns.len());
            let mut writer = LayoutWriter::in_memory(format, layout).unwrap();
            writer.write_row(&cells).unwrap();
            let bytes = writer.into_bytes().unwrap();
            let rows: Vec<_> =
                SheetReader::from_bytes_layout(layout, format, bytes, ReadLimits::default())
                    .unwrap()
                    .map(Result::unwrap)
                    .collect();
            assert_eq!(rows.len(), 1);
            let keyed = rows[0].keyed(layout);
            assert!(keyed.contains(&(NATIONAL_ID, "0013542419".to_owned())));
            assert!(keyed.contains(&(TAKEN_ON, "1405/08/15".to_owned())));
            assert!(keyed.contains(&(OCCASION, "follow_up_1".to_owned())));
            assert!(keyed.contains(&("q1", "4".to_owned())));
            assert!(keyed.contains(&("q2", String::new())));
            assert!(keyed.iter().all(|(key, _)| *key != COUNTY));
        }
    }

    #[test]
    fn a_sheet_wider_than_the_upload_column_bound_still_reads_back() {
        let mut instrument = rosenberg();
        instrument.code = "wide".into();
        let first = instrument.items[0].clone();
        instrument.items = (0..250)
            .map(|index| Item {
                code: format!("w{index}"),
                ..first.clone()
            })
            .collect();
        let layout = forms_layout(&instrument);
        assert!(layout.columns.len() > 250);
        let template = template_bytes_for(layout, FileFormat::Csv);
        let reader = SheetReader::from_bytes_layout(
            layout,
            FileFormat::Csv,
            template,
            ReadLimits::default(),
        )
        .unwrap();
        assert_eq!(reader.present_keys().len(), 254);
    }
}
