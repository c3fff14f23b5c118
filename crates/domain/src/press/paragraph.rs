//! The press paragraph composed from a province's figures for a fiscal year.

use serde::Serialize;

use super::amount::{news_amount, news_count, news_year};

/// What a province's press summary reports for one fiscal year. Figures only: no names of
/// people or groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PressFigures {
    /// The province's Persian name, e.g. «قزوین».
    pub province_name_fa: String,
    pub fiscal_year: i32,
    /// Whether the year is the current one: «امسال» and the present tense, else
    /// «در سال ۱۴۰۴» and the state at the year's end.
    pub current_year: bool,
    /// Groups active today (current year) or on the year's last day (past year).
    pub active_groups: u64,
    /// Members of those groups on the same day.
    pub active_members: u64,
    /// Committed this year on training, job preparation and strengthening the groups.
    pub headline_spent_rials: i64,
    /// Grants committed (approved, paid or not) this year.
    pub grants_committed_rials: i64,
    /// Of which paid.
    pub grants_paid_rials: i64,
    /// Groups with a grant committed this year.
    pub groups_granted: u64,
    /// Women with a grant of their own committed this year.
    pub women_granted: u64,
    /// Groups that graduated (became independent) this year.
    pub graduated_groups: u64,
    /// Women who left support as empowered / self-sufficient this year.
    pub women_independent: u64,
}

/// Composes the Persian paragraph; see the module documentation for the rules.
pub fn compose_paragraph(figures: &PressFigures) -> String {
    let province = format!("استان {}", figures.province_name_fa.trim());
    let year = news_year(figures.fiscal_year);
    let when = if figures.current_year {
        "امسال".to_owned()
    } else {
        format!("در سال {year}")
    };
    let mut sentences: Vec<String> = Vec::new();

    if figures.active_groups > 0 {
        let groups = news_count(figures.active_groups);
        let members = if figures.active_members > 0 {
            format!(" با {} عضو", news_count(figures.active_members))
        } else {
            String::new()
        };
        let one = figures.active_groups == 1;
        sentences.push(if figures.current_year {
            let verb = if one { "می‌کند" } else { "می‌کنند" };
            format!("در {province} {groups} گروه همیار زنان سرپرست خانوار{members} فعالیت {verb}.")
        } else {
            let verb = if one { "بود" } else { "بودند" };
            format!(
                "در پایان سال {year}، {groups} گروه همیار زنان سرپرست خانوار{members} در {province} فعال {verb}."
            )
        });
    }

    if let Some(spent) = news_amount(figures.headline_spent_rials) {
        // The province's own office speaks, not the national organisation.
        sentences.push(format!(
            "ادارهٔ کل بهزیستی {province} {when} مبلغ {spent} برای آموزش، آماده‌سازی شغلی و تقویت گروه‌های همیار هزینه کرده است."
        ));
    }

    if let Some(sentence) = grants_sentence(figures) {
        sentences.push(sentence);
    }

    let mut outcomes: Vec<String> = Vec::new();
    if figures.graduated_groups > 0 {
        outcomes.push(format!(
            "{} گروه همیار به استقلال {}",
            news_count(figures.graduated_groups),
            perfect("رسیده", figures.graduated_groups)
        ));
    }
    if figures.women_independent > 0 {
        outcomes.push(format!(
            "{} زن سرپرست خانوار توانمند شده و از چرخهٔ حمایت خارج {}",
            news_count(figures.women_independent),
            perfect("شده", figures.women_independent)
        ));
    }
    if !outcomes.is_empty() {
        // «همچنین» opens the grants' sentence when there is one; two in a row read badly.
        let connective = if sentences.iter().any(|s| s.starts_with("همچنین")) {
            "افزون بر این،"
        } else {
            "همچنین"
        };
        sentences.push(format!("{connective} {when} {}.", outcomes.join(" و ")));
    }

    if sentences.is_empty() {
        return format!("برای {province} {when} رقمی در سامانهٔ همیار ثبت نشده است.");
    }
    sentences.join(" ")
}

/// The present perfect of a participle, agreeing with a counted subject: «رسیده است» for
/// one, «رسیده‌اند» for more.
fn perfect(participle: &str, count: u64) -> String {
    if count == 1 {
        format!("{participle} است")
    } else {
        format!("{participle}\u{200c}اند")
    }
}

