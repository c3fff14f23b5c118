//! The interface's words in Persian (first) and English. One table holds every phrase with
//! both translations side by side, so a phrase cannot exist in one language only; templates
//! ask the page context for a key. Digits are made Persian where the language is Persian.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Fa,
    En,
}

impl Lang {
    pub fn parse(text: &str) -> Option<Lang> {
        match text.trim() {
            "fa" => Some(Lang::Fa),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fa => "fa",
            Lang::En => "en",
        }
    }

    pub fn dir(self) -> &'static str {
        match self {
            Lang::Fa => "rtl",
            Lang::En => "ltr",
        }
    }

    pub fn is_english(self) -> bool {
        self == Lang::En
    }

    /// The Persian or the English of a pair, by this language.
    pub fn pick<'a>(self, persian: &'a str, english: &'a str) -> &'a str {
        match self {
            Lang::Fa => persian,
            Lang::En => english,
        }
    }

    /// The other language, offered by the switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::Fa => Lang::En,
            Lang::En => Lang::Fa,
        }
    }

    /// Looks a phrase up; an unknown key shows itself so that it is noticed, never blank.
    pub fn t(self, key: &str) -> &'static str {
        match catalogue().get(key) {
            Some((fa, en)) => match self {
                Lang::Fa => fa,
                Lang::En => en,
            },
            None => {
                tracing::warn!(key, "missing translation key");
                "??"
            }
        }
    }

    /// Digits in the language's own script.
    pub fn digits(self, text: &str) -> String {
        match self {
            Lang::Fa => hamyar_domain::digits::to_persian_digits(text),
            Lang::En => text.to_owned(),
        }
    }

    /// A number with thousands separators in the language's script.
    pub fn number(self, n: i64) -> String {
        match self {
            Lang::Fa => hamyar_domain::digits::to_persian_digits(
                &hamyar_domain::digits::group_thousands(n, '٬'),
            ),
            Lang::En => hamyar_domain::digits::group_thousands(n, ','),
        }
    }
}

fn catalogue() -> &'static HashMap<&'static str, (&'static str, &'static str)> {
    static MAP: OnceLock<HashMap<&'static str, (&'static str, &'static str)>> = OnceLock::new();
    MAP.get_or_init(|| {
        PHRASES
            .iter()
            .chain(crate::pages::exchange::PHRASES)
            .chain(crate::pages::groups::PHRASES)
            .chain(crate::pages::group_life::PHRASES)
            .chain(crate::pages::facilities::PHRASES)
            .chain(crate::pages::budget::PHRASES)
            .chain(crate::pages::money_reports::PHRASES)
            .chain(crate::pages::money_recipients::PHRASES)
            .chain(crate::pages::grants::PHRASES)
            .chain(crate::pages::spending::PHRASES)
            .chain(crate::pages::woman_file::PHRASES)
            .chain(crate::pages::press::PHRASES)
            .chain(crate::pages::dashboard::PHRASES)
            .map(|(k, fa, en)| (*k, (*fa, *en)))
            .collect()
    })
}

/// A phrase of any table by key: (Persian, English).
pub fn lookup(key: &str) -> Option<(&'static str, &'static str)> {
    catalogue().get(key).copied()
}

