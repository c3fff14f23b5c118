//! The shape of the demo province, fixed in code so that the headline figures hold whatever
//! the seed draws: which groups exist in which county and business field, how old each is
//! and what became of it (exactly 30 of 45 run today), and the year's payments on the
//! training, job-preparation and strengthening lines, which sum to 743,000,000 rials.

use hamyar_domain::budget::BudgetCategory;

pub use hamyar_app::reference::QAZVIN_COUNTIES as COUNTIES;

/// What became of a group by today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupFate {
    /// Trained, registered (sometimes funded) and active.
    Active,
    /// Active, fell inactive (COVID) and was reactivated: counts as active.
    Reactivated,
    /// Active, then inactive for a coded reason.
    Inactive(&'static str),
    /// Active, inactive after a conflict, then dissolved.
    Dissolved,
    /// Ran long enough to stand on its own.
    Graduated,
    /// Identified this year and trained.
    Trained,
    /// Identified this year, trained and registered.
    Registered,
}

impl GroupFate {
    /// The stage moves after identification: (stage, days after identification, inactive
    /// reason). Every offset is at most `age_days`, so no move lies in the future.
    pub fn moves(self, age_days: i64) -> Vec<(&'static str, i64, &'static str)> {
        let start = |funded: bool| {
            let mut moves = vec![("trained", 30, ""), ("registered", 60, "")];
            if funded {
                moves.push(("funded", 75, ""));
            }
            moves.push(("active", 90, ""));
            moves
        };
        match self {
            GroupFate::Active => start(age_days % 2 == 1),
            GroupFate::Reactivated => {
                let mut moves = start(false);
                moves.push(("inactive", age_days - 90, "covid"));
                moves.push(("reactivated", age_days - 30, ""));
                moves
            }
            GroupFate::Inactive(reason) => {
                let mut moves = start(true);
                moves.push(("inactive", age_days - 40, reason));
                moves
            }
            GroupFate::Dissolved => {
                let mut moves = start(false);
                moves.push(("inactive", age_days - 150, "member_conflict"));
                moves.push(("dissolved", age_days - 100, ""));
                moves
            }
            // It graduates today, by a proposal with its evidence and an expert's approval
            // (`outcomes`), once its members have left support as empowered.
            GroupFate::Graduated => start(true),
            GroupFate::Trained => vec![("trained", 30, "")],
            GroupFate::Registered => vec![("trained", 30, ""), ("registered", 70, "")],
        }
    }

    pub fn counts_as_active(self) -> bool {
        matches!(self, GroupFate::Active | GroupFate::Reactivated)
    }
}

/// One planned group.
#[derive(Debug, Clone)]
pub struct GroupSpec {
    pub name: &'static str,
    /// Index into [`COUNTIES`].
    pub county: usize,
    pub field: &'static str,
    pub size: usize,
    pub fate: GroupFate,
    /// Days between its identification and today.
    pub age_days: i64,
}

const NAMES: [&str; 45] = [
    "نیلوفر",
    "یاس",
    "شقایق",
    "مهر",
    "امید",
    "آفتاب",
    "بهار",
    "ستاره",
    "نسترن",
    "لاله",
    "سپیده",
    "رویش",
    "پرستو",
    "آوا",
    "شکوفه",
    "نگین",
    "باران",
    "ترنج",
    "گلسا",
    "صبا",
    "مهتاب",
    "آسمان",
    "کوثر",
    "طراوت",
    "همدلی",
    "سرو",
    "افرا",
    "نارون",
    "سحر",
    "پگاه",
    "یاسمن",
    "ارغوان",
    "بنفشه",
    "نرگس",
    "سوسن",
    "آرامش",
    "روشنا",
    "رهاورد",
    "هستی",
    "دریا",
    "کیمیا",
    "آیین",
    "پویا",
    "سبزینه",
    "همراز",
];

/// The seeded business fields (every one but "other").
const FIELDS: [&str; 16] = [
    "tailoring",
    "carpet_kilim",
    "embroidery",
    "handicrafts",
    "pottery",
    "bread_pastry",
    "ready_meals",
    "food_packaging",
    "herbal_distillates",
    "greenhouse",
    "livestock",
    "kindergarten",
    "hairdressing",
    "printing",
    "cleaning",
    "transport",
];

/// Business fields that need a health code (food, or care of people).
pub const NEEDS_HEALTH_CODE: [&str; 6] = [
    "bread_pastry",
    "ready_meals",
    "food_packaging",
    "herbal_distillates",
    "kindergarten",
    "hairdressing",
];

