//! A catalogue figure (`hamyar_app::figures`) as a reader meets it on a page: its value in
//! the language's digits and the user's money unit, its name, its definition (a tap away),
//! the sum it is made of ("۳۰ = ۲۷ فعال + ۳ فعال‌شدهٔ دوباره") and the list of the records it
//! counts — only a list the reader may open, narrowed to the sheet's place, and for lists of
//! today's records only when the sheet is counted on today, so the list counts to the figure.

use hamyar_app::access::PlaceId;
use hamyar_app::access::ScopeKind;
use hamyar_app::figures::{Drill, Figure, FigureSheet, FigureUnit};
use hamyar_app::{Actor, Permission};
use hamyar_domain::MoneyUnit;

use crate::format::money;
use hamyar_i18n::Lang;

/// A figure ready for a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureView {
    pub key: &'static str,
    pub label: String,
    pub value: String,
    pub definition: String,
    /// "۳۰ = ۲۷ فعال + ۳ فعال‌شدهٔ دوباره", when the figure is a sum of parts.
    pub parts: Option<String>,
    pub href: Option<String>,
}

/// The place filter of list links for the sheet's place (empty for the country).
fn place_query(sheet: &FigureSheet) -> String {
    match sheet.place_kind {
        ScopeKind::Country => String::new(),
        ScopeKind::Province => format!("province={}", sheet.place.id),
        ScopeKind::County => format!("county={}", sheet.place.id),
    }
}

fn with_place(sheet: &FigureSheet, path: &str, query: &str) -> String {
    let place = place_query(sheet);
    match (place.is_empty(), query.is_empty()) {
        (true, true) => path.to_owned(),
        (true, false) => format!("{path}?{query}"),
        (false, true) => format!("{path}?{place}"),
        (false, false) => format!("{path}?{place}&{query}"),
    }
}

/// The list behind `drill`, when `actor` may open it.
pub fn drill_href(
    sheet: &FigureSheet,
    drill: &Drill,
    actor: &Actor,
    province_of_county: Option<PlaceId>,
) -> Option<String> {
    match drill {
        Drill::Groups { stages } => actor.can(Permission::ViewGroups).then(|| {
            let codes: Vec<&str> = stages.iter().map(|s| s.code()).collect();
            with_place(sheet, "/groups", &format!("stage={}", codes.join(",")))
        }),
        Drill::Women { status } => actor
            .can(Permission::ViewRegistry)
            .then(|| with_place(sheet, "/women", &format!("status={}", status.code()))),
        Drill::BudgetReport => {
            let province = match sheet.place_kind {
                ScopeKind::Province => Some(sheet.place.id),
                ScopeKind::County => province_of_county,
                ScopeKind::Country => None,
            }?;
            actor.can(Permission::ViewMoney).then(|| {
                format!(
                    "/money/reports/budget?province={province}&year={}",
                    sheet.fiscal_year
                )
            })
        }
        Drill::VisitsDue => actor
            .can(Permission::ViewGroups)
            .then(|| with_place(sheet, "/visits/due", "")),
        // The training report of the sheet's place and span, which lists the runs counted.
        Drill::Training => actor.can(Permission::ViewDashboards).then(|| {
            format!(
                "/training/report?place={}&year={}&from={}&to={}",
                sheet.place.id, sheet.fiscal_year, sheet.from, sheet.to
            )
        }),
        // The outcome report of the sheet's place and span (its breakdowns by county, field
        // and cohort; small cells hidden from readers without personal data).
        Drill::Outcomes => actor.can(Permission::ViewDashboards).then(|| {
            format!(
                "/outcomes/report?place={}&year={}&from={}&to={}",
                sheet.place.id, sheet.fiscal_year, sheet.from, sheet.to
            )
        }),
        Drill::Grants => actor
            .can(Permission::ViewMoneyRecords)
            .then(|| format!("/money/grants?year={}", sheet.fiscal_year)),
    }
}

/// A value as read: a count in the language's digits, money in the user's unit.
pub fn value_text(value: i64, unit: FigureUnit, lang: Lang, money_unit: MoneyUnit) -> String {
    match unit {
        FigureUnit::Count => lang.number(value),
        FigureUnit::Rials => money(value, money_unit, lang),
    }
}

