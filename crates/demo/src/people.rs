//! The demo's invented people: plausible Persian first, last and father's names, birth
//! dates, headship causes, education, skills and children, all drawn from the seeded
//! generator, and national IDs whose check digit is computed by the rule every Iranian ID
//! follows (so the registry accepts them). Nothing here describes a real person; no mobile
//! numbers or bank accounts are invented, since such numbers could belong to somebody.

use std::collections::HashSet;

use hamyar_domain::JalaliDate;
use hamyar_domain::registry::{MemberInput, WomanInput};

use super::rng::SplitMix64;

pub const FIRST_NAMES: [&str; 48] = [
    "مریم",
    "زهرا",
    "فاطمه",
    "معصومه",
    "سکینه",
    "لیلا",
    "رقیه",
    "زینب",
    "طاهره",
    "صدیقه",
    "اعظم",
    "فرشته",
    "نرگس",
    "سمیه",
    "مهناز",
    "پروین",
    "شهلا",
    "منیژه",
    "اکرم",
    "خدیجه",
    "کبری",
    "صغری",
    "بتول",
    "ربابه",
    "سارا",
    "الهام",
    "مرضیه",
    "راضیه",
    "فریبا",
    "نسرین",
    "شیرین",
    "مهری",
    "زیبا",
    "طیبه",
    "هاجر",
    "عاطفه",
    "ناهید",
    "گلناز",
    "ملیحه",
    "سهیلا",
    "آمنه",
    "حلیمه",
    "کلثوم",
    "ژیلا",
    "منصوره",
    "هما",
    "پریسا",
    "نجمه",
];

pub const LAST_NAMES: [&str; 50] = [
    "کریمی",
    "احمدی",
    "رضایی",
    "موسوی",
    "حسینی",
    "جعفری",
    "صادقی",
    "نوری",
    "اکبری",
    "رحیمی",
    "محمدی",
    "قاسمی",
    "باقری",
    "حیدری",
    "کاظمی",
    "رستمی",
    "یوسفی",
    "امینی",
    "شریفی",
    "زارعی",
    "نجفی",
    "ملکی",
    "سلطانی",
    "طاهری",
    "فرجی",
    "عباسی",
    "میرزایی",
    "بهرامی",
    "کیانی",
    "قربانی",
    "رسولی",
    "نظری",
    "مرادی",
    "خلیلی",
    "اسدی",
    "شفیعی",
    "توکلی",
    "سبحانی",
    "پورقاسم",
    "آقایی",
    "دلاوری",
    "شاه‌حسینی",
    "بابایی",
    "عزیزی",
    "فتحی",
    "گودرزی",
    "جلالی",
    "وکیلی",
    "سیفی",
    "نادری",
];

pub const MALE_NAMES: [&str; 30] = [
    "علی",
    "حسن",
    "حسین",
    "محمد",
    "رضا",
    "مهدی",
    "عباس",
    "قاسم",
    "جواد",
    "مرتضی",
    "اکبر",
    "اصغر",
    "غلامرضا",
    "ابراهیم",
    "اسماعیل",
    "یوسف",
    "جعفر",
    "کاظم",
    "مجید",
    "سعید",
    "حمید",
    "مصطفی",
    "احمد",
    "محمود",
    "نصرالله",
    "رحیم",
    "کریم",
    "هادی",
    "امیر",
    "یعقوب",
];

const GIRL_NAMES: [&str; 16] = [
    "فاطمه",
    "زهرا",
    "ریحانه",
    "نازنین",
    "مبینا",
    "فاطمه‌زهرا",
    "یاسمن",
    "هستی",
    "محدثه",
    "کوثر",
    "ستایش",
    "آیدا",
    "الناز",
    "حدیث",
    "مهسا",
    "رها",
];

const BOY_NAMES: [&str; 16] = [
    "امیرحسین",
    "محمدرضا",
    "علی‌اصغر",
    "ابوالفضل",
    "حسین",
    "مهدی",
    "امیرعلی",
    "پارسا",
    "محمدطاها",
    "سجاد",
    "عرفان",
    "یاسین",
    "آرین",
    "مرتضی",
    "رضا",
    "علیرضا",
];

const STREETS: [&str; 12] = [
    "خیابان بهار",
    "خیابان شهید رجایی",
    "کوچه‌ی یاس",
    "خیابان امام",
    "کوچه‌ی لاله",
    "خیابان فردوسی",
    "کوچه‌ی نسترن",
    "خیابان طالقانی",
    "کوچه‌ی شقایق",
    "خیابان ولی‌عصر",
    "کوچه‌ی سرو",
    "خیابان انقلاب",
];

const SKILLS: [&str; 12] = [
    "خیاطی",
    "قالی‌بافی",
    "سوزن‌دوزی",
    "آشپزی",
    "شیرینی‌پزی",
    "گلیم‌بافی",
    "سفالگری",
    "پرورش گل و گیاه",
    "دامداری",
    "آرایشگری",
    "بسته‌بندی",
    "عرق‌گیری گیاهی",
];

/// Headship causes with their weights (widows and divorced women are most common).
const CAUSES: [(&str, u64); 12] = [
    ("widow", 34),
    ("divorced", 20),
    ("separated", 6),
    ("husband_addicted", 8),
    ("husband_imprisoned", 4),
    ("husband_disabled", 7),
    ("husband_unemployed", 4),
    ("husband_missing", 2),
    ("self_headed_woman", 6),
    ("self_headed_girl", 3),
    ("husband_elderly", 3),
    ("husband_migrant", 3),
];

const EDUCATION: [&str; 7] = [
    "illiterate",
    "literate",
    "primary",
    "primary",
    "lower_secondary",
    "lower_secondary",
    "diploma",
];