/// Counties in turn, the provincial capital's more often.
const COUNTY_CYCLE: [usize; 12] = [0, 5, 0, 1, 4, 0, 3, 5, 2, 0, 1, 4];

/// The 45 groups: 27 active and 3 reactivated (30 running today), 4 inactive, 3 dissolved,
/// 2 graduated, 3 trained and 3 registered this year. The dissolved groups come before the
/// trained ones of the same county, whose members they were.
pub fn group_plan() -> Vec<GroupSpec> {
    let mut fates = Vec::new();
    fates.extend([GroupFate::Dissolved; 3]);
    fates.extend([GroupFate::Graduated; 2]);
    fates.extend([GroupFate::Reactivated; 3]);
    for reason in ["market", "capital", "members_left", "permits"] {
        fates.push(GroupFate::Inactive(reason));
    }
    fates.extend([GroupFate::Active; 27]);
    fates.extend([GroupFate::Registered; 3]);
    fates.extend([GroupFate::Trained; 3]);
    fates
        .into_iter()
        .enumerate()
        .map(|(i, fate)| {
            let county = match fate {
                // The trained groups start again with a dissolved group's women.
                GroupFate::Trained => COUNTY_CYCLE[i - 42],
                _ => COUNTY_CYCLE[i % COUNTY_CYCLE.len()],
            };
            let age_days = match fate {
                GroupFate::Dissolved => 450,
                GroupFate::Graduated => 720,
                GroupFate::Reactivated => 400 + 30 * i as i64,
                GroupFate::Inactive(_) => 300 + 40 * (i as i64 - 8),
                GroupFate::Active => 200 + (i as i64 * 37) % 480,
                GroupFate::Registered => 110,
                GroupFate::Trained => 60,
            };
            let size = match fate {
                GroupFate::Inactive("members_left") => 4,
                GroupFate::Active if i % 5 == 0 => 6,
                _ => 5,
            };
            GroupSpec {
                name: NAMES[i],
                county,
                field: FIELDS[(i * 7) % FIELDS.len()],
                size,
                fate,
                age_days,
            }
        })
        .collect()
}

/// One payment of the year on a headline line.
#[derive(Debug, Clone, Copy)]
pub struct PlannedPayment {
    pub category: BudgetCategory,
    pub payee: &'static str,
    pub amount_rials: i64,
    pub description: &'static str,
    /// Approved and paid; otherwise approved (committed) and awaiting payment.
    pub paid: bool,
}

impl PlannedPayment {
    pub fn payee_kind(&self) -> &'static str {
        match self.category {
            BudgetCategory::Training => "course_provider",
            BudgetCategory::JobPreparation => "job_preparation_service",
            _ => "strengthening_work",
        }
    }
}

const fn pay(
    category: BudgetCategory,
    payee: &'static str,
    amount_rials: i64,
    description: &'static str,
    paid: bool,
) -> PlannedPayment {
    PlannedPayment {
        category,
        payee,
        amount_rials,
        description,
        paid,
    }
}

use BudgetCategory::{JobPreparation as J, Strengthening as S, Training as T};

