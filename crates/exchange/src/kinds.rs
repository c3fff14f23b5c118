//! The kinds of sheet an office imports, and the columns of each: the
//! registry of women, a province's group history — its groups (with the
//! dates of their first stages), later stage moves, memberships, meetings,
//! visits and business months — its year's payments and grants, and a
//! training provider's attendance sheet (one row per woman and session).
//!
//! This module only says what the files look like (headers in Persian and
//! English, required columns, examples and hints for the templates); the
//! app reads each row's cells by their keys and validates them with the same
//! drafts the forms use. Dates are Jalali text (`1402/03/15`, Persian or
//! Arabic digits accepted by the app's parser); codes are kept as text.
//!
//! Why these shapes: an expert with a spreadsheet keeps one row per group
//! with the dates it was identified, trained, registered, funded and became
//! active — so the groups sheet carries those dates as columns. Moves that
//! can repeat or end a group (inactive with its reason, reactivated,
//! dissolved, graduated) do not fit columns, so they have a sheet of their
//! own, one row per move. A membership is one row per woman and group, with
//! her leaving on the same row when she left.

use std::sync::LazyLock;

use crate::layout::{Layout, LayoutColumn};

/// One kind of import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SheetKind {
    Women,
    Groups,
    Stages,
    Members,
    Meetings,
    Visits,
    Business,
    Payments,
    Grants,
    Attendance,
}

impl SheetKind {
    /// Every kind, in the order an office imports a province: women first,
    /// then groups, their later moves, members, meetings, visits, business,
    /// the year's money: payments and grants, and then training attendance.
    pub const ALL: [SheetKind; 10] = [
        SheetKind::Women,
        SheetKind::Groups,
        SheetKind::Stages,
        SheetKind::Members,
        SheetKind::Meetings,
        SheetKind::Visits,
        SheetKind::Business,
        SheetKind::Payments,
        SheetKind::Grants,
        SheetKind::Attendance,
    ];

    /// The stable key (`women`, `groups`…), used in URLs and commands.
    pub fn key(self) -> &'static str {
        match self {
            SheetKind::Women => "women",
            SheetKind::Groups => "groups",
            SheetKind::Stages => "stages",
            SheetKind::Members => "members",
            SheetKind::Meetings => "meetings",
            SheetKind::Visits => "visits",
            SheetKind::Business => "business",
            SheetKind::Payments => "payments",
            SheetKind::Grants => "grants",
            SheetKind::Attendance => "attendance",
        }
    }

    /// The kind with this key.
    pub fn from_key(key: &str) -> Option<SheetKind> {
        Self::ALL.into_iter().find(|kind| kind.key() == key)
    }

    /// The kind's columns.
    pub fn layout(self) -> &'static Layout {
        match self {
            SheetKind::Women => Layout::women(),
            SheetKind::Groups => &GROUPS,
            SheetKind::Stages => &STAGES,
            SheetKind::Members => &MEMBERS,
            SheetKind::Meetings => &MEETINGS,
            SheetKind::Visits => &VISITS,
            SheetKind::Business => &BUSINESS,
            SheetKind::Payments => &PAYMENTS,
            SheetKind::Grants => &GRANTS,
            SheetKind::Attendance => &ATTENDANCE,
        }
    }
}

const fn optional(
    key: &'static str,
    header_fa: &'static str,
    header_en: &'static str,
    example: &'static str,
    hint_fa: &'static str,
) -> LayoutColumn {
    LayoutColumn::new(key, header_fa, header_en, false, example, hint_fa)
}

const fn required(
    key: &'static str,
    header_fa: &'static str,
    header_en: &'static str,
    example: &'static str,
    hint_fa: &'static str,
) -> LayoutColumn {
    LayoutColumn::new(key, header_fa, header_en, true, example, hint_fa)
}

const GROUP_CODE: LayoutColumn = required(
    "group_code",
    "کد گروه",
    "Group code",
    "TK-012",
    "کد یکتای گروه در استان؛ حروف لاتین، رقم و خط تیره",
);

const JALALI_HINT: &str = "تاریخ شمسی به شکل سال/ماه/روز";