/// Appends the check digit to nine digits: r = Σ dᵢ × (10 − i) mod 11, check = r when
/// r < 2, else 11 − r.
pub fn with_check_digit(body: &str) -> String {
    let sum: u32 = body
        .bytes()
        .zip((2..=10).rev())
        .map(|(b, weight)| u32::from(b - b'0') * weight)
        .sum();
    let remainder = sum % 11;
    let check = if remainder < 2 {
        remainder
    } else {
        11 - remainder
    };
    format!("{body}{check}")
}

/// Draws valid national IDs, never the same one twice and never one repeated digit.
#[derive(Debug, Default)]
pub struct NationalIds {
    used: HashSet<String>,
}

impl NationalIds {
    pub fn draw(&mut self, rng: &mut SplitMix64) -> String {
        loop {
            // Qazvin's IDs start with 43x/44x/45x or 59x; the rest is invented.
            let prefix = *rng.pick(&["431", "432", "433", "441", "442", "451", "591", "592"]);
            let body = format!("{prefix}{:06}", rng.below(1_000_000));
            let id = with_check_digit(&body);
            let first = id.as_bytes()[0];
            if id.bytes().all(|b| b == first) || !self.used.insert(id.clone()) {
                continue;
            }
            return id;
        }
    }
}

fn weighted<'a>(rng: &mut SplitMix64, items: &[(&'a str, u64)]) -> &'a str {
    let total: u64 = items.iter().map(|(_, w)| w).sum();
    let mut roll = rng.below(total);
    for (item, weight) in items {
        if roll < *weight {
            return item;
        }
        roll -= weight;
    }
    items[0].0
}

fn date(year: i32, rng: &mut SplitMix64) -> JalaliDate {
    let month = u8::try_from(rng.between(1, 12)).unwrap_or(1);
    let day = u8::try_from(rng.between(1, 28)).unwrap_or(1);
    JalaliDate::new(year, month, day).unwrap_or_else(|_| JalaliDate::earliest())
}

/// One invented woman and her children.
#[derive(Debug, Clone)]
pub struct DemoWoman {
    pub input: WomanInput,
    pub members: Vec<MemberInput>,
}

/// Draws a woman of a county (`locality` is her town or village) living today.
pub fn woman(
    rng: &mut SplitMix64,
    ids: &mut NationalIds,
    locality: &str,
    today: JalaliDate,
) -> DemoWoman {
    let age = i32::try_from(rng.between(24, 62)).unwrap_or(40);
    let birth_year = today.year() - age;
    let cause = weighted(rng, &CAUSES);
    let settlement = weighted(rng, &[("urban", 68), ("rural", 30), ("nomadic", 2)]);
    let education = if age > 50 {
        *rng.pick(&EDUCATION[..4])
    } else {
        *rng.pick(&EDUCATION)
    };
    let skills = (0..rng.between(1, 2))
        .map(|_| *rng.pick(&SKILLS))
        .collect::<Vec<_>>();
    let mut skills = skills;
    skills.dedup();
    let last_name = *rng.pick(&LAST_NAMES);
    let input = WomanInput {
        national_id: ids.draw(rng),
        first_name: (*rng.pick(&FIRST_NAMES)).into(),
        last_name: last_name.into(),
        father_name: (*rng.pick(&MALE_NAMES)).into(),
        birth_date: date(birth_year, rng).to_string(),
        locality: locality.into(),
        settlement: settlement.into(),
        address: format!(
            "{}، {}، پلاک {}",
            locality,
            rng.pick(&STREETS),
            rng.between(1, 120)
        ),
        education: education.into(),
        skills: skills.join("، "),
        headship_cause: cause.into(),
        income_decile: rng.between(1, 4).to_string(),
        ..WomanInput::default()
    };
    // Children: none for a never-married girl, up to four otherwise, born after she was 18.
    let children = if cause == "self_headed_girl" {
        0
    } else {
        rng.between(0, 4)
    };
    let mut members = Vec::new();
    for _ in 0..children {
        let born = (birth_year + 18 + i32::try_from(rng.between(0, 20)).unwrap_or(0))
            .min(today.year() - 1);
        let child_age = today.year() - born;
        let girl = rng.chance(50);
        let activity = match child_age {
            0..=6 => "preschool",
            7..=18 => "in_school",
            _ => *rng.pick(&["university", "working", "unemployed", "homemaker"]),
        };
        members.push(MemberInput {
            first_name: if girl {
                (*rng.pick(&GIRL_NAMES)).into()
            } else {
                (*rng.pick(&BOY_NAMES)).into()
            },
            last_name: if cause == "divorced" || cause.starts_with("husband") {
                String::new()
            } else {
                last_name.into()
            },
            relation: "child".into(),
            birth_date: date(born, rng).to_string(),
            activity: activity.into(),
            ..MemberInput::default()
        });
    }
    DemoWoman { input, members }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hamyar_domain::NationalId;

    #[test]
    fn the_check_digit_matches_known_ids() {
        assert_eq!(with_check_digit("001354241"), "0013542419");
        assert_eq!(with_check_digit("008457594"), "0084575948");
    }

    #[test]
    fn drawn_ids_are_valid_and_distinct() {
        let mut rng = SplitMix64::new(3);
        let mut ids = NationalIds::default();
        let drawn: Vec<_> = (0..500).map(|_| ids.draw(&mut rng)).collect();
        for id in &drawn {
            NationalId::parse(id).unwrap_or_else(|e| panic!("{id}: {e:?}"));
        }
        let distinct: HashSet<_> = drawn.iter().collect();
        assert_eq!(distinct.len(), 500);
    }
}