/// The year's payments: training 360, job preparation 253 and strengthening 130 million
/// rials — 743,000,000 in all.
pub const PAYMENTS: [PlannedPayment; 17] = [
    pay(
        T,
        "آموزشگاه فنی‌وحرفه‌ای آزاد نگین",
        62_000_000,
        "دوره‌ی خیاطی صنعتی برای دو گروه",
        true,
    ),
    pay(
        T,
        "مؤسسه‌ی آموزشی مهارت‌آفرینان قزوین",
        48_000_000,
        "دوره‌ی بازاریابی و فروش",
        true,
    ),
    pay(
        T,
        "آموزشگاه قالی‌بافی میراث",
        75_000_000,
        "دوره‌ی قالی و گلیم‌بافی",
        true,
    ),
    pay(
        T,
        "انجمن توانمندسازی زنان البرز",
        54_000_000,
        "دوره‌ی سواد مالی و حساب‌داری ساده",
        true,
    ),
    pay(
        T,
        "آموزشگاه آشپزی و شیرینی‌پزی سپیدار",
        40_000_000,
        "دوره‌ی نان و شیرینی",
        true,
    ),
    pay(
        T,
        "مؤسسه‌ی مهارت‌های زندگی آوا",
        36_000_000,
        "کارگاه مهارت‌های زندگی",
        true,
    ),
    pay(
        T,
        "آموزشگاه گلخانه‌ی سبز تاکستان",
        45_000_000,
        "دوره‌ی گلخانه و گیاهان دارویی",
        false,
    ),
    pay(
        J,
        "مرکز کارآفرینی بهزیستی قزوین",
        85_000_000,
        "آماده‌سازی شغلی گروه‌های تازه‌ثبت",
        true,
    ),
    pay(
        J,
        "شرکت خدمات مشاوره‌ی کسب‌وکار رهپو",
        70_000_000,
        "مشاوره‌ی مجوز و کد بهداشتی",
        true,
    ),
    pay(
        J,
        "اتحادیه‌ی صنایع دستی استان",
        60_000_000,
        "راه‌اندازی بازارچه‌ی فروش",
        true,
    ),
    pay(
        J,
        "مرکز کارآفرینی بهزیستی قزوین",
        38_000_000,
        "آماده‌سازی شغلی مرحله‌ی دوم",
        false,
    ),
    pay(
        S,
        "سازمان مردم‌نهاد همیاران مهر",
        30_000_000,
        "تسهیلگری جلسه‌های گروه",
        true,
    ),
    pay(
        S,
        "سازمان مردم‌نهاد همیاران مهر",
        25_000_000,
        "تشکیل گروه‌های تازه",
        true,
    ),
    pay(
        S,
        "مؤسسه‌ی مشاوره‌ی خانواده‌ی روشنا",
        22_000_000,
        "کارگاه کار گروهی و حل اختلاف",
        true,
    ),
    pay(
        S,
        "مؤسسه‌ی مشاوره‌ی خانواده‌ی روشنا",
        18_000_000,
        "پیگیری گروه‌های غیرفعال",
        true,
    ),
    pay(
        S,
        "انجمن توانمندسازی زنان البرز",
        20_000_000,
        "نمایشگاه محصولات گروه‌ها",
        true,
    ),
    pay(
        S,
        "سازمان مردم‌نهاد همیاران مهر",
        15_000_000,
        "تقویت گروه‌های شهرستان آوج",
        false,
    ),
];

pub const MEETING_TOPICS: [&str; 6] = [
    "قیمت‌گذاری محصولات",
    "تقسیم کار میان اعضا",
    "خرید مواد اولیه",
    "شرکت در نمایشگاه",
    "گزارش فروش ماه",
    "پس‌انداز گروه",
];

pub const MEETING_DECISIONS: [&str; 5] = [
    "خرید مواد اولیه از تأمین‌کننده‌ی تازه",
    "شرکت در بازارچه‌ی هفتگی",
    "پیگیری کد بهداشتی",
    "افزایش تولید برای سفارش مدرسه",
    "سپردن حساب‌ها به خزانه‌دار",
];

pub const VISIT_FINDINGS: [&str; 5] = [
    "کارگاه فعال و منظم است",
    "نیاز به سرمایه در گردش",
    "فروش در ماه گذشته کم شده است",
    "اعضا به آموزش بازاریابی نیاز دارند",
    "مجوز کسب در حال تمدید است",
];

pub const FOLLOW_UP_NOTES: [&str; 3] = [
    "تماس تلفنی با سرگروه و پیگیری درخواست",
    "معرفی گروه به اداره‌ی کار برای مجوز",
    "هماهنگی غرفه در بازارچه‌ی شهرستان",
];

pub const VISIT_REQUESTS: [&str; 4] = [
    "معرفی به بانک برای وام خوداشتغالی",
    "غرفه در نمایشگاه استانی",
    "پیگیری کد بهداشتی",
    "دوره‌ی آموزش فروش اینترنتی",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_headline_payments_total_743_million() {
        let total: i64 = PAYMENTS.iter().map(|p| p.amount_rials).sum();
        assert_eq!(total, 743_000_000);
    }

    #[test]
    fn thirty_of_forty_five_groups_run_and_no_move_is_in_the_future() {
        let plan = group_plan();
        assert_eq!(plan.len(), 45);
        assert_eq!(
            plan.iter().filter(|g| g.fate.counts_as_active()).count(),
            30
        );
        for group in &plan {
            let moves = group.fate.moves(group.age_days);
            let mut last = 0;
            for (stage, offset, _) in moves {
                assert!(offset <= group.age_days, "{} {stage}", group.name);
                assert!(offset >= last, "{} {stage}", group.name);
                last = offset;
            }
        }
        // Every trained group finds a dissolved group of its county.
        let dissolved: Vec<_> = plan
            .iter()
            .filter(|g| g.fate == GroupFate::Dissolved)
            .map(|g| g.county)
            .collect();
        let trained: Vec<_> = plan
            .iter()
            .filter(|g| g.fate == GroupFate::Trained)
            .map(|g| g.county)
            .collect();
        assert_eq!(dissolved, trained);
    }
}