static GROUPS: LazyLock<Layout> = LazyLock::new(|| {
    Layout::new(
        "groups",
        "گروه‌ها",
        vec![
            GROUP_CODE,
            required(
                "name",
                "نام گروه",
                "Group name",
                "گروه خیاطی نور",
                "با حروف فارسی",
            ),
            required("county", "شهرستان", "County", "آبیک", "نام شهرستان گروه"),
            optional(
                "locality",
                "شهر یا روستا",
                "City or village",
                "آبیک",
                "اختیاری",
            ),
            optional(
                "supervising_unit",
                "واحد ناظر",
                "Supervising unit",
                "",
                "نام واحد یا مرکز ناظر، چنان‌که در فهرست واحدهای شهرستان آمده",
            ),
            required(
                "business_field",
                "رشته کسب و کار",
                "Business field",
                "خیاطی",
                "از فهرست رشته‌ها (نام یا کد)",
            ),
            optional(
                "business_field_other",
                "شرح رشته دیگر",
                "Other business field",
                "",
                "فقط وقتی رشته «سایر» است",
            ),
            required(
                "premises",
                "محل کار",
                "Premises",
                "استیجاری",
                "ملکی، استیجاری یا منزل",
            ),
            optional(
                "premises_address",
                "نشانی محل کار",
                "Premises address",
                "",
                "اختیاری",
            ),
            optional("notes", "یادداشت", "Notes", "", "اختیاری"),
            required(
                "identified_on",
                "تاریخ شناسایی",
                "Identified on",
                "1401/02/10",
                JALALI_HINT,
            ),
            optional(
                "trained_on",
                "تاریخ آموزش",
                "Trained on",
                "1401/05/01",
                JALALI_HINT,
            ),
            optional(
                "registered_on",
                "تاریخ ثبت",
                "Registered on",
                "1401/07/15",
                JALALI_HINT,
            ),
            optional(
                "funded_on",
                "تاریخ تأمین مالی",
                "Funded on",
                "",
                JALALI_HINT,
            ),
            optional(
                "active_on",
                "تاریخ شروع فعالیت",
                "Active on",
                "1401/09/01",
                JALALI_HINT,
            ),
        ],
    )
});

static STAGES: LazyLock<Layout> = LazyLock::new(|| {
    Layout::new(
        "stages",
        "مراحل گروه",
        vec![
            GROUP_CODE,
            required(
                "stage",
                "مرحله",
                "Stage",
                "غیرفعال",
                "مانند آموزش‌دیده، ثبت‌شده، فعال، غیرفعال، فعال‌شدهٔ دوباره، منحل، مستقل‌شده",
            ),
            required(
                "effective_on",
                "تاریخ",
                "Effective on",
                "1402/04/01",
                JALALI_HINT,
            ),
            optional(
                "inactive_reason",
                "علت غیرفعال شدن",
                "Reason for inactivity",
                "سرمایه",
                "فقط برای غیرفعال: فروش و بازار، سرمایه، مجوزها، اختلاف اعضا، …",
            ),
            optional(
                "note",
                "توضیح",
                "Note",
                "",
                "اختیاری؛ برای علت «سایر» الزامی",
            ),
        ],
    )
});

static MEMBERS: LazyLock<Layout> = LazyLock::new(|| {
    Layout::new(
        "members",
        "اعضا",
        vec![
            GROUP_CODE,
            required(
                "national_id",
                "کد ملی",
                "National ID",
                "0013542419",
                "کد ملی زنی که در سامانه ثبت شده است",
            ),
            required(
                "role",
                "نقش در گروه",
                "Role",
                "عضو",
                "سرگروه، خزانه‌دار، منشی یا عضو",
            ),
            required(
                "joined_on",
                "تاریخ پیوستن",
                "Joined on",
                "1401/07/15",
                JALALI_HINT,
            ),
            optional(
                "left_on",
                "تاریخ خروج",
                "Left on",
                "",
                "اگر از گروه رفته است",
            ),
            optional(
                "leave_reason",
                "علت خروج",
                "Leave reason",
                "",
                "با تاریخ خروج الزامی است",
            ),
            optional("leave_note", "توضیح خروج", "Leave note", "", "اختیاری"),
        ],
    )
});

