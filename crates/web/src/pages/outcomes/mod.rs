//! Outcomes in the browser (issue 19): a woman's forms and her schedule
//! (`/women/{id}/outcomes`), the phone form that records one (`…/outcomes/new`), one form as
//! recorded (`/outcomes/forms/{id}`), the forms owed in a county or by a social worker's own
//! women (`/outcomes`), and the instruments with their versions (`/outcomes/instruments`).
//! Handlers stay thin: who may read answers, what is owed and what a form must hold live in
//! `hamyar_app::outcomes`; the pages turn its rows into words in the reader's language.

mod due;
pub mod exits;
mod form;
mod instruments;
mod woman;

pub use due::{DueLine, due_lines, list};
pub use form::{new_form, record, show_form};
pub use instruments::{
    MAX_FORM_BYTES as MAX_DEFINITION_FORM_BYTES, add_version, instrument, instruments,
};
pub use woman::show;

use hamyar_domain::outcomes::instrument::Words;
use hamyar_domain::outcomes::schedule::Occasion;
use hamyar_i18n::{Arg, Lang};

/// Words in the reader's language.
pub fn words(words: &Words, lang: Lang) -> &str {
    if lang.is_english() {
        &words.en
    } else {
        &words.fa
    }
}

/// «پایه», «پیگیری ۲», «هنگام خروج»…
pub fn occasion_label(occasion: Occasion, lang: Lang) -> String {
    match occasion {
        Occasion::Baseline => lang.t("outcomes-occasion-baseline").to_owned(),
        Occasion::FollowUp(round) => lang.tr(
            "outcomes-occasion-follow_up",
            &[("round", Arg::Number(i64::from(round)))],
        ),
        Occasion::Exit => lang.t("outcomes-occasion-exit").to_owned(),
        Occasion::AfterExit6 => lang.t("outcomes-occasion-after_exit_6").to_owned(),
        Occasion::AfterExit12 => lang.t("outcomes-occasion-after_exit_12").to_owned(),
    }
}