/// `figure` for a page.
pub fn figure_view(
    sheet: &FigureSheet,
    figure: &Figure,
    actor: &Actor,
    lang: Lang,
    money_unit: MoneyUnit,
    province_of_county: Option<PlaceId>,
) -> FigureView {
    let english = lang.is_english();
    let value = value_text(figure.value, figure.def.unit, lang, money_unit);
    let parts = (!figure.parts.is_empty()).then(|| {
        let terms: Vec<String> = figure
            .parts
            .iter()
            .map(|part| {
                let name = if english { part.name_en } else { part.name_fa };
                format!(
                    "{} {name}",
                    value_text(part.value, figure.def.unit, lang, money_unit)
                )
            })
            .collect();
        format!("{value} = {}", terms.join(" + "))
    });
    FigureView {
        key: figure.def.key,
        label: lang.t(figure.def.name_id).to_owned(),
        value,
        definition: lang.t(figure.def.definition_id).to_owned(),
        parts,
        href: figure
            .drill
            .as_ref()
            .and_then(|drill| drill_href(sheet, drill, actor, province_of_county)),
    }
}

#[cfg(test)]
mod tests {
    use hamyar_app::figures::CATALOGUE;
    use hamyar_app::group_life::visit_figures::{self, FigureDefinition};
    use hamyar_domain::group_life::{DUE_WITHIN_DAYS, NO_VISIT_MONTHS_DEFAULT};
    use hamyar_i18n::Lang;

    /// Every figure's (key, name id, definition id): the catalogue's and the visit figures'
    /// (some of which only the visits' work list and the dashboard's note show).
    fn every_figure() -> Vec<(&'static str, &'static str, &'static str)> {
        let mut all: Vec<_> = CATALOGUE
            .iter()
            .map(|f| (f.key, f.name_id, f.definition_id))
            .collect();
        let visits: Vec<FigureDefinition> = visit_figures::FIGURES
            .into_iter()
            .chain([visit_figures::UNDER_FOLLOW_UP])
            .collect();
        for f in visits {
            if !all.iter().any(|(key, ..)| *key == f.key) {
                all.push((f.key, f.name_id, f.definition_id));
            }
        }
        all
    }

    /// Every figure's words exist in every language, and a definition is a sentence.
    #[test]
    fn every_figure_has_its_name_and_definition_in_every_language() {
        let figures = every_figure();
        assert_eq!(figures.len(), 35);
        for lang in Lang::ALL {
            for (key, name, definition) in &figures {
                let name = lang.find(name);
                assert!(name.is_some_and(|n| !n.trim().is_empty()), "{key}");
                let definition = lang.find(definition).unwrap_or_default();
                assert!(definition.ends_with('.'), "{key} in {}", lang.code());
            }
        }
    }