static VISITS: LazyLock<Layout> = LazyLock::new(|| {
    Layout::new(
        "visits",
        "بازدیدها",
        vec![
            GROUP_CODE,
            required(
                "visited_on",
                "تاریخ بازدید",
                "Visited on",
                "1402/02/20",
                JALALI_HINT,
            ),
            optional(
                "visitor_name",
                "بازدیدکننده",
                "Visitor",
                "زهرا کریمی",
                "نام کسی که بازدید کرد؛ خالی: واردکنندهٔ فایل",
            ),
            required(
                "purpose",
                "هدف بازدید",
                "Purpose",
                "پایش ماهانه",
                "هدف بازدید",
            ),
            optional("findings", "یافته‌ها", "Findings", "", "اختیاری"),
            optional(
                "requests",
                "درخواست‌ها",
                "Requests",
                "",
                "درخواست‌های اعضا؛ هر کدام در یک خط یا جدا با «؛»",
            ),
            optional(
                "referrals",
                "ارجاع‌ها",
                "Referrals",
                "بانک",
                "مانند اداره کار، بانک، شبکه بهداشت؛ جدا با «،»",
            ),
            optional(
                "referral_other",
                "ارجاع دیگر",
                "Other referral",
                "",
                "فقط وقتی ارجاع «سایر» است",
            ),
            optional(
                "follow_up_due",
                "مهلت پیگیری",
                "Follow-up due",
                "",
                "تاریخ شمسی؛ اختیاری",
            ),
        ],
    )
});

const NATIONAL_IDS_HINT: &str = "کد ملی اعضا، جدا با «،»";

static MEETINGS: LazyLock<Layout> = LazyLock::new(|| {
    Layout::new(
        "meetings",
        "جلسه‌ها",
        vec![
            GROUP_CODE,
            required(
                "held_on",
                "تاریخ جلسه",
                "Held on",
                "1402/03/10",
                JALALI_HINT,
            ),
            optional("place", "محل جلسه", "Place", "کارگاه گروه", "اختیاری"),
            required(
                "topics",
                "موضوعات",
                "Topics",
                "فروش نمایشگاه",
                "موضوع‌های جلسه",
            ),
            optional("decisions", "تصمیم‌ها", "Decisions", "", "اختیاری"),
            optional(
                "present",
                "حاضران",
                "Present",
                "0013542419، 0084575948",
                NATIONAL_IDS_HINT,
            ),
            optional("absent", "غایبان", "Absent", "", NATIONAL_IDS_HINT),
            optional("excused", "غیبت موجه", "Excused", "", NATIONAL_IDS_HINT),
        ],
    )
});

static BUSINESS: LazyLock<Layout> = LazyLock::new(|| {
    Layout::new(
        "business",
        "کسب و کار ماهانه",
        vec![
            GROUP_CODE,
            required("year", "سال", "Year", "1403", "سال شمسی"),
            required("month", "ماه", "Month", "7", "شماره‌ی ماه از ۱ تا ۱۲"),
            required(
                "revenue",
                "درآمد (ریال)",
                "Revenue (rials)",
                "120000000",
                "فروش ماه به ریال",
            ),
            required(
                "costs",
                "هزینه (ریال)",
                "Costs (rials)",
                "70000000",
                "هزینه‌های ماه به ریال",
            ),
            optional(
                "members_working",
                "اعضای شاغل",
                "Members working",
                "5",
                "شمار",
            ),
            optional(
                "people_hired",
                "افراد به‌کارگرفته",
                "People hired",
                "0",
                "شمار",
            ),
            optional(
                "channels",
                "راه‌های فروش",
                "Sales channels",
                "فروشگاه، نمایشگاه",
                "فروشگاه، نمایشگاه، سفارش، فروش اینترنتی، سایر؛ جدا با «،»",
            ),
            optional(
                "channel_other",
                "راه فروش دیگر",
                "Other channel",
                "",
                "فقط وقتی راه فروش «سایر» است",
            ),
            optional(
                "member_payments",
                "پرداخت به اعضا (ریال)",
                "Paid to members (rials)",
                "0013542419=15000000؛ 0084575948=12000000",
                "کد ملی=مبلغ برای هر عضو، جدا با «؛»",
            ),
        ],
    )
});

const APPROVER: LayoutColumn = optional(
    "approver",
    "تأییدکننده روی کاغذ",
    "Approved on paper by",
    "مریم احمدی",
    "نام کسی که روی کاغذ تأیید کرده؛ وقتی تاریخ تأیید نوشته شده لازم است",
);

