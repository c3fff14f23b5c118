//! Reference places present from the first start: Iran, its 31 provinces and their 484
//! counties, from the Statistical Centre of Iran's country divisions of 1404 (the source,
//! licence and every change made to it are in `crates/app/reference/SOURCES.md`). The
//! counties are a data file embedded in the binary, `reference/counties.csv`; renames and
//! splits after that list are dated rows of `reference/county_changes.csv`, never edits.
//! This module owns the data and reads it; `places.rs` applies it, idempotently by stable
//! code, so running it at every start only fills what is missing and never renames what an
//! administrator changed.

use std::collections::HashSet;
use std::fmt;

use hamyar_domain::JalaliDate;

/// Code of the country row.
pub const COUNTRY_CODE: &str = "ir";

/// Name (Persian, English) and code suffix of each province.
pub const PROVINCES: [(&str, &str, &str); 31] = [
    ("east-azerbaijan", "آذربایجان شرقی", "East Azerbaijan"),
    ("west-azerbaijan", "آذربایجان غربی", "West Azerbaijan"),
    ("ardabil", "اردبیل", "Ardabil"),
    ("isfahan", "اصفهان", "Isfahan"),
    ("alborz", "البرز", "Alborz"),
    ("ilam", "ایلام", "Ilam"),
    ("bushehr", "بوشهر", "Bushehr"),
    ("tehran", "تهران", "Tehran"),
    (
        "chaharmahal-bakhtiari",
        "چهارمحال و بختیاری",
        "Chaharmahal and Bakhtiari",
    ),
    ("south-khorasan", "خراسان جنوبی", "South Khorasan"),
    ("razavi-khorasan", "خراسان رضوی", "Razavi Khorasan"),
    ("north-khorasan", "خراسان شمالی", "North Khorasan"),
    ("khuzestan", "خوزستان", "Khuzestan"),
    ("zanjan", "زنجان", "Zanjan"),
    ("semnan", "سمنان", "Semnan"),
    (
        "sistan-baluchestan",
        "سیستان و بلوچستان",
        "Sistan and Baluchestan",
    ),
    ("fars", "فارس", "Fars"),
    ("qazvin", "قزوین", "Qazvin"),
    ("qom", "قم", "Qom"),
    ("kurdistan", "کردستان", "Kurdistan"),
    ("kerman", "کرمان", "Kerman"),
    ("kermanshah", "کرمانشاه", "Kermanshah"),
    (
        "kohgiluyeh-boyer-ahmad",
        "کهگیلویه و بویراحمد",
        "Kohgiluyeh and Boyer-Ahmad",
    ),
    ("golestan", "گلستان", "Golestan"),
    ("gilan", "گیلان", "Gilan"),
    ("lorestan", "لرستان", "Lorestan"),
    ("mazandaran", "مازندران", "Mazandaran"),
    ("markazi", "مرکزی", "Markazi"),
    ("hormozgan", "هرمزگان", "Hormozgan"),
    ("hamadan", "همدان", "Hamadan"),
    ("yazd", "یزد", "Yazd"),
];

/// Qazvin province's counties (code suffix, Persian, English), in the order the demo gives
/// them data. The demo's province; the same six rows are in `counties.csv` (a test keeps the
/// two in agreement).
pub const QAZVIN_COUNTIES: [(&str, &str, &str); 6] = [
    ("qazvin", "قزوین", "Qazvin"),
    ("abyek", "آبیک", "Abyek"),
    ("avaj", "آوج", "Avaj"),
    ("alborz", "البرز", "Alborz"),
    ("buin-zahra", "بوئین‌زهرا", "Buin Zahra"),
    ("takestan", "تاکستان", "Takestan"),
];

/// The date from which the reference names hold (the Gregorian day of 1 Farvardin 1300 is
/// used as "since long ago"; any later rename gets its own date).
pub const REFERENCE_NAMES_VALID_FROM: &str = "1921-03-21";

/// The vendored county list (see `reference/SOURCES.md`).
pub const COUNTIES_CSV: &str = include_str!("../reference/counties.csv");

/// Dated renames and new counties after the list in [`COUNTIES_CSV`].
pub const COUNTY_CHANGES_CSV: &str = include_str!("../reference/county_changes.csv");

const COUNTY_HEADER: &str = "province,county,official_code,name_fa,name_en,source_name_fa";
const CHANGE_HEADER: &str =
    "valid_from,change,province,county,official_code,name_fa,name_en,source";

