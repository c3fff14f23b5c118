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
    MAP.get_or_init(|| PHRASES.iter().map(|(k, fa, en)| (*k, (*fa, *en))).collect())
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
        "دست‌کم ۱۰ نویسه، بدون نام کاربری",
        "At least 10 characters, without the username",
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
        "login.disabled",
        "این حساب غیرفعال شده است؛ با مدیر سامانه تماس بگیرید",
        "This account is disabled; contact the administrator",
    ),
    (
        "login.expired",
        "نشست شما به پایان رسید؛ دوباره وارد شوید",
        "Your session ended; please log in again",
    ),
    (
        "login.rate_limited",
        "تلاش‌های ناموفق بسیار بوده است؛ کمی بعد دوباره تلاش کنید",
        "Too many attempts; try again a little later",
    ),
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
        "بخش‌های ثبت زنان سرپرست خانوار، گروه‌ها و اعتبارات در همین منو افزوده می‌شوند.",
        "The registry of women, groups and money will appear in this menu.",
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

    #[test]
    fn persian_numbers_use_persian_digits_and_separator() {
        assert_eq!(Lang::Fa.number(743_000_000), "۷۴۳٬۰۰۰٬۰۰۰");
        assert_eq!(Lang::En.number(743_000_000), "743,000,000");
    }
}