static PAYMENTS: LazyLock<Layout> = LazyLock::new(|| {
    Layout::new(
        "payments",
        "پرداخت‌ها",
        vec![
            required(
                "category",
                "ردیف بودجه",
                "Budget category",
                "آموزش",
                "آموزش، آماده‌سازی شغلی، سرمایه کار بلاعوض، تقویت و تشکیل گروه یا سایر",
            ),
            optional(
                "county",
                "شهرستان ردیف",
                "Line's county",
                "",
                "خالی: ردیف خود استان؛ نام شهرستان: ردیف آن شهرستان",
            ),
            required(
                "payee",
                "گیرنده",
                "Payee",
                "آموزشگاه فنی نور",
                "نام گیرنده‌ی پول",
            ),
            required(
                "payee_kind",
                "نوع گیرنده",
                "Payee kind",
                "مجری دوره آموزشی",
                "مجری دوره آموزشی، خدمات آماده‌سازی شغلی، کار تقویت و تشکیل گروه یا سایر",
            ),
            required(
                "amount",
                "مبلغ (ریال)",
                "Amount (rials)",
                "250000000",
                "به ریال",
            ),
            required(
                "spent_on",
                "تاریخ هزینه",
                "Spent on",
                "1405/02/10",
                JALALI_HINT,
            ),
            optional(
                "reference",
                "شماره سند",
                "Reference",
                "1405-117",
                "شماره‌ی سند یا قرارداد کاغذی",
            ),
            optional("description", "شرح", "Description", "دوره خیاطی", "اختیاری"),
            optional(
                "group_codes",
                "کد گروه‌ها",
                "Group codes",
                "TK-012",
                "گروه‌هایی که پول برای آن‌ها بود؛ جدا با «،»",
            ),
            optional(
                "national_ids",
                "کد ملی زنان",
                "National IDs",
                "",
                "زنانی که پول برای آن‌ها بود؛ جدا با «،»",
            ),
            optional(
                "course_run",
                "کد دوره آموزشی",
                "Course run code",
                "",
                "برای پرداخت به مجری آموزش: کد دوره‌ای که پول برای آن بود",
            ),
            optional(
                "approved_on",
                "تاریخ تأیید",
                "Approved on",
                "1405/02/15",
                "اگر روی کاغذ تأیید شده؛ نفر دوم در همیار آن را تأیید می‌کند",
            ),
            optional(
                "paid_on",
                "تاریخ پرداخت",
                "Paid on",
                "1405/03/01",
                "اگر پرداخت شده؛ پس از تاریخ تأیید",
            ),
            APPROVER,
        ],
    )
});

static GRANTS: LazyLock<Layout> = LazyLock::new(|| {
    let mut columns = vec![
        optional(
            "group_code",
            "کد گروه",
            "Group code",
            "TK-012",
            "گیرنده‌ی گروهی؛ یا کد گروه یا کد ملی",
        ),
        optional(
            "national_id",
            "کد ملی",
            "National ID",
            "",
            "گیرنده‌ی فردی؛ یا کد گروه یا کد ملی",
        ),
        required(
            "purpose",
            "هدف",
            "Purpose",
            "خرید چرخ خیاطی",
            "کمک برای چه بود",
        ),
        optional(
            "conditions",
            "شرط‌های پرداخت",
            "Release conditions",
            "گروه ثبت شده باشد",
            "برای همه‌ی قسط‌ها؛ جدا با «،»؛ خالی: بی‌شرط",
        ),
    ];
    columns.extend(TRANCHE_COLUMNS);
    columns.push(APPROVER);
    Layout::new("grants", "کمک‌های بلاعوض", columns)
});

/// A provider's attendance sheet: one row per woman and session. The run's code is a
/// column, optional only because `hamyar import attendance --run CODE` writes it into the
/// rows that leave it blank; a row without it is refused by the app, naming the column.
static ATTENDANCE: LazyLock<Layout> = LazyLock::new(|| {
    Layout::new(
        "attendance",
        "حضور و غیاب",
        vec![
            optional(
                "run_code",
                "کد دوره",
                "Run code",
                "QZ-1405-07",
                "کد دوره‌ی آموزشی در استان، چنان‌که در همیار ثبت شده؛ برای هر ردیف لازم است",
            ),
            required(
                "national_id",
                "کد ملی",
                "National ID",
                "0013542419",
                "کد ملی زنی که در این دوره ثبت‌نام شده است",
            ),
            required(
                "session",
                "جلسه",
                "Session",
                "3",
                "شماره‌ی جلسه (۱، ۲، …) یا تاریخ شمسی آن به شکل سال/ماه/روز",
            ),
            required(
                "mark",
                "حضور",
                "Attendance",
                "حاضر",
                "حاضر، غایب یا موجه (یا ح و غ)؛ علامت تازه جای علامت پیشین همان جلسه را می‌گیرد",
            ),
        ],
    )
});