pub fn province_code(suffix: &str) -> String {
    format!("{COUNTRY_CODE}.{suffix}")
}

pub fn county_code(province_suffix: &str, county_suffix: &str) -> String {
    format!("{COUNTRY_CODE}.{province_suffix}.{county_suffix}")
}

/// One county of the reference list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceCounty {
    /// Province code suffix, one of [`PROVINCES`].
    pub province: String,
    /// County code suffix, unique within the province.
    pub county: String,
    /// The Statistical Centre's four-digit code (province, county).
    pub official_code: String,
    pub name_fa: String,
    pub name_en: String,
    /// The Persian name exactly as the source writes it.
    pub source_name_fa: String,
}

impl ReferenceCounty {
    pub fn code(&self) -> String {
        county_code(&self.province, &self.county)
    }
}

/// What a dated change does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// An existing county carries a new name from the date.
    Rename,
    /// A county that exists from the date (created, or split off another).
    New,
}

/// One row of the dated changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountyChange {
    /// Gregorian ISO date the change took effect.
    pub valid_from: String,
    pub kind: ChangeKind,
    pub county: ReferenceCounty,
    /// Where the change is published.
    pub source: String,
}

/// The reference counties and the dated changes after them, read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceData {
    pub counties: Vec<ReferenceCounty>,
    /// Oldest first.
    pub changes: Vec<CountyChange>,
}

/// A line of a reference file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    pub file: &'static str,
    /// One-based line number.
    pub line: usize,
    pub reason: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, line {}: {}", self.file, self.line, self.reason)
    }
}

impl std::error::Error for DataError {}

impl ReferenceData {
    /// The data embedded in this binary.
    pub fn embedded() -> Result<Self, DataError> {
        Self::parse(COUNTIES_CSV, COUNTY_CHANGES_CSV)
    }

    /// Reads a county list and its changes, in the embedded files' format. Fails on the first
    /// bad line, or when a code repeats or a rename names a county that does not exist.
    pub fn parse(counties_csv: &str, changes_csv: &str) -> Result<Self, DataError> {
        let mut counties = Vec::new();
        let mut codes = HashSet::new();
        for (line, fields) in rows("counties.csv", counties_csv, COUNTY_HEADER, 6)? {
            let county = county_from(&fields).map_err(|e| e.at("counties.csv", line))?;
            if !codes.insert(county.code()) {
                return Err(
                    Reason(format!("code {} repeats", county.code())).at("counties.csv", line)
                );
            }
            counties.push(county);
        }
        let mut changes = Vec::new();
        for (line, fields) in rows("county_changes.csv", changes_csv, CHANGE_HEADER, 8)? {
            let change = change_from(&fields).map_err(|e| e.at("county_changes.csv", line))?;
            let known = codes.contains(&change.county.code());
            let fits = match change.kind {
                ChangeKind::Rename if !known => Err("renames a county that is not in the list"),
                ChangeKind::New if known => Err("adds a county whose code exists"),
                _ => Ok(()),
            };
            fits.map_err(|reason| {
                Reason(format!("{reason}: {}", change.county.code())).at("county_changes.csv", line)
            })?;
            codes.insert(change.county.code());
            changes.push(change);
        }
        changes.sort_by(|a, b| a.valid_from.cmp(&b.valid_from));
        Ok(Self { counties, changes })
    }

    /// The counties of one province, in list order.
    pub fn counties_of<'a>(
        &'a self,
        province: &'a str,
    ) -> impl Iterator<Item = &'a ReferenceCounty> + 'a {
        self.counties.iter().filter(move |c| c.province == province)
    }
}

/// Why one line is bad, before its line number is known.
struct Reason(String);

impl Reason {
    fn at(self, file: &'static str, line: usize) -> DataError {
        DataError {
            file,
            line,
            reason: self.0,
        }
    }
}

