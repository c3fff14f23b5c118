//! The compiled-in catalogue: each language's Fluent resource files, parsed once into a
//! bundle, and every message without arguments rendered once so that pages look words up
//! without formatting. Adding a language adds one `resources!` list here and a `Lang`
//! variant (see `docs/TRANSLATING.md`); the tests check that the lists name every file.

use std::collections::HashMap;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::Lang;

/// An argument of a message: text as it is, or a number (written in the language's digits,
/// and selecting plural forms).
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    Text(&'a str),
    Number(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(text)
    }
}

impl From<i64> for Arg<'_> {
    fn from(number: i64) -> Self {
        Arg::Number(number)
    }
}

/// The resource files of one language, each as (area, text).
macro_rules! resources {
    ($code:literal: $($area:literal),* $(,)?) => {
        &[$(($area, include_str!(concat!("../locales/", $code, "/", $area, ".ftl")))),*]
    };
}

/// The areas, the same for every language (a test compares them with the folders).
pub(crate) const PERSIAN: &[(&str, &str)] = resources!("fa":
    "accounts", "api", "app", "bank-loans", "budget", "dashboard", "documents", "exchange", "exports", "exchange-errors", "facilities", "field", "figures", "grants", "group-life", "groups", "history", "imports", "job-preparation",
    "fund",
    "fund-pages",
    "sms",
    "money-recipients", "money-reports", "outcomes", "outcomes-import", "outcomes-report", "plan", "press", "spending", "today", "training", "training-certificates", "training-imports", "training-plans", "validation", "woman-file");
pub(crate) const ENGLISH: &[(&str, &str)] = resources!("en":
    "accounts", "api", "app", "bank-loans", "budget", "dashboard", "documents", "exchange", "exports", "exchange-errors", "facilities", "field", "figures", "grants", "group-life", "groups", "history", "imports", "job-preparation",
    "fund",
    "fund-pages",
    "sms",
    "money-recipients", "money-reports", "outcomes", "outcomes-import", "outcomes-report", "plan", "press", "spending", "today", "training", "training-certificates", "training-imports", "training-plans", "validation", "woman-file");

/// The resource files of a language.
pub(crate) fn resources(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::Fa => PERSIAN,
        Lang::En => ENGLISH,
    }
}

struct Language {
    bundle: FluentBundle<FluentResource>,
    /// Every message that needs no argument, rendered once.
    plain: HashMap<String, &'static str>,
}

fn language(lang: Lang) -> &'static Language {
    static LANGUAGES: OnceLock<Vec<Language>> = OnceLock::new();
    let all = LANGUAGES.get_or_init(|| Lang::ALL.into_iter().map(load).collect());
    let index = Lang::ALL
        .iter()
        .position(|l| *l == lang)
        .expect("every language is in Lang::ALL");
    &all[index]
}

/// Parses a language's files into a bundle. The files are part of the binary and the tests
/// parse every one of them, so a broken file cannot be shipped: failing here is a bug.
fn load(lang: Lang) -> Language {
    let id: unic_langid::LanguageIdentifier = lang.code().parse().expect("a valid language code");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // The words are placed in pages that set their own direction; isolation marks around
    // every argument would only show up in copied text and exports.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(match lang {
        Lang::Fa => persian_number,
        Lang::En => english_number,
    }));
    for (area, text) in resources(lang) {
        let resource = FluentResource::try_new((*text).to_owned()).unwrap_or_else(|(_, errors)| {
            panic!(
                "locales/{}/{area}.ftl does not parse: {errors:?}",
                lang.code()
            )
        });
        bundle.add_resource(resource).unwrap_or_else(|errors| {
            panic!(
                "locales/{}/{area}.ftl repeats a message: {errors:?}",
                lang.code()
            )
        });
    }
    let mut plain = HashMap::new();
    for (id, text) in message_ids(lang)
        .into_iter()
        .filter_map(|id| render(&bundle, &id, None).map(|text| (id, text)))
    {
        plain.insert(id, &*Box::leak(text.into_boxed_str()));
    }
    Language { bundle, plain }
}

/// The ids of every message of a language's files.
pub(crate) fn message_ids(lang: Lang) -> Vec<String> {
    let mut ids = Vec::new();
    for (_, text) in resources(lang) {
        if let Ok(resource) = FluentResource::try_new((*text).to_owned()) {
            for entry in resource.entries() {
                if let fluent_syntax::ast::Entry::Message(message) = entry {
                    ids.push(message.id.name.to_owned());
                }
            }
        }
    }
    ids
}

fn render(
    bundle: &FluentBundle<FluentResource>,
    id: &str,
    args: Option<&FluentArgs>,
) -> Option<String> {
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    errors.is_empty().then(|| text.into_owned())
}

pub(crate) fn plain(lang: Lang, id: &str) -> Option<&'static str> {
    language(lang).plain.get(id).copied()
}

pub(crate) fn format(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
    let mut fluent_args = FluentArgs::new();
    for (name, arg) in args {
        match arg {
            Arg::Text(text) => fluent_args.set(*name, *text),
            Arg::Number(number) => fluent_args.set(*name, *number),
        }
    }
    render(&language(lang).bundle, id, Some(&fluent_args))
}

fn persian_number<M>(value: &FluentValue, _: &M) -> Option<String> {
    whole_number(value).map(|n| Lang::Fa.number(n))
}

fn english_number<M>(value: &FluentValue, _: &M) -> Option<String> {
    whole_number(value).map(|n| Lang::En.number(n))
}

fn whole_number(value: &FluentValue) -> Option<i64> {
    match value {
        FluentValue::Number(number) if number.value.fract() == 0.0 => Some(number.value as i64),
        _ => None,
    }
}