/// Four tranches' columns: amount, planned day, and the paper's approval and payment days.
const TRANCHE_COLUMNS: [LayoutColumn; 16] = [
    required(
        "tranche_1_amount",
        "مبلغ قسط ۱",
        "Tranche 1 amount",
        "300000000",
        "به ریال",
    ),
    required(
        "tranche_1_planned_on",
        "تاریخ برنامه قسط ۱",
        "Tranche 1 planned on",
        "1405/03/01",
        JALALI_HINT,
    ),
    optional(
        "tranche_1_approved_on",
        "تاریخ تأیید قسط ۱",
        "Tranche 1 approved on",
        "1405/03/05",
        "اگر تأیید شده",
    ),
    optional(
        "tranche_1_paid_on",
        "تاریخ پرداخت قسط ۱",
        "Tranche 1 paid on",
        "1405/03/20",
        "اگر پرداخت شده",
    ),
    optional(
        "tranche_2_amount",
        "مبلغ قسط ۲",
        "Tranche 2 amount",
        "",
        "به ریال",
    ),
    optional(
        "tranche_2_planned_on",
        "تاریخ برنامه قسط ۲",
        "Tranche 2 planned on",
        "",
        JALALI_HINT,
    ),
    optional(
        "tranche_2_approved_on",
        "تاریخ تأیید قسط ۲",
        "Tranche 2 approved on",
        "",
        "اگر تأیید شده",
    ),
    optional(
        "tranche_2_paid_on",
        "تاریخ پرداخت قسط ۲",
        "Tranche 2 paid on",
        "",
        "اگر پرداخت شده",
    ),
    optional(
        "tranche_3_amount",
        "مبلغ قسط ۳",
        "Tranche 3 amount",
        "",
        "به ریال",
    ),
    optional(
        "tranche_3_planned_on",
        "تاریخ برنامه قسط ۳",
        "Tranche 3 planned on",
        "",
        JALALI_HINT,
    ),
    optional(
        "tranche_3_approved_on",
        "تاریخ تأیید قسط ۳",
        "Tranche 3 approved on",
        "",
        "اگر تأیید شده",
    ),
    optional(
        "tranche_3_paid_on",
        "تاریخ پرداخت قسط ۳",
        "Tranche 3 paid on",
        "",
        "اگر پرداخت شده",
    ),
    optional(
        "tranche_4_amount",
        "مبلغ قسط ۴",
        "Tranche 4 amount",
        "",
        "به ریال",
    ),
    optional(
        "tranche_4_planned_on",
        "تاریخ برنامه قسط ۴",
        "Tranche 4 planned on",
        "",
        JALALI_HINT,
    ),
    optional(
        "tranche_4_approved_on",
        "تاریخ تأیید قسط ۴",
        "Tranche 4 approved on",
        "",
        "اگر تأیید شده",
    ),
    optional(
        "tranche_4_paid_on",
        "تاریخ پرداخت قسط ۴",
        "Tranche 4 paid on",
        "",
        "اگر پرداخت شده",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_layout_named_by_its_key_and_a_group_code_first_where_it_names_a_group() {
        for kind in SheetKind::ALL {
            assert_eq!(SheetKind::from_key(kind.key()), Some(kind));
            assert_eq!(kind.layout().kind, kind.key());
            if !matches!(
                kind,
                SheetKind::Women | SheetKind::Payments | SheetKind::Attendance
            ) {
                assert_eq!(kind.layout().columns[0].key, "group_code");
            }
        }
    }

    #[test]
    fn headers_are_recognised_in_arabic_letters_and_in_english() {
        let layout = SheetKind::Members.layout();
        assert_eq!(layout.match_header("كد گروه"), Some(0));
        assert_eq!(layout.match_header("Joined on"), Some(3));
        assert_eq!(layout.match_header("تاريخ پيوستن"), Some(3));
    }
}