/// The data lines of a file (comments and blank lines skipped) split into `width` fields,
/// with their one-based line numbers. The first data line must be `header`.
fn rows<'a>(
    file: &'static str,
    text: &'a str,
    header: &str,
    width: usize,
) -> Result<Vec<(usize, Vec<&'a str>)>, DataError> {
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(index, line)| (index + 1, line.trim_end_matches('\r')))
        .filter(|(_, line)| !line.starts_with('#') && !line.trim().is_empty());
    match lines.next() {
        Some((_, first)) if first == header => {}
        Some((line, _)) => {
            return Err(Reason(format!("expected the header {header}")).at(file, line));
        }
        None => return Err(Reason("the file is empty".into()).at(file, 1)),
    }
    lines
        .map(|(line, text)| {
            let fields: Vec<&str> = text.split(',').map(str::trim).collect();
            if fields.len() == width {
                Ok((line, fields))
            } else {
                Err(Reason(format!("{} fields, expected {width}", fields.len())).at(file, line))
            }
        })
        .collect()
}

fn county_from(fields: &[&str]) -> Result<ReferenceCounty, Reason> {
    let [
        province,
        county,
        official_code,
        name_fa,
        name_en,
        source_name_fa,
    ] = fields
    else {
        return Err(Reason("wrong number of fields".into()));
    };
    if !PROVINCES.iter().any(|p| p.0 == *province) {
        return Err(Reason(format!("unknown province {province:?}")));
    }
    if county.is_empty()
        || county.starts_with('-')
        || county.ends_with('-')
        || !county
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(Reason(format!(
            "county code {county:?} must be lowercase ASCII words joined by dashes"
        )));
    }
    if !official_code.is_empty()
        && (official_code.len() != 4 || !official_code.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(Reason(format!(
            "official code {official_code:?} must be four digits"
        )));
    }
    persian_name(name_fa)?;
    if name_en.is_empty() || !name_en.is_ascii() {
        return Err(Reason(format!(
            "English name {name_en:?} must be ASCII text"
        )));
    }
    Ok(ReferenceCounty {
        province: (*province).into(),
        county: (*county).into(),
        official_code: (*official_code).into(),
        name_fa: (*name_fa).into(),
        name_en: (*name_en).into(),
        source_name_fa: (*source_name_fa).into(),
    })
}

/// A Persian name: Persian letters (ی and ک, never the Arabic ي ى ك), spaces and ZWNJ only.
fn persian_name(name: &str) -> Result<(), Reason> {
    let persian = |c: char| {
        matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{0648}' | 'پ' | 'چ' | 'ژ' | 'ک' | 'گ' | 'ی')
            && !matches!(c, 'ك' | 'ي' | 'ى')
    };
    let ok = !name.is_empty()
        && name.chars().any(persian)
        && name
            .chars()
            .all(|c| persian(c) || c == ' ' || c == '\u{200C}');
    if ok {
        Ok(())
    } else {
        Err(Reason(format!(
            "Persian name {name:?} must be Persian letters (ی ک), spaces and ZWNJ"
        )))
    }
}