/// The grants: to how many groups (and, when no group received one, to how many women);
/// women who hold a share of a group's grant are one figure with the women granted alone,
/// said after the amounts so that no reader adds them to the groups.
fn grants_sentence(figures: &PressFigures) -> Option<String> {
    let to = if figures.groups_granted > 0 {
        format!(" به {} گروه", news_count(figures.groups_granted))
    } else if figures.women_granted > 0 {
        format!(" به {} زن سرپرست خانوار", news_count(figures.women_granted))
    } else {
        String::new()
    };
    let beneficiaries = if figures.groups_granted > 0 && figures.women_granted > 0 {
        format!(
            " {} زن سرپرست خانوار از این کمک‌ها بهره‌مند {}.",
            news_count(figures.women_granted),
            perfect("شده", figures.women_granted)
        )
    } else {
        String::new()
    };
    sentence_of_amounts(figures, &to).map(|sentence| sentence + &beneficiaries)
}

fn sentence_of_amounts(figures: &PressFigures, to: &str) -> Option<String> {
    let committed = news_amount(figures.grants_committed_rials);
    let paid = news_amount(figures.grants_paid_rials);
    match (committed, paid) {
        (Some(committed), Some(_))
            if figures.grants_paid_rials >= figures.grants_committed_rials =>
        {
            Some(format!(
                "همچنین مبلغ {committed} کمک بلاعوض{to} تعهد و پرداخت شده است."
            ))
        }
        (Some(committed), Some(paid)) => Some(format!(
            "همچنین مبلغ {committed} کمک بلاعوض{to} تعهد شده که {paid} آن پرداخت شده است."
        )),
        (Some(committed), None) => Some(format!(
            "همچنین مبلغ {committed} کمک بلاعوض{to} تعهد شده است."
        )),
        (None, Some(paid)) => Some(format!("همچنین مبلغ {paid} کمک بلاعوض پرداخت شده است.")),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn qazvin() -> PressFigures {
        PressFigures {
            province_name_fa: "قزوین".to_owned(),
            fiscal_year: 1405,
            current_year: true,
            active_groups: 30,
            active_members: 0,
            headline_spent_rials: 743_000_000,
            grants_committed_rials: 0,
            grants_paid_rials: 0,
            groups_granted: 0,
            women_granted: 0,
            graduated_groups: 0,
            women_independent: 0,
        }
    }

    #[test]
    fn the_seed_paragraph() {
        assert_eq!(
            compose_paragraph(&qazvin()),
            "در استان قزوین ۳۰ گروه همیار زنان سرپرست خانوار فعالیت می‌کنند. \
             ادارهٔ کل بهزیستی استان قزوین امسال مبلغ ۷۴۳ میلیون ریال برای آموزش، آماده‌سازی شغلی و تقویت \
             گروه‌های همیار هزینه کرده است."
        );
    }

    #[test]
    fn every_clause() {
        let figures = PressFigures {
            active_members: 184,
            grants_committed_rials: 1_250_000_000,
            grants_paid_rials: 800_000_000,
            groups_granted: 4,
            women_granted: 2,
            graduated_groups: 2,
            women_independent: 11,
            ..qazvin()
        };
        assert_eq!(
            compose_paragraph(&figures),
            "در استان قزوین ۳۰ گروه همیار زنان سرپرست خانوار با ۱۸۴ عضو فعالیت می‌کنند. \
             ادارهٔ کل بهزیستی استان قزوین امسال مبلغ ۷۴۳ میلیون ریال برای آموزش، آماده‌سازی شغلی و تقویت \
             گروه‌های همیار هزینه کرده است. همچنین مبلغ یک میلیارد و ۲۵۰ میلیون ریال کمک بلاعوض \
             به ۴ گروه تعهد شده که ۸۰۰ میلیون ریال آن پرداخت شده است. ۲ زن سرپرست خانوار از این \
             کمک‌ها بهره‌مند شده‌اند. افزون بر این، امسال ۲ گروه همیار به استقلال رسیده‌اند و ۱۱ زن سرپرست خانوار توانمند شده و \
             از چرخهٔ حمایت خارج شده‌اند."
        );
    }

    #[test]
    fn verbs_agree_with_one() {
        let figures = PressFigures {
            active_groups: 1,
            headline_spent_rials: 0,
            graduated_groups: 1,
            women_independent: 1,
            ..qazvin()
        };
        assert_eq!(
            compose_paragraph(&figures),
            "در استان قزوین یک گروه همیار زنان سرپرست خانوار فعالیت می‌کند. همچنین امسال یک گروه \
             همیار به استقلال رسیده است و یک زن سرپرست خانوار توانمند شده و از چرخهٔ حمایت خارج \
             شده است."
        );
        let past = PressFigures {
            current_year: false,
            ..figures
        };
        assert!(compose_paragraph(&past).contains("در استان قزوین فعال بود."));
    }

    #[test]
    fn a_past_year_speaks_of_its_end() {
        let figures = PressFigures {
            current_year: false,
            fiscal_year: 1404,
            active_members: 180,
            grants_committed_rials: 300_000_000,
            grants_paid_rials: 300_000_000,
            groups_granted: 1,
            ..qazvin()
        };
        assert_eq!(
            compose_paragraph(&figures),
            "در پایان سال ۱۴۰۴، ۳۰ گروه همیار زنان سرپرست خانوار با ۱۸۰ عضو در استان قزوین \
             فعال بودند. ادارهٔ کل بهزیستی استان قزوین در سال ۱۴۰۴ مبلغ ۷۴۳ میلیون ریال برای آموزش، \
             آماده‌سازی شغلی و تقویت گروه‌های همیار هزینه کرده است. همچنین مبلغ ۳۰۰ میلیون ریال \
             کمک بلاعوض به یک گروه تعهد و پرداخت شده است."
        );
    }

    #[test]
    fn zero_figures_leave_no_clause() {
        let figures = PressFigures {
            active_groups: 0,
            ..qazvin()
        };
        let text = compose_paragraph(&figures);
        assert_eq!(
            text,
            "ادارهٔ کل بهزیستی استان قزوین امسال مبلغ ۷۴۳ میلیون ریال برای آموزش، \
             آماده‌سازی شغلی و تقویت گروه‌های همیار هزینه کرده است."
        );
        assert!(!text.contains('۰') || text.contains("۷۴۳"));
    }

    #[test]
    fn nothing_recorded_says_so() {
        let figures = PressFigures {
            active_groups: 0,
            headline_spent_rials: 0,
            ..qazvin()
        };
        assert_eq!(
            compose_paragraph(&figures),
            "برای استان قزوین امسال رقمی در سامانهٔ همیار ثبت نشده است."
        );
    }

    fn any_figures() -> impl Strategy<Value = PressFigures> {
        let count = prop_oneof![Just(0u64), 1u64..5_000];
        let money = prop_oneof![Just(0i64), 1i64..50_000_000_000_000];
        (
            (1390i32..1420, any::<bool>(), count.clone(), count.clone()),
            (money.clone(), money.clone(), money),
            (count.clone(), count.clone(), count.clone(), count),
        )
            .prop_map(
                |(
                    (fiscal_year, current_year, active_groups, active_members),
                    (headline_spent_rials, grants_committed_rials, grants_paid_rials),
                    (groups_granted, women_granted, graduated_groups, women_independent),
                )| PressFigures {
                    province_name_fa: "کهگیلویه و بویراحمد".to_owned(),
                    fiscal_year,
                    current_year,
                    active_groups,
                    active_members,
                    headline_spent_rials,
                    grants_committed_rials,
                    grants_paid_rials,
                    groups_granted,
                    women_granted,
                    graduated_groups,
                    women_independent,
                },
            )
    }

    /// Whether `text` has a number that is exactly zero (a run of Persian digits, all «۰»).
    fn has_zero_figure(text: &str) -> bool {
        let mut run = String::new();
        for character in text.chars().chain(std::iter::once(' ')) {
            if ('۰'..='۹').contains(&character) || character == '\u{066C}' {
                run.push(character);
            } else {
                if !run.is_empty() && run.chars().all(|c| c == '۰') {
                    return true;
                }
                run.clear();
            }
        }
        false
    }

    proptest! {
        #[test]
        fn no_latin_no_ascii_digit_no_zero_and_whole_sentences(figures in any_figures()) {
            let text = compose_paragraph(&figures);
            prop_assert!(!text.chars().any(|c| c.is_ascii_alphanumeric()), "{}", text);
            prop_assert!(!has_zero_figure(&text), "{}", text);
            prop_assert!(text.ends_with('.'));
            prop_assert!(!text.contains("  "));
            prop_assert!(!text.contains(" .") && !text.contains(" ،"));
            if figures.active_groups == 0 {
                prop_assert!(!text.contains("فعالیت می‌کنند") && !text.contains("فعال بودند"));
            }
            if figures.headline_spent_rials == 0 {
                prop_assert!(!text.contains("آماده‌سازی شغلی"));
            }
            if figures.grants_committed_rials == 0 && figures.grants_paid_rials == 0 {
                prop_assert!(!text.contains("بلاعوض"));
            }
            if figures.graduated_groups == 0 {
                prop_assert!(!text.contains("استقلال"));
            }
            if figures.women_independent == 0 {
                prop_assert!(!text.contains("چرخهٔ حمایت"));
            }
        }
    }
}