/// Every phrase: (key, Persian, English).
pub const PHRASES: &[(&str, &str, &str)] = &[
    ("app.name", "همیار", "Hamyar"),
    (
        "app.tagline",
        "سامانه‌ی گروه‌های همیار زنان سرپرست خانوار",
        "Hamyar groups of women heads of household",
    ),
    (
        "app.org",
        "سازمان بهزیستی کشور",
        "State Welfare Organization of Iran",
    ),
    ("nav.home", "پیشخوان", "Dashboard"),
    (
        "nav.places",
        "استان‌ها و شهرستان‌ها",
        "Provinces and counties",
    ),
    ("nav.users", "کاربران", "Users"),
    ("nav.audit", "رد فعالیت‌ها", "Audit trail"),
    ("nav.account", "حساب من", "My account"),
    ("nav.main", "منوی اصلی", "Main menu"),
    ("action.logout", "خروج", "Log out"),
    ("action.login", "ورود", "Log in"),
    ("action.save", "ذخیره", "Save"),
    ("action.create", "ایجاد", "Create"),
    ("action.filter", "پالایش", "Filter"),
    ("action.clear", "پاک کردن", "Clear"),
    ("action.disable", "غیرفعال کردن", "Disable"),
    ("action.enable", "فعال کردن", "Enable"),
    ("action.rename", "تغییر نام", "Rename"),
    ("action.back", "بازگشت", "Back"),
    ("action.add_county", "افزودن شهرستان", "Add a county"),
    ("action.new_user", "کاربر تازه", "New user"),
    ("action.change_password", "تغییر گذرواژه", "Change password"),
    ("lang.switch", "English", "فارسی"),
    ("lang.switch_label", "تغییر زبان", "Change language"),
    ("today", "امروز", "Today"),
    ("field.username", "نام کاربری", "Username"),
    ("field.password", "گذرواژه", "Password"),
    (
        "field.password_confirm",
        "تکرار گذرواژه",
        "Repeat the password",
    ),
    (
        "field.current_password",
        "گذرواژه‌ی کنونی",
        "Current password",
    ),
    ("field.new_password", "گذرواژه‌ی تازه", "New password"),
    (
        "field.new_password_confirm",
        "تکرار گذرواژه‌ی تازه",
        "Repeat the new password",
    ),
    ("field.display_name", "نام و نام خانوادگی", "Full name"),
    ("field.role", "نقش", "Role"),
    ("field.scope", "محدوده", "Scope"),
    ("field.status", "وضعیت", "Status"),
    ("field.created_at", "تاریخ ایجاد", "Created"),
    ("field.name_fa", "نام فارسی", "Persian name"),
    ("field.name_en", "نام لاتین", "English name"),
    ("field.valid_from", "از تاریخ", "From date"),
    ("field.province", "استان", "Province"),
    ("field.county", "شهرستان", "County"),
    ("field.kind", "نوع", "Kind"),
    ("field.code", "کد", "Code"),
    ("field.names_history", "پیشینه‌ی نام‌ها", "Name history"),
    ("field.money_unit", "واحد نمایش مبلغ", "Show amounts in"),
    ("field.language", "زبان", "Language"),
    ("field.when", "زمان", "When"),
    ("field.who", "کاربر", "Who"),
    ("field.action", "رویداد", "Action"),
    ("field.entity", "موضوع", "Subject"),
    ("field.before", "پیش از", "Before"),
    ("field.after", "پس از", "After"),
    ("field.from", "از تاریخ", "From"),
    ("field.to", "تا تاریخ", "To"),
    ("field.seq", "ردیف", "No."),
    ("field.place", "مکان", "Place"),
    (
        "hint.date",
        "نمونه: ۱۴۰۵/۰۹/۰۷ یا ۷ آذر ۱۴۰۵",
        "For example 1405/09/07 or 7 Azar 1405",
    ),
    (
        "hint.username",
        "حروف لاتین کوچک و رقم، مانند s.ahmadi",
        "Lowercase Latin letters and digits, like s.ahmadi",
    ),
    (
        "hint.password",
        "دست‌کم ۱۰ نویسه، بدون نام کاربری و نام خودتان؛ چند واژه‌ی نامرتبط پشت هم بهترین است (نه گذرواژه‌های رایج یا الگوی صفحه‌کلید)",
        "At least 10 characters, without your username or name; several unrelated words in a row work best (no common passwords or keyboard runs)",
    ),
    (
        "hint.scope",
        "نقش‌های استانی و شهرستانی باید به همان سطح محدود شوند",
        "Provincial and county roles must be scoped to that level",
    ),
    ("status.active", "فعال", "Active"),
    ("status.disabled", "غیرفعال", "Disabled"),
    ("kind.country", "کشور", "Country"),
    ("kind.province", "استان", "Province"),
    ("kind.county", "شهرستان", "County"),
    ("login.title", "ورود به همیار", "Log in to Hamyar"),
    (
        "login.failed",
        "نام کاربری یا گذرواژه درست نیست",
        "Wrong username or password",
    ),
    (
        "login.expired",
        "نشست شما به پایان رسید؛ دوباره وارد شوید",
        "Your session ended; please log in again",
    ),
    (
        "login.rate_limited",
        "تلاش‌های ناموفق بسیار بوده است؛ {wait} دیگر دوباره تلاش کنید",
        "Too many failed attempts; try again in {wait}",
    ),
    ("login.wait_seconds", "{n} ثانیه", "{n} s"),
    ("login.wait_minutes", "{n} دقیقه", "{n} min"),
    (
        "setup.title",
        "ساختن نخستین مدیر سامانه",
        "Create the first administrator",
    ),
    (
        "setup.intro",
        "هنوز هیچ کاربری نیست. این پیوند یک‌بارمصرف است: حساب مدیر سامانه (در سطح کشور) را بسازید و سپس وارد شوید.",
        "No user exists yet. This link works once: create the country-wide administrator account, then log in.",
    ),
    (
        "setup.done",
        "مدیر سامانه ساخته شد؛ اکنون وارد شوید",
        "The administrator was created; now log in",
    ),
    ("home.title", "پیشخوان", "Dashboard"),
    ("home.welcome", "خوش آمدید", "Welcome"),
    ("home.your_role", "نقش شما", "Your role"),
    ("home.your_scope", "محدوده‌ی شما", "Your scope"),
    (
        "home.provinces_in_scope",
        "استان در محدوده",
        "provinces in scope",
    ),
    (
        "home.counties_in_scope",
        "شهرستان در محدوده",
        "counties in scope",
    ),
    ("home.users_in_scope", "کاربر در محدوده", "users in scope"),
    (
        "home.next",
        "بخش‌های گروه‌های همیار و اعتبارات برنامه در همین منو افزوده می‌شوند.",
        "Hamyar groups and programme money will appear in this menu.",
    ),
    (
        "places.title",
        "استان‌ها و شهرستان‌ها",
        "Provinces and counties",
    ),
    ("places.rename_title", "تغییر نام مکان", "Rename a place"),
    (
        "places.rename_help",
        "نام تازه از تاریخی که وارد می‌کنید به بعد به کار می‌رود؛ نام‌های پیشین نگه داشته می‌شوند.",
        "The new name holds from the date you enter; earlier names are kept.",
    ),
    ("places.add_title", "افزودن شهرستان", "Add a county"),
    ("places.added", "شهرستان افزوده شد", "The county was added"),
    (
        "places.renamed",
        "نام تازه ثبت شد",
        "The new name was recorded",
    ),
    (
        "places.none",
        "هیچ مکانی در محدوده‌ی شما نیست",
        "No place is in your scope",
    ),
    ("users.title", "کاربران", "Users"),
    ("users.new_title", "کاربر تازه", "New user"),
    ("users.created", "کاربر ساخته شد", "The user was created"),
    (
        "users.updated",
        "وضعیت کاربر به‌روز شد",
        "The user was updated",
    ),
    ("users.none", "کاربری نیست", "No users"),
    (
        "users.confirm_disable",
        "این کاربر غیرفعال شود؟ نشست‌های باز او بسته می‌شود.",
        "Disable this user? Their open sessions end.",
    ),
    (
        "users.reset_title",
        "گذاشتن گذرواژه‌ی تازه",
        "Set a new password",
    ),
    (
        "users.password_reset",
        "گذرواژه‌ی کاربر عوض شد",
        "The user's password was changed",
    ),
    ("account.title", "حساب من", "My account"),
    (
        "account.password_changed",
        "گذرواژه عوض شد",
        "Your password was changed",
    ),
    ("account.preferences", "ترجیحات", "Preferences"),
    (
        "account.preferences_saved",
        "ترجیحات ذخیره شد",
        "Preferences saved",
    ),
    ("money.rial", "ریال", "rials"),
    ("money.toman", "تومان", "tomans"),
    ("money.new_rial", "ریال جدید", "new rials"),
    ("audit.title", "رد فعالیت‌ها", "Audit trail"),
    (
        "audit.intro",
        "هر تغییر و هر گشودن پرونده‌ی یک فرد اینجا ثبت می‌شود. این فهرست تنها افزودنی است و با زنجیره‌ی درهم‌سازی در برابر دستکاری پاسداری می‌شود.",
        "Every change and every opening of a person's record is recorded here. The list is append-only and protected against tampering by a hash chain.",
    ),
    (
        "audit.none",
        "رویدادی با این پالایش نیست",
        "No events match this filter",
    ),
    ("audit.console", "خط فرمان", "console"),
    ("pagination.next", "بعدی", "Next"),
    ("pagination.previous", "قبلی", "Previous"),
    (
        "form.has_errors",
        "برخی خانه‌ها نادرست است؛ پیام کنار هر خانه را ببینید. هیچ چیزی ذخیره نشد.",
        "Some fields are invalid; see the message next to each. Nothing was saved.",
    ),
    ("error.title", "خطا", "Error"),
    (
        "error.404",
        "صفحه‌ای که می‌خواهید پیدا نشد",
        "The page you asked for was not found",
    ),
    (
        "error.403",
        "شما اجازه‌ی این کار را ندارید",
        "You are not allowed to do this",
    ),
    ("error.400", "درخواست نادرست است", "The request is invalid"),
    (
        "error.csrf",
        "نشست فرم منقضی یا نامعتبر است؛ صفحه را دوباره باز کنید و از نو بفرستید",
        "The form expired or is invalid; reload the page and submit again",
    ),
    (
        "error.413",
        "داده‌ی فرستاده‌شده بیش از اندازه بزرگ است",
        "The data sent is too large",
    ),
    (
        "error.429",
        "درخواست‌ها بیش از اندازه است؛ کمی بعد دوباره تلاش کنید",
        "Too many requests; try again a little later",
    ),
    (
        "error.500",
        "خطایی در سامانه رخ داد؛ چیزی ذخیره نشد. اگر تکرار شد به پشتیبانی خبر دهید.",
        "Something went wrong; nothing was saved. If it happens again, tell support.",
    ),
    (
        "error.503",
        "سامانه در دسترس نیست؛ کمی بعد دوباره تلاش کنید",
        "The service is unavailable; try again a little later",
    ),
    ("error.home", "بازگشت به پیشخوان", "Back to the dashboard"),
    // The registry of women heads of household.
    (
        "nav.women",
        "زنان سرپرست خانوار",
        "Women heads of household",
    ),
    ("nav.duplicates", "موارد احتمالاً تکراری", "Likely duplicates"),
    ("nav.programme", "تنظیمات برنامه", "Programme settings"),
    ("action.cancel", "انصراف", "Cancel"),
    ("action.search", "جست‌وجو", "Search"),
    ("action.show", "نمایش", "Show"),
    ("pagination.label", "صفحه‌ها", "Pages"),
    ("field.national_id", "کد ملی", "National ID"),
    ("field.first_name", "نام", "First name"),
    ("field.last_name", "نام خانوادگی", "Last name"),
    ("field.father_name", "نام پدر", "Father's name"),
    ("field.birth_date", "تاریخ تولد", "Birth date"),
    ("field.mobile", "تلفن همراه", "Mobile"),
    ("field.settlement", "نوع سکونت", "Settlement"),
    ("field.locality", "شهر یا روستا", "Town or village"),
    ("field.address", "نشانی", "Address"),
    ("field.education", "تحصیلات", "Education"),
    ("field.skills", "مهارت‌ها", "Skills"),
    ("field.sheba", "شماره‌ی شبا", "Sheba (IBAN)"),
    ("field.headship_cause", "علت سرپرستی", "Headship cause"),
    ("field.income_decile", "دهک درآمدی", "Income decile"),
    ("field.notes", "یادداشت", "Notes"),
    ("field.coverage_status", "وضعیت پوشش", "Coverage status"),
    ("field.relation", "نسبت با سرپرست", "Relation"),
    ("field.disability", "دارای معلولیت", "Has a disability"),
    ("field.activity", "تحصیل یا کار", "Schooling or work"),
    ("field.exit_reason", "علت خروج", "Reason for exit"),
    ("field.decision_date", "تاریخ تصمیم", "Decision date"),
    (
        "field.decision_reason",
        "دلیل یا شماره‌ی صورت‌جلسه",
        "Reason or minutes",
    ),
    ("field.started_on", "تاریخ تصمیم", "Decision date"),
    ("field.reason", "دلیل", "Reason"),
    ("field.body", "نهاد", "Body"),
    ("field.inquired_on", "تاریخ استعلام", "Inquiry date"),
    ("field.result", "نتیجه", "Result"),
    ("field.document_kind", "مدرک", "Document"),
    ("field.received_on", "تاریخ دریافت", "Received on"),
    ("field.fiscal_year", "سال مالی", "Fiscal year"),
    (
        "field.max_income_decile",
        "بالاترین دهک درآمدی پذیرفته",
        "Highest income decile accepted",
    ),
    (
        "field.require_no_other_coverage",
        "پوشش نهاد دیگر مانع پذیرش است",
        "Coverage by another body excludes her",
    ),
    (
        "field.accepted_causes",
        "علت‌های سرپرستی پذیرفته",
        "Headship causes accepted",
    ),
    (
        "field.min_age_years",
        "حداقل سن (سال)",
        "Minimum age (years)",
    ),
    (
        "field.singlehood_min_age_years",
        "حداقل سن تجرد قطعی کشوری (سال)",
        "National minimum age for definitive singlehood (years)",
    ),
    (
        "field.self_headed_girl_min_age_years",
        "حداقل سن دختر خودسرپرست (سال)",
        "Minimum age for a self-headed girl (years)",
    ),
    ("field.tier1", "خانوار ۱ نفره", "Household of 1"),
    ("field.tier2", "خانوار ۲ نفره", "Household of 2"),
    ("field.tier3", "خانوار ۳ نفره", "Household of 3"),
    ("field.tier4", "خانوار ۴ نفره", "Household of 4"),
    (
        "field.tier5",
        "خانوار ۵ نفره و بیشتر",
        "Household of 5 or more",
    ),
    (
        "hint.national_id",
        "۱۰ رقم؛ رقم‌های فارسی هم پذیرفته می‌شود",
        "10 digits; Persian digits are accepted too",
    ),
    (
        "hint.birth_date",
        "تاریخ شمسی، نمونه: ۱۳۶۵/۰۴/۱۲ یا ۱۲ تیر ۱۳۶۵",
        "Jalali date, for example 1365/04/12 or 12 Tir 1365",
    ),
    (
        "hint.date_short",
        "نمونه: ۱۳۹۰/۰۶/۲۰",
        "For example 1390/06/20",
    ),
    (
        "hint.mobile",
        "نمونه: ۰۹۱۲۳۴۵۶۷۸۹ (اختیاری)",
        "For example 09123456789 (optional)",
    ),
    (
        "hint.sheba",
        "IR و ۲۴ رقم (اختیاری)",
        "IR and 24 digits (optional)",
    ),
    (
        "hint.locality",
        "نام شهر یا روستای محل زندگی",
        "The town or village she lives in",
    ),
    (
        "hint.skills",
        "مانند خیاطی، قالی‌بافی، شیرینی‌پزی",
        "Such as tailoring, carpet weaving, pastry",
    ),
    (
        "hint.decision_reason",
        "چرا این تصمیم گرفته شد، یا شماره‌ی صورت‌جلسه‌ی کمیسیون",
        "Why this was decided, or the committee's minutes number",
    ),
    (
        "hint.received_on",
        "خالی بگذارید اگر هنوز دریافت نشده است",
        "Leave empty if not received yet",
    ),
    (
        "hint.rials",
        "مبلغ ماهانه به ریال",
        "Monthly amount in rials",
    ),
    (
        "hint.singlehood_age",
        "برای استان‌هایی که حداقل سن خود را تعیین نکرده‌اند",
        "For the provinces that have not set their own",
    ),
    (
        "women.title",
        "زنان سرپرست خانوار",
        "Women heads of household",
    ),
    (
        "women.new_title",
        "ثبت زن سرپرست خانوار",
        "Register a woman head of household",
    ),
    ("women.edit_title", "ویرایش پرونده", "Edit the record"),
    ("women.file_title", "پرونده", "File"),
    ("women.register", "ثبت زن سرپرست خانوار", "Register a woman"),
    (
        "women.import",
        "ورود از پرونده‌ی اکسل",
        "Import from a spreadsheet",
    ),
    ("women.export", "خروجی اکسل", "Export to a spreadsheet"),
    ("women.search", "جست‌وجو", "Search"),
    (
        "women.search_placeholder",
        "کد ملی، تلفن همراه یا نام",
        "National ID, mobile or name",
    ),
    ("women.all", "همه", "All"),
    ("women.sort", "ترتیب", "Sort by"),
    ("women.sort_name", "نام خانوادگی", "Last name"),
    ("women.sort_newest", "تازه‌ترین ثبت", "Newest first"),
    ("women.sort_birth_date", "تاریخ تولد", "Birth date"),
    ("women.name", "نام و نام خانوادگی", "Name"),
    ("women.household_size", "بعد خانوار", "Household size"),
    (
        "women.masked_note",
        "برای نقش شما بخشی از کد ملی و تلفن همراه پوشیده نشان داده می‌شود.",
        "For your role, national IDs and mobile numbers are partly hidden.",
    ),
    (
        "women.none_yet",
        "هنوز هیچ زنی در محدوده‌ی شما ثبت نشده است.",
        "No woman is registered in your scope yet.",
    ),
    (
        "women.none_found",
        "با این جست‌وجو کسی پیدا نشد.",
        "Nobody matches this search.",
    ),
    ("women.choose", "انتخاب کنید", "Choose"),
    ("women.not_stated", "نامشخص", "Not stated"),
    ("women.not_assessed", "هنوز سنجیده نشده", "Not assessed yet"),
    ("women.section_identity", "مشخصات", "Identity"),
    (
        "women.section_contact",
        "تماس و محل زندگی",
        "Contact and home",
    ),
    (
        "women.section_situation",
        "وضعیت و توانمندی",
        "Situation and skills",
    ),
    ("women.household", "اعضای خانوار", "Household members"),
    (
        "women.household_help",
        "افرادی که با او زندگی می‌کنند، جز خود او. ردیف‌های خالی نادیده گرفته می‌شوند.",
        "The people who live with her, not counting herself. Empty rows are ignored.",
    ),
    ("women.member", "عضو", "Member"),
    (
        "women.add_member_row",
        "افزودن ردیف عضو",
        "Add a member row",
    ),
    (
        "women.member_rows_full",
        "بیش از ۲۰ عضو را پس از ثبت، از پرونده بیفزایید.",
        "Add more than 20 members from the file after registering.",
    ),
    (
        "women.registered",
        "پرونده ثبت شد",
        "The woman was registered",
    ),
    ("women.updated", "پرونده به‌روز شد", "The record was updated"),
    ("women.edit", "ویرایش", "Edit"),
    ("women.back_to_list", "فهرست زنان", "Back to the list"),
    ("women.sections", "بخش‌های پرونده", "Sections of the file"),
    ("women.details", "مشخصات", "Details"),
    ("women.coverage", "سابقه‌ی پوشش", "Coverage history"),
    ("women.eligibility", "شرایط پذیرش", "Eligibility"),
    (
        "women.inquiries",
        "استعلام از نهادهای دیگر",
        "Inquiries to other bodies",
    ),
    ("women.documents", "مدارک", "Documents"),
    ("women.registered_at", "تاریخ ثبت", "Registered"),
    ("women.years_old", "ساله", "years old"),
    (
        "women.duplicate_warning",
        "این پرونده شاید با پرونده‌ی دیگری تکراری باشد:",
        "This record may duplicate another one:",
    ),
    ("women.other_record", "پرونده‌ی شماره‌ی", "Record no."),
    (
        "women.to_duplicate_queue",
        "بررسی در فهرست موارد احتمالاً تکراری",
        "Review in the queue of likely duplicates",
    ),
    ("women.pension", "مستمری ماهانه", "Monthly pension"),
    ("women.per_month", "در ماه", "a month"),
    (
        "women.pension_unset",
        "جدول مستمری امسال هنوز تعیین نشده است.",
        "This year's pension table is not set yet.",
    ),
    (
        "women.no_members",
        "عضو دیگری در خانوار ثبت نشده است؛ بعد خانوار ۱ است.",
        "No other member is recorded; the household size is 1.",
    ),
    ("women.actions", "کارها", "Actions"),
    ("women.yes", "بله", "Yes"),
    ("women.no", "خیر", "No"),
    ("women.remove", "حذف", "Remove"),
    (
        "women.confirm_remove_member",
        "این عضو از خانوار حذف شود؟",
        "Remove this member from the household?",
    ),
    (
        "women.add_member",
        "افزودن عضو خانوار",
        "Add a household member",
    ),
    (
        "women.member_added",
        "عضو خانوار افزوده شد",
        "The member was added",
    ),
    (
        "women.member_removed",
        "عضو خانوار حذف شد",
        "The member was removed",
    ),
    ("women.decided_by", "تصمیم‌گیرنده:", "Decided by"),
    (
        "women.decide",
        "ثبت تصمیم پوشش",
        "Record a coverage decision",
    ),
    ("women.new_status", "وضعیت تازه", "New status"),
    ("women.not_exit", "فقط برای خروج", "Only for an exit"),
    ("women.record_decision", "ثبت تصمیم", "Record the decision"),
    (
        "women.coverage_recorded",
        "تصمیم پوشش ثبت شد",
        "The decision was recorded",
    ),
    (
        "women.no_inquiries",
        "هنوز استعلامی ثبت نشده است.",
        "No inquiry is recorded yet.",
    ),
    ("women.add_inquiry", "ثبت استعلام", "Record an inquiry"),
    (
        "women.inquiry_added",
        "استعلام ثبت شد",
        "The inquiry was recorded",
    ),
    ("women.received_on", "دریافت در", "received on"),
    ("women.not_received", "دریافت نشده", "Not received"),
    ("women.set_document", "ثبت دریافت مدرک", "Record a document"),
    (
        "women.document_saved",
        "فهرست مدارک به‌روز شد",
        "The checklist was updated",
    ),
    (
        "eligibility.eligible",
        "همه‌ی شرایط پذیرش احراز شده است.",
        "Every eligibility rule holds.",
    ),
    (
        "eligibility.not_eligible",
        "برخی شرایط پذیرش احراز نشده است.",
        "Some eligibility rules do not hold.",
    ),
    (
        "eligibility.incomplete",
        "برای داوری، برخی اطلاعات هنوز کامل نیست.",
        "Some facts are still missing for a verdict.",
    ),
    (
        "eligibility.none",
        "شرایط پذیرش برای این پرونده سنجیده نشد.",
        "Eligibility could not be evaluated for this record.",
    ),
    (
        "duplicates.title",
        "موارد احتمالاً تکراری",
        "Likely duplicates",
    ),
    (
        "duplicates.intro",
        "پرونده‌هایی که به هم شبیه‌اند. اگر هر دو یک نفرند، پرونده‌ای را که باید بماند نگه دارید؛ سابقه‌ی هر دو حفظ می‌شود. اگر دو نفر جدا هستند، مورد را رد کنید.",
        "Records that look alike. If they are the same woman, keep the record that should stay; both histories are kept. If they are different women, dismiss the pair.",
    ),
    (
        "duplicates.none",
        "مورد بررسی‌نشده‌ای نیست.",
        "Nothing is waiting for review.",
    ),
    ("duplicates.keep_this", "این پرونده بماند", "Keep this one"),
    (
        "duplicates.dismiss",
        "دو نفر جدا هستند (رد)",
        "Different women (dismiss)",
    ),
    (
        "duplicates.confirm_merge",
        "پرونده‌ی دیگر در این پرونده ادغام شود؟",
        "Merge the other record into this one?",
    ),
    (
        "duplicates.confirm_dismiss",
        "این دو پرونده متعلق به دو نفر جدا هستند؟",
        "Are these two different women?",
    ),
    (
        "duplicates.outside_scope",
        "پرونده‌ای بیرون از محدوده‌ی شما",
        "A record outside your scope",
    ),
    (
        "duplicates.merged",
        "دو پرونده ادغام شد",
        "The records were merged",
    ),
    (
        "duplicates.dismissed",
        "مورد رد شد",
        "The pair was dismissed",
    ),
    ("programme.title", "تنظیمات برنامه", "Programme settings"),
    (
        "programme.intro",
        "شرایط پذیرش و جدول مستمری که پرونده‌ها بر پایه‌ی آن‌ها سنجیده می‌شوند.",
        "The eligibility rules and the pension table every file is measured against.",
    ),
    ("programme.rules", "شرایط پذیرش", "Eligibility rules"),
    ("programme.all_causes", "همه‌ی علت‌ها", "Every cause"),
    (
        "programme.change_rules",
        "تغییر شرایط پذیرش",
        "Change the rules",
    ),
    (
        "programme.rules_saved",
        "شرایط پذیرش ذخیره شد",
        "The rules were saved",
    ),
    ("programme.pension", "جدول مستمری", "Pension table"),
    ("programme.tier", "بعد خانوار", "Household size"),
    (
        "programme.monthly_amount",
        "مستمری ماهانه",
        "Monthly pension",
    ),
    (
        "programme.pension_not_set",
        "جدول این سال هنوز تعیین نشده است.",
        "The table of this year is not set yet.",
    ),
    (
        "programme.set_pension",
        "تعیین جدول مستمری",
        "Set the pension table",
    ),
    (
        "programme.pension_saved",
        "جدول مستمری ذخیره شد",
        "The pension table was saved",
    ),
    ("programme.updated_by", "آخرین تغییر:", "Last changed by"),
    ("programme.years", "سال", "years"),
    (
        "programme.singlehood",
        "حداقل سن تجرد قطعی به تفکیک استان",
        "Minimum age for definitive singlehood by province",
    ),
    (
        "programme.singlehood_intro",
        "هر استان می‌تواند حداقل سن تجرد قطعی خود را ۴۵، ۵۰ یا ۵۵ سال تعیین کند؛ استانی که تعیین نکرده از حداقل سن کشوری پیروی می‌کند.",
        "Each province may set its own minimum age for definitive singlehood to 45, 50 or 55 years; a province that has not follows the national minimum age.",
    ),
    (
        "programme.singlehood_national",
        "حداقل سن کشوری",
        "National minimum age",
    ),
    (
        "programme.singlehood_none",
        "هیچ استانی حداقل سن جداگانه‌ای تعیین نکرده است.",
        "No province has set its own minimum age.",
    ),
    (
        "programme.singlehood_national_choice",
        "پیروی از حداقل سن کشوری",
        "Follow the national minimum age",
    ),
    (
        "programme.set_singlehood",
        "تعیین حداقل سن یک استان",
        "Set a province's minimum age",
    ),
    (
        "programme.singlehood_saved",
        "حداقل سن تجرد قطعی استان ذخیره شد",
        "The province's minimum age was saved",
    ),
    (
        "field.singlehood_age",
        "حداقل سن تجرد قطعی استان",
        "Province's minimum age for definitive singlehood",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_unique_and_translated_in_both_languages() {
        let mut seen = std::collections::HashSet::new();
        for (key, fa, en) in PHRASES {
            assert!(seen.insert(*key), "duplicate key {key}");
            assert!(
                !fa.trim().is_empty() && !en.trim().is_empty(),
                "empty translation for {key}"
            );
        }
    }

    /// Every phrase table together: a key in two tables would silently hide one of them.
    #[test]
    fn no_key_is_in_two_phrase_tables() {
        let mut seen = std::collections::HashSet::new();
        for (key, _, _) in PHRASES
            .iter()
            .chain(crate::pages::exchange::PHRASES)
            .chain(crate::pages::groups::PHRASES)
            .chain(crate::pages::group_life::PHRASES)
            .chain(crate::pages::facilities::PHRASES)
            .chain(crate::pages::budget::PHRASES)
            .chain(crate::pages::money_reports::PHRASES)
            .chain(crate::pages::money_recipients::PHRASES)
            .chain(crate::pages::grants::PHRASES)
            .chain(crate::pages::spending::PHRASES)
            .chain(crate::pages::press::PHRASES)
        {
            assert!(seen.insert(*key), "the key {key} is in two phrase tables");
        }
    }

    /// Every `ctx.t("…")` of every template names a phrase that exists in both languages, so
    /// no page ever shows a raw key.
    #[test]
    fn every_phrase_a_template_asks_for_exists() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut checked = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for rest in text.split("ctx.t(\"").skip(1) {
                let key = rest.split('"').next().unwrap();
                let (fa, en) = lookup(key).unwrap_or_else(|| {
                    panic!("{} asks for a missing phrase {key}", path.display())
                });
                assert!(!fa.is_empty() && !en.is_empty(), "{key}");
                checked += 1;
            }
        }
        assert!(checked > 300, "only {checked} phrase uses found");
    }

    #[test]
    fn persian_numbers_use_persian_digits_and_separator() {
        assert_eq!(Lang::Fa.number(743_000_000), "۷۴۳٬۰۰۰٬۰۰۰");
        assert_eq!(Lang::En.number(743_000_000), "743,000,000");
    }
}