fn change_from(fields: &[&str]) -> Result<CountyChange, Reason> {
    let [valid_from, kind, rest @ .., source] = fields else {
        return Err(Reason("wrong number of fields".into()));
    };
    let valid_from = JalaliDate::parse(valid_from)
        .map_err(|_| Reason(format!("{valid_from:?} is not a Jalali date")))?
        .to_iso_string();
    let kind = match *kind {
        "rename" => ChangeKind::Rename,
        "new" => ChangeKind::New,
        other => {
            return Err(Reason(format!("change {other:?} must be rename or new")));
        }
    };
    if source.is_empty() {
        return Err(Reason("a change must name its source".into()));
    }
    let mut county_fields = rest.to_vec();
    let name_fa = county_fields[3];
    county_fields.push(name_fa);
    Ok(CountyChange {
        valid_from,
        kind,
        county: county_from(&county_fields)?,
        source: (*source).into(),
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use hamyar_domain::{persian_order, search_key};

    use super::*;

    const CHANGES_HEADER_ONLY: &str =
        "valid_from,change,province,county,official_code,name_fa,name_en,source\n";

    fn embedded() -> ReferenceData {
        ReferenceData::embedded().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn there_are_thirty_one_distinct_provinces() {
        let codes: HashSet<_> = PROVINCES.iter().map(|p| p.0).collect();
        let names: HashSet<_> = PROVINCES.iter().map(|p| p.1).collect();
        assert_eq!(codes.len(), 31);
        assert_eq!(names.len(), 31);
    }

    #[test]
    fn the_vendored_list_has_the_sources_484_counties_and_the_counts_per_province_in_sources_md() {
        // The total is the one the source states (Statistical Centre of Iran, 1404); the
        // counts per province are the table of reference/SOURCES.md.
        let expected = [
            ("markazi", 12),
            ("gilan", 17),
            ("mazandaran", 22),
            ("east-azerbaijan", 23),
            ("west-azerbaijan", 20),
            ("kermanshah", 14),
            ("khuzestan", 30),
            ("fars", 37),
            ("kerman", 25),
            ("razavi-khorasan", 34),
            ("isfahan", 28),
            ("sistan-baluchestan", 26),
            ("kurdistan", 10),
            ("hamadan", 10),
            ("chaharmahal-bakhtiari", 12),
            ("lorestan", 12),
            ("ilam", 12),
            ("kohgiluyeh-boyer-ahmad", 9),
            ("bushehr", 10),
            ("zanjan", 8),
            ("semnan", 8),
            ("yazd", 12),
            ("hormozgan", 13),
            ("tehran", 16),
            ("ardabil", 12),
            ("qom", 3),
            ("qazvin", 6),
            ("golestan", 14),
            ("north-khorasan", 10),
            ("south-khorasan", 12),
            ("alborz", 7),
        ];
        let data = embedded();
        for (province, count) in expected {
            assert_eq!(data.counties_of(province).count(), count, "{province}");
        }
        assert_eq!(expected.len(), 31);
        assert_eq!(data.counties.len(), 484);
        assert_eq!(expected.iter().map(|e| e.1).sum::<usize>(), 484);
    }

    #[test]
    fn codes_are_unique_and_official_codes_are_unique_and_follow_the_province() {
        let data = embedded();
        let codes: HashSet<_> = data.counties.iter().map(ReferenceCounty::code).collect();
        assert_eq!(codes.len(), data.counties.len());
        let official: HashSet<_> = data.counties.iter().map(|c| &c.official_code).collect();
        assert_eq!(official.len(), data.counties.len());
        // One two-digit official prefix per province, and a different one for each.
        let mut prefix_of: HashMap<&str, &str> = HashMap::new();
        for county in &data.counties {
            let prefix = &county.official_code[..2];
            assert_eq!(
                *prefix_of.entry(&county.province).or_insert(prefix),
                prefix,
                "{}",
                county.code()
            );
        }
        let prefixes: HashSet<_> = prefix_of.values().collect();
        assert_eq!(prefixes.len(), 31);
        assert_eq!(prefix_of["qazvin"], "26");
        assert_eq!(prefix_of["markazi"], "00");
        assert_eq!(prefix_of["alborz"], "30");
    }

    #[test]
    fn every_persian_name_uses_persian_letters_and_names_are_distinct_in_a_province() {
        let data = embedded();
        for county in &data.counties {
            assert!(persian_name(&county.name_fa).is_ok(), "{}", county.name_fa);
            assert!(!county.name_fa.contains(['ي', 'ك', 'ى']));
        }
        let names: HashSet<_> = data
            .counties
            .iter()
            .map(|c| (&c.province, search_key(&c.name_fa)))
            .collect();
        assert_eq!(names.len(), data.counties.len());
    }

    #[test]
    fn hamyars_persian_names_differ_from_the_source_only_in_spacing_and_hamza_seat() {
        let data = embedded();
        let mut changed = Vec::new();
        for county in &data.counties {
            assert_eq!(
                search_key(&county.name_fa),
                search_key(&county.source_name_fa),
                "{}",
                county.code()
            );
            if county.name_fa != county.source_name_fa {
                changed.push(county.official_code.as_str());
            }
        }
        changed.sort();
        // Each one is listed in SOURCES.md.
        assert_eq!(changed, ["0501", "0720", "1016", "1019", "2601"]);
    }

    #[test]
    fn each_province_lists_its_capital_county_first_then_the_rest_in_persian_order() {
        let data = embedded();
        let capitals = [
            ("qazvin", "قزوین"),
            ("tehran", "تهران"),
            ("kohgiluyeh-boyer-ahmad", "بویراحمد"),
            ("hormozgan", "بندر عباس"),
            ("alborz", "کرج"),
        ];
        for (province, capital) in capitals {
            assert_eq!(data.counties_of(province).next().unwrap().name_fa, capital);
        }
        for (province, _, _) in PROVINCES {
            let keys: Vec<String> = data
                .counties_of(province)
                .skip(1)
                .map(|c| persian_order(&search_key(&c.name_fa)))
                .collect();
            assert!(keys.is_sorted(), "{province}");
        }
    }

    #[test]
    fn qazvin_keeps_its_six_counties_with_the_codes_and_names_it_always_had() {
        let data = embedded();
        let mut listed: Vec<_> = data
            .counties_of("qazvin")
            .map(|c| (c.county.as_str(), c.name_fa.as_str(), c.name_en.as_str()))
            .collect();
        let mut shipped = QAZVIN_COUNTIES.to_vec();
        listed.sort();
        shipped.sort();
        assert_eq!(listed, shipped);
    }

    #[test]
    fn the_embedded_changes_parse_and_are_in_date_order() {
        let data = embedded();
        assert!(
            data.changes
                .is_sorted_by(|a, b| a.valid_from <= b.valid_from)
        );
    }

    #[test]
    fn a_dated_rename_and_a_new_county_are_read_with_gregorian_dates() {
        let changes = format!(
            "{CHANGES_HEADER_ONLY}# a comment\n\
             1405/01/15,new,qazvin,mohammadiyeh,2607,محمدیه,Mohammadiyeh,decree 1\n\
             1404/07/01,rename,qazvin,avaj,,آوج نو,New Avaj,decree 2\n"
        );
        let data = ReferenceData::parse(COUNTIES_CSV, &changes).unwrap();
        assert_eq!(data.changes.len(), 2);
        let rename = &data.changes[0];
        assert_eq!(rename.kind, ChangeKind::Rename);
        assert_eq!(rename.valid_from, "2025-09-23");
        assert_eq!(rename.county.code(), "ir.qazvin.avaj");
        assert_eq!(rename.county.name_fa, "آوج نو");
        let new = &data.changes[1];
        assert_eq!(new.kind, ChangeKind::New);
        assert_eq!(new.valid_from, "2026-04-04");
        assert_eq!(new.source, "decree 1");
    }

    #[test]
    fn bad_lines_are_refused_with_their_line_number() {
        let bad = |changes: &str| {
            ReferenceData::parse(COUNTIES_CSV, &format!("{CHANGES_HEADER_ONLY}{changes}\n"))
                .unwrap_err()
        };
        let error = bad("1404/07/01,rename,qazvin,nowhere,,جایی,Nowhere,decree");
        assert_eq!(error.line, 2);
        assert!(error.reason.contains("not in the list"), "{error}");
        assert!(
            error
                .to_string()
                .starts_with("county_changes.csv, line 2: ")
        );
        assert!(
            bad("1404/07/01,new,qazvin,avaj,,آوج,Avaj,decree")
                .reason
                .contains("code exists")
        );
        assert!(
            bad("1404/07/01,rename,qazvin,avaj,,آوج,Avaj,")
                .reason
                .contains("source")
        );
        assert!(
            bad("1404/13/01,rename,qazvin,avaj,,آوج,Avaj,d")
                .reason
                .contains("Jalali")
        );
        assert!(
            bad("1404/07/01,move,qazvin,avaj,,آوج,Avaj,d")
                .reason
                .contains("rename or new")
        );
        assert!(
            bad("1404/07/01,rename,qazvin,avaj,,آوج")
                .reason
                .contains("fields")
        );
        let arabic = ReferenceData::parse(
            "province,county,official_code,name_fa,name_en,source_name_fa\n\
             qazvin,x,2699,كرج,X,كرج\n",
            CHANGES_HEADER_ONLY,
        )
        .unwrap_err();
        assert_eq!((arabic.file, arabic.line), ("counties.csv", 2));
        let repeated = ReferenceData::parse(
            "province,county,official_code,name_fa,name_en,source_name_fa\n\
             qazvin,x,2698,ایکس,X,ایکس\nqazvin,x,2699,ایکس دو,X,ایکس\n",
            CHANGES_HEADER_ONLY,
        )
        .unwrap_err();
        assert_eq!(repeated.line, 3);
        assert!(
            ReferenceData::parse("wrong header\n", CHANGES_HEADER_ONLY)
                .unwrap_err()
                .reason
                .contains("header")
        );
        assert!(
            ReferenceData::parse(
                "province,county,official_code,name_fa,name_en,source_name_fa\n\
                 atlantis,x,2699,ایکس,X,ایکس\n",
                CHANGES_HEADER_ONLY
            )
            .is_err()
        );
    }
}
