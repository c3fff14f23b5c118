//! Reference places present from the first start: Iran, its 31 provinces, and Qazvin's six
//! counties (the province of the seed document). Other counties are added by an
//! administrator. Seeding is idempotent by stable code, so running it at every start only
//! fills what is missing and never renames what an administrator changed.

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

/// Qazvin province's counties (code suffix, Persian, English).
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

pub fn province_code(suffix: &str) -> String {
    format!("{COUNTRY_CODE}.{suffix}")
}

pub fn county_code(province_suffix: &str, county_suffix: &str) -> String {
    format!("{COUNTRY_CODE}.{province_suffix}.{county_suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_thirty_one_distinct_provinces() {
        let codes: std::collections::HashSet<_> = PROVINCES.iter().map(|p| p.0).collect();
        let names: std::collections::HashSet<_> = PROVINCES.iter().map(|p| p.1).collect();
        assert_eq!(codes.len(), 31);
        assert_eq!(names.len(), 31);
    }

    #[test]
    fn qazvin_has_its_six_counties() {
        let names: Vec<_> = QAZVIN_COUNTIES.iter().map(|c| c.2).collect();
        assert_eq!(
            names,
            [
                "Qazvin",
                "Abyek",
                "Avaj",
                "Alborz",
                "Buin Zahra",
                "Takestan"
            ]
        );
    }
}