    /// The names of every figure, and the definitions of a few, read word for word as they
    /// did when they were Rust strings of the catalogue. A name changed on purpose in
    /// `figures.ftl` is changed here too.
    #[test]
    fn the_figures_words_are_the_words_they_had() {
        let names: [(&str, &str, &str); 35] = [
            ("groups.active", "گروه‌های فعال", "Active groups"),
            ("groups.open", "گروه‌های پایان‌نیافته", "Groups not ended"),
            ("groups.formed", "گروه‌های تشکیل‌شده", "Groups formed"),
            (
                "members.joined",
                "زنان پیوسته به گروه‌ها",
                "Women joining groups",
            ),
            ("members.open_groups", "اعضای گروه‌ها", "Group members"),
            (
                "members.active_groups",
                "اعضای گروه‌های فعال",
                "Members of active groups",
            ),
            ("women.covered", "زنان تحت پوشش", "Women covered"),
            ("women.waiting", "زنان پشت نوبت", "Women waiting"),
            (
                "women.empowered",
                "زنان توانمندشده",
                "Women who became independent",
            ),
            ("groups.graduated", "گروه‌های مستقل‌شده", "Groups graduated"),
            ("business.sales", "فروش گروه‌ها", "Groups' sales"),
            ("business.jobs", "شغل‌های ایجادشده", "Jobs created"),
            ("visits.owed", "بازدیدهای موعد", "Visits owed"),
            ("visits.kept", "بازدیدهای انجام‌شده", "Visits kept"),
            (
                "visits.follow_ups_overdue",
                "پیگیری‌های معوق",
                "Overdue follow-ups",
            ),
            (
                "visits.groups_owed_a_visit",
                "گروه‌های بی‌بازدید",
                "Groups owed a visit",
            ),
            (
                "money.headline_spent",
                "هزینهٔ آموزش، آماده‌سازی شغلی و تقویت گروه‌ها",
                "Spent on training, job preparation and strengthening",
            ),
            ("grants.committed", "کمک بلاعوض تعهدشده", "Grants committed"),
            ("grants.paid", "کمک بلاعوض پرداخت‌شده", "Grants paid"),
            ("grants.groups", "گروه‌های کمک‌گرفته", "Groups granted"),
            ("grants.women", "زنان کمک‌گرفته", "Women granted"),
            ("visits.recorded", "بازدیدهای ثبت‌شده", "Visits recorded"),
            (
                "visits.follow_ups_due",
                "پیگیری‌های سررسید نزدیک",
                "Follow-ups due",
            ),
            (
                "visits.under_follow_up",
                "گروه زیر پیگیری",
                "Group under follow-up",
            ),
            (
                "training.runs",
                "دوره‌های آموزشی برگزارشده",
                "Training courses held",
            ),
            ("training.enrolled", "ثبت‌نام در دوره‌ها", "Course enrolments"),
            ("training.completed", "تکمیل دوره", "Course completions"),
            ("training.women", "زنان آموزش‌دیده", "Women trained"),
            (
                "training.hours",
                "ساعت‌های آموزش",
                "Training hours delivered",
            ),
            (
                "training.paid",
                "پرداخت برای دوره‌ها",
                "Paid for training runs",
            ),
            (
                "training.cost_per_completer",
                "هزینه برای هر تکمیل دوره",
                "Cost per course completion",
            ),
            (
                "outcomes.women_paired",
                "زنان پیگیری‌شده از فرم پایه",
                "Women followed from baseline",
            ),
            (
                "outcomes.earning_share",
                "زنان درآمددار (درصد)",
                "Women earning (percent)",
            ),
            (
                "outcomes.self_esteem_change",
                "تغییر عزت‌نفس (دهم امتیاز)",
                "Change in self-esteem (tenths of a point)",
            ),
            ("outcomes.returned", "بازگشت به پوشش", "Returns to coverage"),
        ];
        let figures = every_figure();
        let mut keys: Vec<&str> = figures.iter().map(|(key, ..)| *key).collect();
        let mut named: Vec<&str> = names.iter().map(|(key, ..)| *key).collect();
        keys.sort_unstable();
        named.sort_unstable();
        assert_eq!(keys, named, "every figure is in the table");
        let ids = |key: &str| {
            *figures
                .iter()
                .find(|(k, ..)| *k == key)
                .expect("a figure of the table")
        };
        for (key, fa, en) in names {
            let (_, name, _) = ids(key);
            assert_eq!(Lang::Fa.t(name), fa, "{key}");
            assert_eq!(Lang::En.t(name), en, "{key}");
        }
        let definitions: [(&str, &str, &str); 4] = [
            (
                "groups.active",
                "گروه‌هایی که آخرین مرحلهٔ ثبت‌شده‌شان تا آن روز «فعال» یا «فعال‌شدهٔ دوباره» است.",
                "Groups whose latest recorded stage on the day is active or reactivated.",
            ),
            (
                "women.empowered",
                "زنانی که پوششان در این بازه با علت «توانمند شده» پایان یافته است.",
                "Women whose coverage ended within the span with the reason «empowered».",
            ),
            (
                "visits.follow_ups_due",
                "پیگیری‌های باز گروه‌های پایان‌نیافته که موعدشان از امروز تا ۱۴ روز دیگر است.",
                "Open follow-ups of groups that have not ended, due from today to 14 days ahead.",
            ),
            (
                "money.headline_spent",
                "مبلغ تعهدشده (تأییدشده یا پرداخت‌شده) تا آن روز از ردیف‌های بودجهٔ امسالِ همان محل در سه سرفصل آموزش، آماده‌سازی شغلی و تقویت گروه‌ها (استان: ردیف‌های ستاد استان و همهٔ شهرستان‌هایش؛ شهرستان: ردیف‌های خود شهرستان).",
                "The amount committed (approved or paid) by the day on this year's budget lines of the place in the three headline categories — training, job preparation and strengthening (a province: its headquarters' lines and all its counties'; a county: the county's own lines).",
            ),
        ];
        for (key, fa, en) in definitions {
            let (_, _, definition) = ids(key);
            assert_eq!(Lang::Fa.t(definition), fa, "{key}");
            assert_eq!(Lang::En.t(definition), en, "{key}");
        }
    }

    /// The definitions state the numbers the rules count with.
    #[test]
    fn the_definitions_name_the_numbers_the_rules_use() {
        let due = visit_figures::FOLLOW_UPS_DUE.definition_id;
        for lang in Lang::ALL {
            let days = lang.digits(&DUE_WITHIN_DAYS.to_string());
            assert!(lang.t(due).contains(&days), "{}", lang.code());
        }
        assert_eq!(NO_VISIT_MONTHS_DEFAULT, 3);
        let owed = visit_figures::VISITS_OWED.definition_id;
        assert!(Lang::En.t(owed).contains("three by default"));
        assert!(Lang::Fa.t(owed).contains("پیش‌فرض سه ماه"));
    }
}
